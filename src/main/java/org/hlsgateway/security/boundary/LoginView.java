package org.hlsgateway.security.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/** The login page at {@code /hls_gateway/login.xhtml} and the logout button. */
@Named
@RequestScoped
public class LoginView {

    @Inject
    SecurityContext security;

    private String username;
    private String password;
    private String next;

    public void login() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        AuthenticationStatus status = security.authenticate(request, (HttpServletResponse) external.getResponse(),
                AuthenticationParameters.withParams().newAuthentication(true)
                        .credential(new UsernamePasswordCredential(username == null ? "" : username,
                                new Password(password == null ? "" : password))));
        switch (status) {
            case SUCCESS -> external.redirect(request.getContextPath() + safeNext());
            case SEND_CONTINUE -> faces.responseComplete();
            default -> {
                Object locked = request.getAttribute(GatewayAuthentication.LOCKED_SECONDS);
                boolean noDatabase = request.getAttribute(GatewayAuthentication.DATABASE_UNAVAILABLE) != null;
                String message = noDatabase ? "The database is unavailable; try again in a few seconds."
                        : locked != null
                        ? "Too many failed logins: try again in " + locked + " s."
                        : "Wrong user name or password.";
                faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
                if (!faces.getResponseComplete()) {
                    ((HttpServletResponse) external.getResponse()).setStatus(noDatabase
                            ? HttpServletResponse.SC_SERVICE_UNAVAILABLE : HttpServletResponse.SC_UNAUTHORIZED);
                }
            }
        }
    }

    public void logout() throws IOException, ServletException {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        request.logout();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        external.redirect(request.getContextPath() + "/login.xhtml?loggedOut=true");
    }

    /** Only a path inside the gateway: never another site. */
    String safeNext() {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")
                || next.chars().anyMatch(c -> c < 0x20) || next.startsWith("/login.xhtml")) {
            return "/admin/list/";
        }
        return next;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getNext() {
        return next;
    }

    public void setNext(String next) {
        this.next = next;
    }
}
