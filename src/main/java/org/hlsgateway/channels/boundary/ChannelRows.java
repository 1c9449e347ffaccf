package org.hlsgateway.channels.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
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

    public List<ChannelRow> all() {
        String base = watchBase();
        return channels.all().stream()
                .map(c -> ChannelRow.of(c, transcoders.status(c.getNickname()), base + c.getNickname()))
                .toList();
    }

    private String watchBase() {
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port)
                + request.getContextPath() + "/watch/";
    }
}
