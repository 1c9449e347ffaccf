package org.hlsgateway.security.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.hlsgateway.config.GatewayConfig;
import org.hlsgateway.security.control.LoginThrottle;

/**
 * Throttles failed logins per account and per client address (the client gets four times the
 * account's allowance, so one office behind a NAT is not locked out by one person).
 */
@ApplicationScoped
public class LoginGuard {

    private static final Logger LOG = Logger.getLogger(LoginGuard.class.getName());

    private final LoginThrottle accounts;
    private final LoginThrottle clients;

    LoginGuard() {
        this(null);
    }

    @Inject
    LoginGuard(GatewayConfig config) {
        int free = config == null ? 5 : config.loginFreeFailures();
        accounts = new LoginThrottle(free, 1_000, 15 * 60_000L, System::currentTimeMillis);
        clients = new LoginThrottle(free * 4, 1_000, 15 * 60_000L, System::currentTimeMillis);
    }

    /** Seconds the account or the client must still wait; 0 when it may try. */
    public long secondsLocked(String username, String client) {
        long millis = Math.max(accounts.lockedFor(key(username)), clients.lockedFor(client));
        return (millis + 999) / 1000;
    }

    public void failed(String username, String client) {
        long accountLock = accounts.failed(key(username));
        long clientLock = clients.failed(client);
        long lock = Math.max(accountLock, clientLock);
        LOG.warning(() -> "failed login for '" + printable(username) + "' from " + client
                + " (" + accounts.failureCount(key(username)) + " in a row"
                + (lock > 0 ? "; locked for " + (lock + 999) / 1000 + " s" : "") + ")");
    }

    public void succeeded(String username, String client) {
        accounts.succeeded(key(username));
        clients.succeeded(client);
    }

    private static String key(String username) {
        return username == null ? "" : username;
    }

    private static String printable(String username) {
        String name = key(username);
        String shown = name.length() > 64 ? name.substring(0, 64) + "…" : name;
        return shown.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
