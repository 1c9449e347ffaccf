package org.hlsgateway.security.control;

import jakarta.ejb.ApplicationException;

/** A user operation that was refused; nothing was changed. The message is fit to show. */
@ApplicationException(rollback = true)
public class UserException extends RuntimeException {

    public UserException(String message) {
        super(message);
    }
}
