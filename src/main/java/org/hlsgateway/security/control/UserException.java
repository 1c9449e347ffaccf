package org.hlsgateway.security.control;

import jakarta.ejb.ApplicationException;

/** A user operation that was refused; nothing was changed. The message is fit to show. */
@ApplicationException(rollback = true)
public class UserException extends RuntimeException {

    private final int status;

    public UserException(String message) {
        this(400, message);
    }

    /** @param status the HTTP status that fits: 400 invalid, 403 not allowed, 404 unknown, 409 taken */
    public UserException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
