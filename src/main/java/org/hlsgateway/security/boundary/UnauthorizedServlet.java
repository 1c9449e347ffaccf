package org.hlsgateway.security.boundary;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.hlsgateway.api.ErrorResponses;

/**
 * The error page for 401 (web.xml): the JSON message {@link GatewayAuthentication} left in the request,
 * for any method, after the server has sent the 401 with its Basic challenge.
 */
@WebServlet("/error/401")
public class UnauthorizedServlet extends HttpServlet {

    static final String MESSAGE = "hls.unauthorized.message";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object message = request.getAttribute(MESSAGE);
        ErrorResponses.write(response, HttpServletResponse.SC_UNAUTHORIZED,
                message instanceof String text ? text : "log in with HTTP Basic (the console's user name and password)");
    }
}
