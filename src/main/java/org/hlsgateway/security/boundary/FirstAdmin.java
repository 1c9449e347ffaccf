package org.hlsgateway.security.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.logging.Logger;
import org.hlsgateway.config.GatewayConfig;

/**
 * On the first start (no users yet) creates user {@code admin} with {@code HLS_ADMIN_PASSWORD},
 * or with a random password written once to the log. There is no default password.
 */
@Singleton
@Startup
public class FirstAdmin {

    private static final Logger LOG = Logger.getLogger(FirstAdmin.class.getName());

    @Inject
    UserService users;

    @Inject
    GatewayConfig config;

    @PostConstruct
    void createIfNoUsers() {
        boolean generated = config.adminPassword().isBlank();
        String password = generated ? randomPassword() : config.adminPassword();
        if (!generated && Passwords.problem(password) != null) {
            throw new IllegalStateException("HLS_ADMIN_PASSWORD: " + Passwords.problem(password));
        }
        if (users.createFirstAdmin(password)) {
            if (generated) {
                LOG.warning("Created user 'admin' with the generated password: " + password
                        + "  (shown once; change it in the console, or set HLS_ADMIN_PASSWORD before the first start)");
            } else {
                LOG.info("Created user 'admin' with the password from HLS_ADMIN_PASSWORD");
            }
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[15];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
