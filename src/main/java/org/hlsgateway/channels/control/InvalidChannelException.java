package org.hlsgateway.channels.control;

import jakarta.ejb.ApplicationException;
import java.util.List;
import java.util.stream.Collectors;
import org.hlsgateway.api.FieldError;

/** A channel that fails validation; nothing was changed. */
@ApplicationException(rollback = true)
public class InvalidChannelException extends RuntimeException {

    private final transient List<FieldError> errors;

    public InvalidChannelException(List<FieldError> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public InvalidChannelException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
