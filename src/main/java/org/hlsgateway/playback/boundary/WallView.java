package org.hlsgateway.playback.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Objects;
import org.hlsgateway.channels.boundary.ChannelRow;
import org.hlsgateway.channels.boundary.ChannelRows;

/**
 * The camera wall at {@code /hls_gateway/wall[?group=X]}: a tile per channel the visitor may watch (the front page's
 * list, so anonymous visitors see public channels only), each played through the normal watch URL.
 */
@Named
@RequestScoped
public class WallView {

    @Inject
    ChannelRows rows;

    @Inject
    HttpServletRequest request;

    private List<ChannelRow> visible;
    private List<ChannelRow> tiles;

    /** The group asked for, or null for every channel. */
    public String getGroup() {
        String group = request.getParameter("group");
        return group == null || group.isBlank() ? null : group.strip();
    }

    public List<ChannelRow> getTiles() {
        if (tiles == null) {
            String group = getGroup();
            tiles = visible().stream().filter(r -> group == null || group.equals(r.group())).toList();
        }
        return tiles;
    }

    /** The groups of the visible channels, for the links above the wall. */
    public List<String> getGroups() {
        return visible().stream().map(ChannelRow::group).filter(Objects::nonNull)
                .filter(g -> !g.isBlank()).distinct().sorted().toList();
    }

    private List<ChannelRow> visible() {
        if (visible == null) {
            visible = rows.visible();
        }
        return visible;
    }

    public String getHlsJsVersion() {
        return WatchResource.HLS_JS_VERSION;
    }
}
