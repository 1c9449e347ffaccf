package org.hlsgateway.security.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.logging.Logger;
import org.hlsgateway.security.entity.IssuedToken;
import org.hlsgateway.security.entity.User;

/**
 * Fills {@link Revocations} from the database once at start; while the database is not reachable,
 * tries again every 10 s (until then tokens are checked by signature and expiry only).
 */
@Singleton
@Startup
@DependsOn("FirstAdmin")
public class RevocationLoader {

    private static final Logger LOG = Logger.getLogger(RevocationLoader.class.getName());
    private static final long RETRY_MILLIS = 10_000;

    @PersistenceContext
    EntityManager em;

    @Inject
    Revocations revocations;

    @Resource
    TimerService timers;

    @PostConstruct
    void start() {
        load();
    }

    @Timeout
    void load() {
        try {
            revocations.load(em.createNamedQuery(User.ALL, User.class).getResultList(),
                    em.createNamedQuery(IssuedToken.REVOKED_IDS, Long.class).setParameter("now", Instant.now()).getResultList());
        } catch (RuntimeException e) {
            boolean fromSnapshot = revocations.loadSnapshot() || revocations.isLoaded();
            LOG.warning(() -> "cannot load token revocations (" + e.getMessage() + "); " + (fromSnapshot
                    ? "using the last snapshot" : "tokens are checked by signature and expiry only")
                    + " until the database answers; trying again in " + RETRY_MILLIS / 1000 + " s");
            timers.createSingleActionTimer(RETRY_MILLIS, new TimerConfig(null, false));
        }
    }
}
