package org.hlsgateway.security.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.hlsgateway.security.control.UserException;

/** Any logged-in user changes their own password at {@code /hls_gateway/account/password.xhtml}. */
@Named
@RequestScoped
public class AccountView {

    @Inject
    UserService users;

    private String current;
    private String replacement;
    private String repeat;

    public void change() {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (replacement == null || !replacement.equals(repeat)) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, "the new passwords differ", null));
            return;
        }
        try {
            users.changeOwnPassword(current, replacement);
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, "Password changed", null));
        } catch (UserException e) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
        }
    }

    public String getCurrent() {
        return current;
    }

    public void setCurrent(String current) {
        this.current = current;
    }

    public String getReplacement() {
        return replacement;
    }

    public void setReplacement(String replacement) {
        this.replacement = replacement;
    }

    public String getRepeat() {
        return repeat;
    }

    public void setRepeat(String repeat) {
        this.repeat = repeat;
    }
}
