package org.hlsgateway.channels.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.hlsgateway.channels.control.ChannelCursor;
import org.hlsgateway.channels.control.ChannelQuery;
import org.hlsgateway.channels.entity.Channel;
import org.hlsgateway.config.GatewayConfig;
import org.hlsgateway.api.PublicUrl;
import org.hlsgateway.security.boundary.PlaybackAccess;
import org.hlsgateway.transcoding.boundary.Transcoders;
import org.hlsgateway.transcoding.entity.TranscoderState;

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

    /**
     * What the caller may see, searched and filtered: every channel for a logged-in user, only public ones for
     * anyone else, within a viewer's channel limits. {@code state} (null: any) is known only in memory, so it
     * becomes a set of nicknames the database query keeps (or, for IDLE, leaves out).
     */
    public ChannelQuery query(String q, String group, TranscoderState state) {
        org.hlsgateway.security.control.ChannelLimits limits = access.limits(request);
        ChannelQuery query = ChannelQuery.ALL.search(q).inGroup(group).publicOnly(request.getUserPrincipal() == null)
                .within(limits.groups(), limits.channels());
        if (state == null) {
            return query;
        }
        Set<String> nicknames = transcoders.nicknamesEverywhere(state);
        return state == TranscoderState.IDLE ? query.except(nicknames) : query.only(nicknames);
    }

    /** One page of rows (see {@link ChannelService#page}). */
    public List<ChannelRow> page(ChannelQuery query, ChannelCursor after, int offset, int limit) {
        return rows(channels.page(query, after, offset, limit));
    }

    /** The groups of what the caller may see: a viewer limited to some groups or channels sees only theirs. */
    public List<String> groups() {
        return channels.groups(query(null, null, null));
    }

    public long count(ChannelQuery query) {
        return channels.count(query);
    }

    /** Every channel (within their limits) for a logged-in user; only public ones for anyone else. */
    public List<ChannelRow> visible() {
        return rows(channels.all());
    }

    private List<ChannelRow> rows(List<Channel> page) {
        boolean loggedIn = request.getUserPrincipal() != null;
        String base = watchBase();
        org.hlsgateway.security.control.ChannelLimits limits = access.limits(request);
        long expiresAt = loggedIn ? java.time.Instant.now().getEpochSecond() + access.ttl(null, request) : 0;
        return page.stream()
                .filter(c -> loggedIn || c.isPublicAccess())
                .filter(c -> limits.allows(c.getNickname(), c.getGroupTitle()))
                .map(c -> {
                    String watch = base + c.getNickname();
                    String playback = c.isPublicAccess() || !loggedIn ? watch
                            : watch + "?token=" + URLEncoder.encode(access.mint(
                            org.hlsgateway.security.control.TokenScope.channel(c.getNickname()), expiresAt, request),
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
