package org.hlsgateway;

import jakarta.ejb.AccessLocalException;
import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hlsgateway.channels.control.DuplicateNicknameException;
import org.hlsgateway.channels.control.InvalidChannelException;
import org.hlsgateway.channels.control.UnknownChannelException;
import org.hlsgateway.database.boundary.DatabaseStatus;
import org.hlsgateway.security.control.UserException;
import org.hlsgateway.transcoding.control.StartFailedException;
import org.hlsgateway.api.DatabaseAnswers;
import org.hlsgateway.api.ErrorResponses;
import org.hlsgateway.api.StartFailures;

/** Turns every exception into a JSON error with a status and a message; never a stack trace. */
@Provider
public class ErrorMappers implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class.getName());

    @Override
    public Response toResponse(Throwable thrown) {
        Throwable e = unwrap(thrown);
        if (isAccessDenied(e) || e instanceof ForbiddenException) {
            return ErrorResponses.of(Response.Status.FORBIDDEN, "your role may not do this; it needs the admin role");
        }
        if (e instanceof InvalidChannelException invalid) {
            return ErrorResponses.of(Response.Status.BAD_REQUEST, invalid.getMessage(), invalid.errors());
        }
        if (e instanceof UserException user) {
            return ErrorResponses.of(Response.Status.fromStatusCode(user.status()), user.getMessage());
        }
        if (e instanceof DuplicateNicknameException) {
            return ErrorResponses.of(Response.Status.CONFLICT, e.getMessage());
        }
        if (e instanceof UnknownChannelException) {
            return ErrorResponses.of(Response.Status.NOT_FOUND, e.getMessage());
        }
        if (e instanceof StartFailedException failed) {
            return StartFailures.response(failed);
        }
        if (e instanceof JsonParsingException || e instanceof JsonException || e instanceof ProcessingException) {
            return ErrorResponses.of(Response.Status.BAD_REQUEST, "request body is not valid JSON");
        }
        if (e instanceof NotFoundException) {
            return ErrorResponses.of(Response.Status.NOT_FOUND, "no such resource");
        }
        if (e instanceof WebApplicationException web) {
            Response.StatusType status = web.getResponse().getStatusInfo();
            return ErrorResponses.of(status, status.getReasonPhrase());
        }
        if (databaseUnavailable(thrown)) {
            return DatabaseAnswers.unavailable(); // logged once per outage by DatabaseStatus, not per request
        }
        LOG.log(Level.SEVERE, "unexpected error", thrown);
        return ErrorResponses.of(Response.Status.INTERNAL_SERVER_ERROR, "internal error; the server log has the details");
    }

    /** A lost connection, however wrapped (the EJB container, JPA, the pool, the driver); counted and noted. */
    private static boolean databaseUnavailable(Throwable thrown) {
        return CDI.current().select(DatabaseStatus.class).get().unavailable(thrown);
    }

    private static boolean isAccessDenied(Throwable e) {
        return e instanceof EJBAccessException || e instanceof AccessLocalException;
    }

    private static Throwable unwrap(Throwable e) {
        Throwable current = e;
        while ((current instanceof EJBException || current.getClass() == RuntimeException.class)
                && !isAccessDenied(current) && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
