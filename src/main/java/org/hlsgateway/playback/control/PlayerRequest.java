package org.hlsgateway.playback.control;

import jakarta.servlet.http.HttpServletRequest;

/**
 * What the playback decisions read of a player's request, whichever listener took it: the container's
 * ({@link #of(HttpServletRequest)}: logins count, as the console's player page needs) or the media listener's
 * (no sessions: a protected channel needs its token there).
 */
public interface PlayerRequest {

    /** A query parameter, decoded; null when absent. */
    String parameter(String name);

    /** The peer's address, as the servlet container reports it. */
    String remoteAddress();

    /** A request header; null when absent. */
    String header(String name);

    /** The container's request, whose login may count; null on the media listener, where only tokens do. */
    HttpServletRequest servlet();

    /** Who is watching, to count distinct viewers ({@link Clients#key}). */
    default String client() {
        return Clients.key(remoteAddress(), header("User-Agent"));
    }

    static PlayerRequest of(HttpServletRequest request) {
        return new PlayerRequest() {
            @Override
            public String parameter(String name) {
                return request.getParameter(name);
            }

            @Override
            public String remoteAddress() {
                return request.getRemoteAddr();
            }

            @Override
            public String header(String name) {
                return request.getHeader(name);
            }

            @Override
            public HttpServletRequest servlet() {
                return request;
            }
        };
    }
}
