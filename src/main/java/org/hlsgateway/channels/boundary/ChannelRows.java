package org.hlsgateway.channels.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hlsgateway.config.GatewayConfig;
import org.hlsgateway.iptv.control.PublicUrl;
import org.hlsgateway.playback.boundary.PlaybackAccess;
import org.hlsgateway.transcoding.boundary.Transcoders;

/** Builds the rows the console and the front page show. */
@ApplicationScoped
public class ChannelRows {

    @Inject
    ChannelService channels;

    @Inject
    Transcoders transcoders;

    @Inject
    HttpServletRequest request;

    @Inject
    PlaybackAccess access;

    @Inject
    GatewayConfig config;

    /** Every channel (within their limits) for a logged-in user; only public ones for anyone else. */
    public List<ChannelRow> visible() {
        boolean loggedIn = request.getUserPrincipal() != null;
        String base = watchBase();
        org.hlsgateway.security.control.ChannelLimits limits = access.limits(request);
        long expiresAt = loggedIn ? java.time.Instant.now().getEpochSecond() + access.ttl(null, request) : 0;
        return channels.all().stream()
                .filter(c -> loggedIn || c.isPublicAccess())
                .filter(c -> limits.allows(c.getNickname(), c.getGroupTitle()))
                .map(c -> {
                    String watch = base + c.getNickname();
                    String playback = c.isPublicAccess() || !loggedIn ? watch
                            : watch + "?token=" + URLEncoder.encode(access.mint(
                            org.hlsgateway.playback.control.TokenScope.channel(c.getNickname()), expiresAt, request),
                            StandardCharsets.UTF_8);
                    return ChannelRow.of(c, transcoders.status(c.getNickname()), watch, playback);
                })
                .toList();
    }

    /** The gateway's public base (trusted proxies' X-Forwarded-* honoured, as in the M3U export). */
    private String watchBase() {
        return PublicUrl.base(request, config.trustedProxies()) + "/watch/";
    }
}
