package org.hlsgateway;

import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.Session;

/**
 * EclipseLink (Payara) only, named by {@code eclipselink.session.customizer} in persistence.xml: a read
 * that fails on a lost connection fails at once. EclipseLink would otherwise retry it three times, 5 s
 * apart, so that a request hung for 10 to 15 s while the database was down; the pool (validated connections,
 * fail-all-connections) already hands out only live connections, and the caller answers 503 with
 * {@code Retry-After} (README, Reliability).
 * <p>In cluster mode ({@code HLS_CLUSTER}) it also turns off EclipseLink's shared cache: every node reads channels
 * and users from the one database, so a channel created, edited or deleted through any node is what every node
 * serves next, with no cache of one node's to go stale.
 */
public class NoQueryRetries implements SessionCustomizer {

    @Override
    public void customize(Session session) {
        if (session.getDatasourceLogin() instanceof DatabaseLogin login) {
            login.setQueryRetryAttemptCount(0);
            login.setDelayBetweenConnectionAttempts(0);
        }
        if (org.hlsgateway.config.GatewayConfig.fromEnvironment().clustered()) {
            for (org.eclipse.persistence.descriptors.ClassDescriptor descriptor : session.getDescriptors().values()) {
                descriptor.setCacheIsolation(org.eclipse.persistence.config.CacheIsolationType.ISOLATED);
            }
        }
    }
}
