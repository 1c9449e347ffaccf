package org.hlsgateway.iptv.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.hlsgateway.channels.boundary.ChannelService;
import org.hlsgateway.config.GatewayConfig;
import org.hlsgateway.iptv.control.M3uExport;
import org.hlsgateway.api.PublicUrl;
import org.hlsgateway.security.boundary.PlaybackAccess;
import org.hlsgateway.security.control.TokenGrant;
import org.hlsgateway.security.control.ChannelLimits;
import org.hlsgateway.security.control.TokenScope;

/** Builds the M3U export: one entry per channel the caller may watch, with absolute (signed) watch URLs. */
@ApplicationScoped
public class Playlists {

    @Inject
    ChannelService channels;

    @Inject
    PlaybackAccess access;

    @Inject
    GatewayConfig config;

    /**
     * @param grant for a logged-in caller or a valid playlist token, whose grant the channel URLs carry (so
     *              revoking the playlist revokes them too): protected channels are listed with URLs signed until
     *              {@code expiresAt}; null lists public channels only
     */
    public String m3u(HttpServletRequest request, TokenGrant grant, long expiresAt, String group) {
        boolean everything = grant != null;
        ChannelLimits limits = grant == null ? ChannelLimits.NONE : access.limits(grant);
        String base = base(request);
        List<M3uExport.Entry> entries = channels.all().stream()
                .filter(c -> everything || c.isPublicAccess())
                .filter(c -> group == null || group.equals(c.getGroupTitle()))
                .filter(c -> limits.allows(c.getNickname(), c.getGroupTitle()))
                .map(c -> {
                    String url = base + "/watch/" + c.getNickname();
                    if (!c.isPublicAccess()) {
                        url += "?token=" + URLEncoder.encode(access.sign(TokenScope.channel(c.getNickname()), expiresAt, grant), StandardCharsets.UTF_8);
                    }
                    return new M3uExport.Entry(c.getNickname(), c.getName(), c.getGroupTitle(), c.getLogo(),
                            c.getTvgId(), c.getTvgName(), url);
                })
                .toList();
        return M3uExport.write(entries);
    }

    /**
     * An absolute playlist URL that an IPTV app can load without logging in, valid for {@code ttlSeconds}:
     * recorded (listed and revocable), its token bound to the group.
     */
    public String signedPlaylistUrl(HttpServletRequest request, long ttlSeconds, String group) {
        long expiresAt = Instant.now().getEpochSecond() + ttlSeconds;
        String url = base(request) + "/playlist.m3u?token="
                + URLEncoder.encode(access.mint(TokenScope.playlist(group), expiresAt, request), StandardCharsets.UTF_8);
        return group == null ? url : url + "&group=" + URLEncoder.encode(group, StandardCharsets.UTF_8);
    }

    public String base(HttpServletRequest request) {
        return PublicUrl.base(request, config.trustedProxies());
    }
}
