package org.hlsgateway.channels.boundary;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import java.util.function.Function;
import org.hlsgateway.api.JsonBuilders;
import org.hlsgateway.channels.control.ChannelCursor;
import org.hlsgateway.channels.control.ChannelPaging;
import org.hlsgateway.channels.control.ChannelQuery;
import org.hlsgateway.channels.entity.Channel;

/** One page of {@code GET /api/channels}: a JSON array, {@code X-Total-Count}, and a {@code Link} to the next page. */
final class ChannelListAnswer {

    private ChannelListAnswer() {
    }

    /** Pages by offset when the request did ({@code byOffset}, and no cursor), by cursor otherwise. */
    static Response of(ChannelService channels, ChannelQuery query, ChannelPaging paging, boolean byOffset,
                       UriBuilder requestUri, Function<Channel, JsonObject> json) {
        List<Channel> page = channels.page(query, paging.after(), paging.offset(), paging.limit() + 1);
        boolean more = page.size() > paging.limit();
        JsonArrayBuilder body = JsonBuilders.array();
        page.stream().limit(paging.limit()).forEach(c -> body.add(json.apply(c)));
        Response.ResponseBuilder answer = Response.ok(body.build()).header("X-Total-Count", channels.count(query));
        if (more) {
            Channel last = page.get(paging.limit() - 1);
            UriBuilder next = requestUri.replaceQueryParam("limit", paging.limit());
            next = paging.after() == null && byOffset
                    ? next.replaceQueryParam("offset", paging.offset() + paging.limit())
                    : next.replaceQueryParam("offset").replaceQueryParam("cursor", ChannelCursor.after(last).encode());
            answer.link(next.build(), "next");
        }
        return answer.build();
    }
}
