package org.hlsgateway.security.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.interceptor.Interceptors;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.hlsgateway.database.boundary.DatabaseOutages;
import org.hlsgateway.security.control.Audit;
import org.hlsgateway.security.control.ChannelLimits;
import org.hlsgateway.security.control.UserException;
import org.hlsgateway.security.entity.Role;
import org.hlsgateway.security.entity.User;

/** Users and their passwords. Managing users is for admins; everyone may change their own password. */
@Stateless
@Interceptors(DatabaseOutages.class) // a lost connection: 503, logged once, no stack trace per call
@RolesAllowed(Role.ADMIN_NAME)
public class UserService {

    private static final Logger LOG = Logger.getLogger(UserService.class.getName());
    public static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    public static final String USERNAME_RULE = "user name must match [a-z0-9][a-z0-9._-]{0,63}";

    @PersistenceContext
    EntityManager em;

    @Inject
    Passwords passwords;

    @Inject
    Revocations revocations;

    @Resource
    SessionContext session;

    public List<User> all() {
        return em.createNamedQuery(User.ALL, User.class).getResultList();
    }

    /** For the identity store: any caller, even before login, may look a user up. */
    @PermitAll
    public Optional<User> find(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            return Optional.empty();
        }
        return em.createNamedQuery(User.BY_NAME, User.class).setParameter("username", username)
                .getResultStream().findFirst();
    }

    public User create(String username, String password, Role role) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new UserException(USERNAME_RULE);
        }
        requirePassword(password);
        if (role == null) {
            throw new UserException("role must be admin or viewer");
        }
        if (find(username).isPresent()) {
            throw new UserException(409, "user name '" + username + "' is taken");
        }
        User user = new User();
        user.setUsername(username);
        user.setPasswordHash(passwords.hash(password));
        user.setRole(role);
        em.persist(user);
        revocations.changed(user);
        LOG.info(() -> caller() + " created user " + username + " (" + role.roleName() + ")");
        return user;
    }

    public void setEnabled(String username, boolean enabled) {
        User user = existing(username);
        if (!enabled) {
            refuseOwnAccountAndLastAdmin(user, "disable");
        }
        user.setEnabled(enabled);
        if (!enabled) {
            revokeTokens(user, "disabled");
        }
        LOG.info(() -> caller() + (enabled ? " enabled" : " disabled") + " user " + username);
    }

    public void delete(String username) {
        User user = existing(username);
        refuseOwnAccountAndLastAdmin(user, "delete");
        em.remove(user);
        revocations.deleted(user);
        Audit.revokedUser(caller(), username, "deleted");
        LOG.info(() -> caller() + " deleted user " + username);
    }

    public void resetPassword(String username, String password) {
        User user = existing(username);
        requirePassword(password);
        user.setPasswordHash(passwords.hash(password));
        revokeTokens(user, "password reset");
        LOG.info(() -> caller() + " reset the password of " + username);
    }

    /**
     * Limits a viewer to {@code groups} and single {@code channels} (both empty: every channel). Revokes the
     * tokens the user minted so far, so none opens a channel outside the new limits.
     */
    public void setLimits(String username, java.util.Set<String> groups, java.util.Set<String> channels) {
        User user = existing(username);
        String problem = ChannelLimits.problem(groups) != null ? ChannelLimits.problem(groups) : ChannelLimits.problem(channels);
        if (problem != null) {
            throw new UserException(problem);
        }
        if (user.getRole() == Role.ADMIN && !(groups.isEmpty() && channels.isEmpty())) {
            throw new UserException("admins see every channel: limits are for viewers");
        }
        user.setAllowedGroups(ChannelLimits.store(groups));
        user.setAllowedChannels(ChannelLimits.store(channels));
        revokeTokens(user, "channel limits changed");
        LOG.info(() -> caller() + " limited " + username + " to groups " + groups + " and channels " + channels);
    }

    @RolesAllowed({Role.ADMIN_NAME, Role.VIEWER_NAME})
    public void changeOwnPassword(String current, String replacement) {
        User user = existing(caller());
        if (current == null || !passwords.verify(user.getUsername(), current, user.getPasswordHash())) {
            throw new UserException("the current password is wrong");
        }
        requirePassword(replacement);
        user.setPasswordHash(passwords.hash(replacement));
        revokeTokens(user, "password changed");
        LOG.info(() -> user.getUsername() + " changed their password");
    }

    /** Creates the first admin when there are no users yet; used once at start-up. */
    @PermitAll
    public boolean createFirstAdmin(String password) {
        long users = em.createNamedQuery(User.COUNT, Long.class).getSingleResult();
        if (users > 0) {
            return false;
        }
        User admin = new User();
        admin.setUsername("admin");
        admin.setPasswordHash(passwords.hash(password));
        admin.setRole(Role.ADMIN);
        em.persist(admin);
        revocations.changed(admin);
        return true;
    }

    /** Every token the user minted so far stops working from the next request. */
    private void revokeTokens(User user, String why) {
        user.revokeTokens();
        revocations.changed(user);
        Audit.revokedUser(caller(), user.getUsername(), why);
    }

    private User existing(String username) {
        return find(username).orElseThrow(() -> new UserException(404, "no user named '" + username + "'"));
    }

    private void refuseOwnAccountAndLastAdmin(User user, String action) {
        if (user.getUsername().equals(caller())) {
            throw new UserException(403, "you cannot " + action + " your own account");
        }
        if (user.getRole() == Role.ADMIN && user.isEnabled()) {
            long admins = all().stream().filter(u -> u.getRole() == Role.ADMIN && u.isEnabled()).count();
            if (admins <= 1) {
                throw new UserException(403, "you cannot " + action + " the last enabled admin");
            }
        }
    }

    private static void requirePassword(String password) {
        String problem = Passwords.problem(password);
        if (problem != null) {
            throw new UserException(problem);
        }
    }

    private String caller() {
        return session.getCallerPrincipal().getName();
    }
}
