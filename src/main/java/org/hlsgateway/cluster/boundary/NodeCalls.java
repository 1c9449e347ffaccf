package org.hlsgateway.cluster.boundary;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.hlsgateway.cluster.entity.Lease;

/** Calls from this node to another: the edge's fetches from an owner, and a handover's start. All carry the node secret. */
final class NodeCalls {

    static final String SECRET = "X-HLS-Node-Secret";
    static final String EPOCH = "X-HLS-Lease";
    static final String CLIENT = "X-HLS-Client";
    static final String CLIENT_AGENT = "X-HLS-Client-Agent";
    /** On a node's 409: it does not run the channel (any more); the edge asks the grid again. */
    static final String NOT_OWNER = "X-HLS-Not-Owner";
    /** On a node's request: it is leaving and hands the channel over; the receiver starts it before the lease moves. */
    static final String HANDOVER = "X-HLS-Handover";
    /** On an owner's answer: it came from the gateway (a container's own 404 while undeploying carries none). */
    static final String SERVED_BY = "X-HLS-Node";
    /** On a node's request for a file: asked of the channel's previous owner, which serves what it still has. */
    static final String PREVIOUS = "X-HLS-Previous";
    /**
     * On an edge's playlist request: the other players (addresses, comma-separated) whose requests for the channel's
     * playlist shared the edge's fetch before it; the owner counts them as viewers, as if each had asked it.
     */
    static final String ALSO = "X-HLS-Also";

    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private NodeCalls() {
    }

    /** A request to the owner under {@code lease}, with the secret and the lease's fencing number. */
    static HttpRequest.Builder to(Lease lease, String pathAndQuery, String secret, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(lease.url() + pathAndQuery))
                .timeout(timeout)
                .header(SECRET, secret)
                .header(EPOCH, Long.toString(lease.epoch()));
    }

    /**
     * Hands {@code nickname} to the node of {@code lease} (which the grid already names): its watch, which starts the
     * channel there and answers once a player could play it.
     */
    static CompletableFuture<HttpResponse<Void>> take(Lease lease, String nickname, Lease leaving, String secret,
                                                       int startTimeoutSeconds) {
        HttpRequest request = to(lease, "/hls_gateway/watch/" + nickname + "?format=hls", secret,
                Duration.ofSeconds(startTimeoutSeconds + 2L))
                .header(CLIENT, "handover").header(HANDOVER, leaving.encode()).header("Accept", "application/vnd.apple.mpegurl").GET().build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    }
}
