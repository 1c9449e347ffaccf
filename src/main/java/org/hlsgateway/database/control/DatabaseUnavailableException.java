package org.hlsgateway.database.control;

import jakarta.ejb.ApplicationException;

/**
 * The database cannot be reached just now; what needs it answers 503 with {@code Retry-After}. An
 * application exception, so that the EJB container rolls the transaction back without logging a stack
 * trace for every request of an outage (the outage is logged once, by {@code DatabaseStatus}).
 */
@ApplicationException(rollback = true)
public class DatabaseUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public static final String MESSAGE = "the database is unavailable; try again in a few seconds";

    /** Seconds a client is told to wait ({@code Retry-After}): the pool notices a returned database within about one. */
    public static final int RETRY_AFTER_SECONDS = 5;

    public DatabaseUnavailableException(Throwable cause) {
        super(MESSAGE, cause);
    }
}
