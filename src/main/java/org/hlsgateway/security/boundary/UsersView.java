package org.hlsgateway.security.boundary;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hlsgateway.security.control.ChannelLimits;
import org.hlsgateway.security.control.UserException;
import org.hlsgateway.security.entity.Role;
import org.hlsgateway.security.entity.User;

/** User management at {@code /hls_gateway/admin/users/} (admins only). */
@Named
@ViewScoped
public class UsersView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient UserService service;

    private List<User> users;
    private final Map<String, String> resetPasswords = new HashMap<>();
    private final Map<String, String> groupLimits = new HashMap<>();
    private final Map<String, String> channelLimits = new HashMap<>();
    private String newUsername;
    private String newPassword;
    private Role newRole = Role.VIEWER;

    public List<User> getUsers() {
        if (users == null) {
            users = service.all();
            for (User u : users) {
                groupLimits.put(u.getUsername(), String.join(", ", new java.util.TreeSet<>(ChannelLimits.read(u.getAllowedGroups()))));
                channelLimits.put(u.getUsername(), String.join(", ", new java.util.TreeSet<>(ChannelLimits.read(u.getAllowedChannels()))));
            }
        }
        return users;
    }

    public void add() {
        act(() -> service.create(newUsername, newPassword, newRole), "Added " + newUsername);
        newUsername = null;
        newPassword = null;
    }

    public void enable(String username, boolean enabled) {
        act(() -> service.setEnabled(username, enabled), (enabled ? "Enabled " : "Disabled ") + username);
    }

    public void delete(String username) {
        act(() -> service.delete(username), "Deleted " + username);
    }

    public void reset(String username) {
        String password = resetPasswords.remove(username);
        act(() -> service.resetPassword(username, password), "New password set for " + username);
    }

    /** Limits a viewer to the groups and channels typed (comma-separated); both empty lifts the limits. */
    public void limit(String username) {
        java.util.Set<String> groups = ChannelLimits.parseList(groupLimits.get(username));
        java.util.Set<String> channels = ChannelLimits.parseList(channelLimits.get(username));
        act(() -> service.setLimits(username, groups, channels), groups.isEmpty() && channels.isEmpty()
                ? username + " sees every channel" : username + " limited to groups " + groups + " and channels " + channels);
    }

    public Map<String, String> getGroupLimits() {
        return groupLimits;
    }

    public Map<String, String> getChannelLimits() {
        return channelLimits;
    }

    private void act(Runnable action, String done) {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            action.run();
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, done, null));
        } catch (UserException e) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
        }
        users = null;
    }

    public Map<String, String> getResetPasswords() {
        return resetPasswords;
    }

    public Role[] getRoles() {
        return Role.values();
    }

    public String getNewUsername() {
        return newUsername;
    }

    public void setNewUsername(String newUsername) {
        this.newUsername = newUsername;
    }

    public String getNewPassword() {
        return newPassword;
    }

    public void setNewPassword(String newPassword) {
        this.newPassword = newPassword;
    }

    public Role getNewRole() {
        return newRole;
    }

    public void setNewRole(Role newRole) {
        this.newRole = newRole;
    }
}
