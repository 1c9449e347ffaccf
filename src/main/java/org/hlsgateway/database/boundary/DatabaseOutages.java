package org.hlsgateway.database.boundary;

import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.InvocationContext;
import org.hlsgateway.database.control.DatabaseUnavailableException;

/**
 * Interceptor of the EJBs that use the database ({@code @Interceptors(DatabaseOutages.class)}): a lost
 * connection leaves the bean as {@link DatabaseUnavailableException}, which the container rolls back
 * quietly, instead of a system exception that it logs with a stack trace per call. While the database is
 * known to be down, a call fails so at once, unless the database answers again ({@link DatabaseStatus#answers()},
 * at most one question a second). Any other error passes unchanged.
 */
public class DatabaseOutages {

    @Inject
    DatabaseStatus status;

    @AroundInvoke
    public Object guard(InvocationContext call) throws Exception {
        if (status.isDown() && !status.answers()) {
            status.refused();
            throw new DatabaseUnavailableException(null); // at once: the pool is not asked again meanwhile
        }
        try {
            return call.proceed();
        } catch (DatabaseUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            if (status.unavailable(e)) {
                throw new DatabaseUnavailableException(e);
            }
            throw e;
        }
    }
}
