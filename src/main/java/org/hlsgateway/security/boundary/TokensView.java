package org.hlsgateway.security.boundary;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.hlsgateway.security.control.UserException;
import org.hlsgateway.security.entity.IssuedToken;

/** The long-lived tokens on the console's users page: who minted each, for what, until when; revoke one. */
@Named
@ViewScoped
public class TokensView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient IssuedTokens service;

    private List<IssuedToken> tokens;

    public List<IssuedToken> getTokens() {
        if (tokens == null) {
            tokens = service.live();
        }
        return tokens;
    }

    public void revoke(long id) {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            service.revoke(id);
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, "Revoked token #" + id, null));
        } catch (UserException e) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
        }
        tokens = null;
    }
}
