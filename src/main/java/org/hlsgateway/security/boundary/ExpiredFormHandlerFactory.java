package org.hlsgateway.security.boundary;

import jakarta.faces.FacesException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import java.io.IOException;
import java.util.Iterator;

/**
 * A form posted without a valid view state or PrimeFaces nonce (an expired page, or a forged
 * cross-site request) gets 403 with a message instead of a server error.
 */
public class ExpiredFormHandlerFactory extends ExceptionHandlerFactory {

    public ExpiredFormHandlerFactory(ExceptionHandlerFactory wrapped) {
        super(wrapped);
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        return new ExceptionHandlerWrapper(getWrapped().getExceptionHandler()) {
            @Override
            public void handle() {
                Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
                while (events.hasNext()) {
                    Throwable thrown = events.next().getContext().getException();
                    if (isExpired(thrown)) {
                        events.remove();
                        FacesContext faces = FacesContext.getCurrentInstance();
                        var external = faces.getExternalContext();
                        try {
                            if (!external.isResponseCommitted()) {
                                external.responseReset();
                                external.setResponseStatus(403);
                                external.setResponseContentType("text/plain;charset=utf-8");
                                external.getResponseOutputWriter().write(
                                        "This form has expired or did not come from this site: reload the page and try again.");
                            }
                        } catch (IOException e) {
                            throw new FacesException(e);
                        }
                        faces.responseComplete();
                    }
                }
                getWrapped().handle();
            }
        };
    }

    /** An expired or forged view state, or a PrimeFaces CSP nonce that does not match the page's. */
    private static boolean isExpired(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof ViewExpiredException || t.getClass().getName().equals("org.primefaces.csp.CspException")) {
                return true;
            }
        }
        return false;
    }
}
