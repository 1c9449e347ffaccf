package org.hlsgateway.security.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hlsgateway.config.GatewayConfig;
import org.hlsgateway.database.boundary.DatabaseStatus;
import org.hlsgateway.database.control.DatabaseUnavailableException;
import org.hlsgateway.security.control.ConsoleLogin;

/**
 * The gateway's one authentication mechanism (Jakarta Security): a login form with a session
 * for the console, HTTP Basic for {@code /api/*}. The API never answers with a login page.
 */
@ApplicationScoped
public class GatewayAuthentication implements HttpAuthenticationMechanism {

    public static final String LOCKED_SECONDS = "hls.login.lockedSeconds";
    /** Set on the request when a login could not be checked because the database is unavailable. */
    public static final String DATABASE_UNAVAILABLE = "hls.login.databaseUnavailable";
    static final String SESSION_CALLER = "hls.caller";
    static final String SESSION_GROUPS = "hls.groups";
    /** In cluster mode: the login's claim, whose signed cookie lets any node restore it ({@link ConsoleLogins}). */
    static final String SESSION_LOGIN = "hls.login";
    /** When this session's login was last checked against the cluster's logouts (epoch millis). */
    static final String SESSION_CHECKED = "hls.login.checked";
    private static final Logger LOG = Logger.getLogger(GatewayAuthentication.class.getName());
    private static final String REALM = "Basic realm=\"HLS Gateway\", charset=\"UTF-8\"";

    @Inject
    IdentityStoreHandler identities;

    @Inject
    LoginGuard guard;

    @Inject
    GatewayConfig config;

    @Inject
    DatabaseStatus database;

    @Inject
    ConsoleLogins logins;

    @Inject
    UserService users;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        try {
            return authenticate(request, response, context);
        } catch (RuntimeException e) {
            // the server would turn this into a bare 403 page and log nothing: say what went wrong
            LOG.log(Level.SEVERE, "authentication of " + request.getMethod() + " " + request.getRequestURI() + " failed", e);
            throw e;
        }
    }

    private AuthenticationStatus authenticate(HttpServletRequest request, HttpServletResponse response,
                                              HttpMessageContext context) {
        Credential credential = context.getAuthParameters().getCredential();
        if (credential instanceof UsernamePasswordCredential login) {
            return formLogin(login, request, response, context);
        }
        if (isApi(request)) {
            return basic(request, response, context);
        }
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(SESSION_CALLER) instanceof String caller) {
            ConsoleLogin.Claim claim = logins.enabled() && session.getAttribute(SESSION_LOGIN) instanceof ConsoleLogin.Claim c
                    ? c : null;
            if (claim == null || !loggedOutElsewhere(session, claim)) {
                if (claim != null && logins.dueForRenewal(claim)) {
                    session.setAttribute(SESSION_LOGIN, logins.renew(claim, request, response));
                }
                @SuppressWarnings("unchecked")
                Set<String> groups = (Set<String>) session.getAttribute(SESSION_GROUPS);
                return context.notifyContainerAboutLogin(caller, groups);
            }
            session.invalidate(); // logged out on another node
        } else if (logins.enabled()) {
            AuthenticationStatus restored = restore(request, response, context);
            if (restored != null) {
                return restored;
            }
        }
        if (context.isProtected() && "partial/ajax".equals(request.getHeader("Faces-Request"))) {
            return SessionEnded.answerAjax(request, response); // a 302 would be followed by the XHR, unseen
        }
        if (context.isProtected()) {
            String target = request.getRequestURI().substring(request.getContextPath().length())
                    + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
            return context.redirect(request.getContextPath() + "/login.xhtml?next="
                    + URLEncoder.encode(target, StandardCharsets.UTF_8));
        }
        return context.doNothing();
    }

    /**
     * Whether the login was ended on another node. Asked of the grid at most once a second per session: every
     * request of a logged-in browser passes here, its player's segment requests too.
     */
    private boolean loggedOutElsewhere(HttpSession session, ConsoleLogin.Claim claim) {
        long now = System.currentTimeMillis();
        if (session.getAttribute(SESSION_CHECKED) instanceof Long checked && now - checked < 1_000) {
            return false;
        }
        boolean out = logins.loggedOut(claim.id());
        session.setAttribute(SESSION_CHECKED, now);
        return out;
    }

    /**
     * Cluster mode, no session here: the login another node took, from its signed cookie, when the user still
     * exists and is enabled. Null when there is nothing to restore (or the database cannot tell now).
     */
    private AuthenticationStatus restore(HttpServletRequest request, HttpServletResponse response,
                                         HttpMessageContext context) {
        ConsoleLogin.Claim claim = logins.fromCookie(request);
        if (claim == null) {
            return null;
        }
        java.util.Optional<org.hlsgateway.security.entity.User> user;
        try {
            user = users.find(claim.user());
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "restoring a console login: the database cannot tell now", e);
            return null; // the login page says why
        }
        if (user.isEmpty() || !user.get().isEnabled()) {
            return null;
        }
        HttpSession session = request.getSession(true);
        session.setMaxInactiveInterval(config.sessionTimeoutMinutes() * 60);
        Set<String> groups = Set.of(user.get().getRole().roleName());
        session.setAttribute(SESSION_CALLER, user.get().getUsername());
        session.setAttribute(SESSION_GROUPS, groups);
        session.setAttribute(SESSION_LOGIN, logins.dueForRenewal(claim) ? logins.renew(claim, request, response) : claim);
        return context.notifyContainerAboutLogin(user.get().getUsername(), groups);
    }

    @Override
    public void cleanSubject(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        HttpSession session = request.getSession(false);
        if (logins.enabled()) {
            logins.logOut(session != null && session.getAttribute(SESSION_LOGIN) instanceof ConsoleLogin.Claim claim
                    ? claim : null, request, response);
        }
        if (session != null) {
            session.removeAttribute(SESSION_LOGIN);
            session.removeAttribute(SESSION_CHECKED);
            session.removeAttribute(SESSION_CALLER);
            session.removeAttribute(SESSION_GROUPS);
        }
        HttpAuthenticationMechanism.super.cleanSubject(request, response, context);
    }

    private AuthenticationStatus formLogin(UsernamePasswordCredential login, HttpServletRequest request,
                                           HttpServletResponse response, HttpMessageContext context) {
        CredentialValidationResult result = check(login, request);
        if (result == null || result.getStatus() != CredentialValidationResult.Status.VALID) {
            return AuthenticationStatus.SEND_FAILURE; // the login page says why; no container error page
        }
        request.getSession(true);
        request.changeSessionId(); // no session fixation
        HttpSession session = request.getSession();
        session.setMaxInactiveInterval(config.sessionTimeoutMinutes() * 60);
        session.setAttribute(SESSION_CALLER, result.getCallerPrincipal().getName());
        session.setAttribute(SESSION_GROUPS, Set.copyOf(result.getCallerGroups()));
        if (logins.enabled()) {
            session.setAttribute(SESSION_LOGIN, logins.issue(result.getCallerPrincipal().getName(), request, response));
        }
        return context.notifyContainerAboutLogin(result);
    }

    private AuthenticationStatus basic(HttpServletRequest request, HttpServletResponse response,
                                       HttpMessageContext context) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            UsernamePasswordCredential login = decode(header.substring(6).trim());
            CredentialValidationResult result = login == null ? null : check(login, request);
            if (result != null && result.getStatus() == CredentialValidationResult.Status.VALID) {
                return context.notifyContainerAboutLogin(result);
            }
            if (request.getAttribute(DATABASE_UNAVAILABLE) != null) {
                return unavailable(response);
            }
            Object locked = request.getAttribute(LOCKED_SECONDS);
            return unauthorized(request, response, context, locked != null
                    ? "too many failed logins: try again in " + locked + " s"
                    : "wrong user name or password");
        }
        if (context.isProtected()) {
            return unauthorized(request, response, context, "log in with HTTP Basic (the console's user name and password)");
        }
        return context.doNothing();
    }

    /**
     * 401 with a Basic challenge and a JSON message: API clients never get a login page. The server sends
     * the 401 ({@code sendError}) and {@link UnauthorizedServlet}, web.xml's error page for 401, writes the
     * message. A body written here would be thrown away by that {@code sendError}, or, once flushed, make
     * WildFly log {@code UT010019: Response already commited} with a stack trace for every refused login.
     */
    private static AuthenticationStatus unauthorized(HttpServletRequest request, HttpServletResponse response,
                                                     HttpMessageContext context, String message) {
        response.setHeader("WWW-Authenticate", REALM);
        request.setAttribute(UnauthorizedServlet.MESSAGE, message);
        return context.responseUnauthorized();
    }

    /**
     * 503 with {@code Retry-After}: the users live in the database, so no login can be checked while it is
     * away. The server sends it ({@code sendError}, as for 401) and {@link UnavailableServlet} writes the message.
     */
    private static AuthenticationStatus unavailable(HttpServletResponse response) {
        response.setHeader("Retry-After", String.valueOf(DatabaseUnavailableException.RETRY_AFTER_SECONDS));
        try {
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    /**
     * Validates unless the account or client is locked; null when locked, or when the database is
     * unavailable (then {@link #DATABASE_UNAVAILABLE} is set and no failure is counted against the user).
     */
    private CredentialValidationResult check(UsernamePasswordCredential login, HttpServletRequest request) {
        String client = request.getRemoteAddr();
        long locked = guard.secondsLocked(login.getCaller(), client);
        if (locked > 0) {
            request.setAttribute(LOCKED_SECONDS, locked);
            return null;
        }
        CredentialValidationResult result;
        try {
            result = identities.validate(login);
        } catch (RuntimeException e) {
            if (!database.unavailable(e)) {
                throw e;
            }
            request.setAttribute(DATABASE_UNAVAILABLE, Boolean.TRUE);
            return null;
        }
        if (result.getStatus() == CredentialValidationResult.Status.VALID) {
            guard.succeeded(login.getCaller(), client);
        } else {
            guard.failed(login.getCaller(), client);
        }
        return result;
    }

    private static UsernamePasswordCredential decode(String encoded) {
        try {
            String pair = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon < 0 ? null : new UsernamePasswordCredential(pair.substring(0, colon), pair.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/") || path.equals("/api");
    }
}
