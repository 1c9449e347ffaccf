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
import org.hlsgateway.iptv.control.PublicUrl;
import org.hlsgateway.playback.boundary.PlaybackAccess;

/** Builds the M3U export: one entry per channel the caller may watch, with absolute (signed) watch URLs. */
@ApplicationScoped
public class Playlists {

    /** What a playlist token signs: never a valid nickname, so it opens no channel by itself. */
    public static final String PLAYLIST_SUBJECT = "*playlist*";

    @Inject
    ChannelService channels;

    @Inject
    PlaybackAccess access;

    @Inject
    GatewayConfig config;

    /**
     * @param everything true for a logged-in caller or a valid playlist token: protected channels are
     *                   listed with URLs signed until {@code expiresAt}; false lists public channels only
     */
    public String m3u(HttpServletRequest request, boolean everything, long expiresAt, String group) {
        String base = base(request);
        List<M3uExport.Entry> entries = channels.all().stream()
                .filter(c -> everything || c.isPublicAccess())
                .filter(c -> group == null || group.equals(c.getGroupTitle()))
                .map(c -> {
                    String url = base + "/watch/" + c.getNickname();
                    if (!c.isPublicAccess()) {
                        url += "?token=" + URLEncoder.encode(access.signUntil(c.getNickname(), expiresAt), StandardCharsets.UTF_8);
                    }
                    return new M3uExport.Entry(c.getNickname(), c.getName(), c.getGroupTitle(), c.getLogo(),
                            c.getTvgId(), c.getTvgName(), url);
                })
                .toList();
        return M3uExport.write(entries);
    }

    /** An absolute playlist URL that an IPTV app can load without logging in, valid for {@code ttlSeconds}. */
    public String signedPlaylistUrl(HttpServletRequest request, long ttlSeconds, String group) {
        long expiresAt = Instant.now().getEpochSecond() + ttlSeconds;
        String url = base(request) + "/playlist.m3u?token="
                + URLEncoder.encode(access.signUntil(PLAYLIST_SUBJECT, expiresAt), StandardCharsets.UTF_8);
        return group == null ? url : url + "&group=" + URLEncoder.encode(group, StandardCharsets.UTF_8);
    }

    public String base(HttpServletRequest request) {
        return PublicUrl.base(request, config.trustedProxies());
    }
}
