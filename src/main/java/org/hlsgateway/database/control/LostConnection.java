package org.hlsgateway.database.control;

import java.lang.reflect.Method;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Tells an exception that means "the database cannot be reached" (a lost or refused connection, a pool
 * that cannot hand one out) from any other persistence error (a constraint, a bad query, a lock). Walks
 * the whole cause chain, so it sees through {@code EJBException}, {@code PersistenceException}, EclipseLink's
 * {@code DatabaseException} and Hibernate's wrappers. Only class names and SQL states: it runs on Payara
 * (EclipseLink) and WildFly (Hibernate, IronJacamar) alike, without either on its class path.
 */
public final class LostConnection {

    /** Messages of pools and drivers that say no connection could be had, lower case. */
    private static final String[] MESSAGES = {
        "this connection has been closed",           // PgJDBC, a pooled connection whose server went away
        "error in allocating a connection",          // Payara's pool
        "max-wait",                                  // Payara's pool, no connection within max-wait-time-in-millis
        "unable to get managed connection",          // WildFly's pool (IJ000453)
        "could not create connection",               // WildFly's pool (IJ031084)
        "the database system is shutting down",      // PostgreSQL, 57P03
        "the database system is starting up",        // PostgreSQL, 57P03
        "terminating connection due to administrator command", // PostgreSQL, 57P01
    };

    private LostConnection() {
    }

    /** True when {@code thrown} or one of its causes says the database is unreachable. */
    public static boolean in(Throwable thrown) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = thrown; t != null && seen.put(t, Boolean.TRUE) == null; t = next(t)) {
            if (isLost(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLost(Throwable t) {
        if (t instanceof DatabaseUnavailableException
                || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
            return true;
        }
        if (t instanceof SQLException sql && sql.getSQLState() != null && isConnectionState(sql.getSQLState())) {
            return true;
        }
        String type = t.getClass().getName();
        String simple = t.getClass().getSimpleName();
        if (simple.equals("JDBCConnectionException")             // Hibernate
                || simple.equals("ResourceAllocationException")   // a pool: no connection to hand out
                || simple.equals("PoolingException")) {           // Payara's pool
            return true;
        }
        if (type.equals("org.eclipse.persistence.exceptions.DatabaseException") && communicationFailure(t)) {
            return true;
        }
        String message = t.getMessage();
        if (message != null) {
            String lower = message.toLowerCase(Locale.ROOT);
            for (String known : MESSAGES) {
                if (lower.contains(known)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** SQL state class 08 (connection exception), and PostgreSQL's 57P01-57P03 (server shutting down or starting). */
    static boolean isConnectionState(String state) {
        return state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03");
    }

    /** EclipseLink's own verdict ({@code DatabaseException.isCommunicationFailure()}), read without linking to it. */
    private static boolean communicationFailure(Throwable t) {
        try {
            Method verdict = t.getClass().getMethod("isCommunicationFailure");
            return Boolean.TRUE.equals(verdict.invoke(t));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** The cause, or for an SQLException without one its next exception (batches). */
    private static Throwable next(Throwable t) {
        if (t.getCause() != null) {
            return t.getCause();
        }
        return t instanceof SQLException sql ? sql.getNextException() : null;
    }
}
