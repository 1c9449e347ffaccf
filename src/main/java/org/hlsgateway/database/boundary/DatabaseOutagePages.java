package org.hlsgateway.database.boundary;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.FacesException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Iterator;
import org.hlsgateway.database.control.DatabaseUnavailableException;

/**
 * A console page that needs the database while it is unavailable: 503 with {@code Retry-After} and a page
 * that says so and reloads itself every few seconds, so the console comes back on its own with the
 * database. An Ajax request (a poll, a button) is sent to that page. Other errors pass on.
 */
public class DatabaseOutagePages extends ExceptionHandlerFactory {

    static final String PAGE = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta http-equiv=\"refresh\" content=\"" + DatabaseUnavailableException.RETRY_AFTER_SECONDS + "\">"
            + "<title>Database unavailable · HLS Gateway</title></head>\n<body><h1>Database unavailable</h1>"
            + "<p id=\"database-unavailable\">The database is unavailable; try again in a few seconds."
            + " Live channels keep playing. This page reloads by itself.</p></body></html>\n";

    public DatabaseOutagePages(ExceptionHandlerFactory wrapped) {
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
                    if (CDI.current().select(DatabaseStatus.class).get().unavailable(thrown)) {
                        events.remove();
                        answer(FacesContext.getCurrentInstance());
                    }
                }
                getWrapped().handle();
            }
        };
    }

    private static void answer(FacesContext faces) {
        ExternalContext external = faces.getExternalContext();
        try {
            if (faces.getPartialViewContext().isAjaxRequest()) {
                HttpServletRequest request = (HttpServletRequest) external.getRequest();
                external.redirect(request.getRequestURI()); // the full page then answers with the outage page
            } else if (!external.isResponseCommitted()) {
                external.responseReset();
                external.setResponseStatus(503);
                external.setResponseHeader("Retry-After", String.valueOf(DatabaseUnavailableException.RETRY_AFTER_SECONDS));
                external.setResponseHeader("Cache-Control", "no-store");
                external.setResponseContentType("text/html;charset=utf-8");
                external.getResponseOutputWriter().write(PAGE);
            }
        } catch (IOException e) {
            throw new FacesException(e);
        }
        faces.responseComplete();
    }
}
