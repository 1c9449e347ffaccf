package org.hlsgateway.security.boundary;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.hlsgateway.api.DatabaseAnswers;

/**
 * The error page for 503 (web.xml), which only {@link GatewayAuthentication} sends with {@code sendError}
 * (an API login while the database is unavailable): the same JSON answer as every other database outage.
 */
@WebServlet("/error/503")
public class UnavailableServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        DatabaseAnswers.write(response);
    }
}
