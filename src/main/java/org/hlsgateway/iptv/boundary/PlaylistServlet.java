package org.hlsgateway.iptv.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.hlsgateway.api.DatabaseAnswers;
import org.hlsgateway.api.ErrorResponses;
import org.hlsgateway.database.boundary.DatabaseStatus;
import org.hlsgateway.security.boundary.PlaybackAccess;
import org.hlsgateway.security.control.PlaybackToken;
import org.hlsgateway.security.control.TokenGrant;
import org.hlsgateway.security.control.TokenScope;

/**
 * {@code GET /hls_gateway/playlist.m3u[?group=...][&token=...]}: the channels as an extended M3U for
 * IPTV apps. Anyone gets the public channels; a logged-in console session, or a playlist token from
 * {@code /api/playlist-url}, gets every channel with signed watch URLs.
 */
@WebServlet("/playlist.m3u")
public class PlaylistServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String ANONYMOUS_NOTE = "# Public channels only: protected ones need a login to the console,"
            + " or the signed playlist URL from /hls_gateway/api/playlist-url";

    @Inject
    transient Playlists playlists;

    @Inject
    transient PlaybackAccess access;

    @Inject
    transient DatabaseStatus database;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String token = request.getParameter("token");
        String group = request.getParameter("group");
        if (group != null && (group.length() > 100 || group.chars().anyMatch(c -> c < 0x20))) {
            error(response, 400, "group must be at most 100 characters without control characters");
            return;
        }
        long expiresAt = -1;
        TokenGrant grant = null;
        if (token != null) {
            PlaybackToken.Check check = access.verify(token, TokenScope.playlist(group), request);
            if (!check.valid()) {
                error(response, 403, "playlist URL refused: " + check.detail());
                return;
            }
            expiresAt = check.expiresAt();
            grant = check.grant();
        } else if (request.getUserPrincipal() != null) {
            expiresAt = Instant.now().getEpochSecond() + access.ttl(null, request);
            grant = access.grant(request);
        }
        String m3u;
        try {
            m3u = playlists.m3u(request, grant, expiresAt, group);
        } catch (RuntimeException e) {
            if (!database.unavailable(e)) {
                throw e;
            }
            DatabaseAnswers.write(response); // the channel list lives in the database
            return;
        }
        if (expiresAt < 0) { // say why an anonymous list may be short, or empty
            int firstLine = m3u.indexOf('\n') + 1;
            m3u = m3u.substring(0, firstLine) + ANONYMOUS_NOTE + "\n" + m3u.substring(firstLine);
        }
        byte[] body = m3u.getBytes(StandardCharsets.UTF_8);
        response.setContentType("audio/x-mpegurl;charset=utf-8");
        response.setHeader("Content-Disposition", "inline; filename=\"hls-gateway.m3u\"");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static void error(HttpServletResponse response, int status, String message) throws IOException {
        ErrorResponses.write(response, status, message);
    }
}
