package org.hlsgateway.security.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hlsgateway.config.GatewayConfig;
import org.hlsgateway.security.control.ConsoleLogin;

/**
 * Console logins that outlive the node that took them (cluster mode only): next to its session, a login gets a
 * signed cookie ({@link ConsoleLogin}), and a node without that session (the balancer sent the browser elsewhere,
 * or the node that had it is gone) restores the login from it. Logging out revokes the login on every node, through
 * the list the cluster feature shares ({@link #shareLogouts}). A single node keeps plain sessions, as always.
 */
@ApplicationScoped
public class ConsoleLogins {

    /** Where logged-out logins are kept: this node's memory, or the cluster's grid. */
    public interface LogoutList {
        void logOut(String loginId, long ttlMillis);

        boolean loggedOut(String loginId);
    }

    @Inject
    GatewayConfig config;

    private volatile ConsoleLogin signer;
    private volatile LogoutList logouts = new LocalLogouts();

    @PostConstruct
    void init() {
        if (config.clustered() && config.tokenSecret().length() >= 16) { // the cluster refuses to start otherwise
            signer = new ConsoleLogin(config.tokenSecret());
        }
    }

    /** Whether logins carry a cookie that every node verifies. */
    public boolean enabled() {
        return signer != null;
    }

    /** The cluster's logout list replaces this node's own. */
    public void shareLogouts(LogoutList list) {
        logouts = list;
    }

    long lifetimeSeconds() {
        return config.sessionTimeoutMinutes() * 60L;
    }

    /** A new login of {@code user}, until the session timeout from now; its cookie is set on {@code response}. */
    ConsoleLogin.Claim issue(String user, HttpServletRequest request, HttpServletResponse response) {
        ConsoleLogin.Claim claim = new ConsoleLogin.Claim(user, now() + lifetimeSeconds(), ConsoleLogin.newId());
        response.addCookie(cookie(request, signer.sign(claim), (int) lifetimeSeconds()));
        return claim;
    }

    /** The same login, good for another session timeout from now (the cookie slides like a session would). */
    ConsoleLogin.Claim renew(ConsoleLogin.Claim claim, HttpServletRequest request, HttpServletResponse response) {
        ConsoleLogin.Claim renewed = new ConsoleLogin.Claim(claim.user(), now() + lifetimeSeconds(), claim.id());
        response.addCookie(cookie(request, signer.sign(renewed), (int) lifetimeSeconds()));
        return renewed;
    }

    /** Whether a claim is past half its life, so that the next answer should renew it. */
    boolean dueForRenewal(ConsoleLogin.Claim claim) {
        return claim.expiresSeconds() - now() < lifetimeSeconds() / 2;
    }

    /** The login the request's cookie carries, when it is this cluster's, unexpired and not logged out; else null. */
    ConsoleLogin.Claim fromCookie(HttpServletRequest request) {
        if (signer == null || request.getCookies() == null) {
            return null;
        }
        for (Cookie cookie : request.getCookies()) {
            if (ConsoleLogin.COOKIE.equals(cookie.getName())) {
                ConsoleLogin.Claim claim = signer.verify(cookie.getValue(), now());
                if (claim != null && !loggedOut(claim.id())) {
                    return claim;
                }
            }
        }
        return null;
    }

    boolean loggedOut(String loginId) {
        return logouts.loggedOut(loginId);
    }

    /** Ends a login on every node, and deletes its cookie. */
    void logOut(ConsoleLogin.Claim claim, HttpServletRequest request, HttpServletResponse response) {
        if (claim != null) {
            logouts.logOut(claim.id(), Math.max(1, claim.expiresSeconds() - now()) * 1000);
        }
        response.addCookie(cookie(request, "", 0));
    }

    private static Cookie cookie(HttpServletRequest request, String value, int maxAge) {
        Cookie cookie = new Cookie(ConsoleLogin.COOKIE, value);
        cookie.setPath(request.getContextPath().isEmpty() ? "/" : request.getContextPath());
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure());
        cookie.setMaxAge(maxAge);
        cookie.setAttribute("SameSite", "Strict");
        return cookie;
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    /** A single node's logouts, forgotten once the cookie would have expired. */
    static final class LocalLogouts implements LogoutList {
        private final Map<String, Long> until = new ConcurrentHashMap<>();

        @Override
        public void logOut(String loginId, long ttlMillis) {
            long now = System.currentTimeMillis();
            until.values().removeIf(t -> t < now);
            until.put(loginId, now + ttlMillis);
        }

        @Override
        public boolean loggedOut(String loginId) {
            Long end = until.get(loginId);
            return end != null && end >= System.currentTimeMillis();
        }
    }
}
