package org.hlsgateway.cluster.boundary;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hlsgateway.api.ErrorResponses;
import org.hlsgateway.cluster.control.EdgeCache;
import org.hlsgateway.cluster.control.PlaylistSharers;
import org.hlsgateway.cluster.entity.Lease;

/**
 * Any node answers any player: {@code watch} and {@code read} requests for a channel that another node runs are
 * fetched from that node (its owner) and passed on, parts, segments and init sections kept in memory for their
 * {@code max-age} so that the viewers of one edge cost the owner one fetch each. A request from another node carries
 * the node secret and is served here, as the owner; one with a wrong secret is refused. Registered only in cluster
 * mode ({@link ClusterSetup}).
 */
public class ClusterFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(ClusterFilter.class.getName());
    /** Request headers an owner needs to answer as it would the player. */
    private static final List<String> FORWARDED = List.of("Accept", "Authorization", "Origin", "If-None-Match", "Range");
    /** Players of this edge that shared a playlist fetch, until the next fetch names them to the owner. */
    private final PlaylistSharers sharers = new PlaylistSharers();
    /** Answer headers that belong to one connection, not to the answer. */
    private static final Set<String> HOP = Set.of("connection", "keep-alive", "transfer-encoding", "content-length",
            "upgrade", "date", "server");

    private final Cluster cluster;
    private final Duration timeout;

    ClusterFilter(Cluster cluster, int startTimeoutSeconds) {
        this.cluster = cluster;
        this.timeout = Duration.ofSeconds(startTimeoutSeconds + 10L);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String nickname = nickname(path);
        if (nickname == null || !cluster.active()) {
            chain.doFilter(request, response);
            return;
        }
        String presented = request.getHeader(NodeCalls.SECRET);
        if (presented != null) {
            fromNode(request, response, chain, nickname, presented);
            return;
        }
        Cluster.Route route = cluster.route(nickname);
        boolean media = path.startsWith("/read/") && !path.endsWith(".m3u8") && "GET".equals(request.getMethod());
        if (route.local() && !(media && cluster.previous(nickname) != null)) {
            chain.doFilter(request, response);
        } else { // another node's channel; or, just after it moved here, a file that may be only its previous owner's
            forward(request, response, nickname, route.lease(), path);
        }
    }

    /** A node's request: served here as the owner, for the player it names; refused without the right secret. */
    private void fromNode(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String nickname,
                          String presented) throws IOException, ServletException {
        if (!cluster.secretMatches(presented)) {
            LOG.warning(() -> "refused a node request from " + request.getRemoteAddr() + ": wrong " + NodeCalls.SECRET);
            ErrorResponses.write(response, 403, "not a node of this cluster: the node secret (" + NodeCalls.SECRET
                    + ") is wrong");
            return;
        }
        long epoch;
        try {
            epoch = Long.parseLong(request.getHeader(NodeCalls.EPOCH));
        } catch (NumberFormatException e) {
            ErrorResponses.write(response, 400, NodeCalls.EPOCH + " must be the lease's fencing number");
            return;
        }
        if (request.getHeader(NodeCalls.HANDOVER) != null) {
            cluster.expectHandover(nickname, request.getHeader(NodeCalls.HANDOVER));
        }
        boolean previousOwner = request.getHeader(NodeCalls.PREVIOUS) != null; // what it still has, whoever owns it now
        if (!previousOwner && !cluster.servesAsOwner(nickname, epoch)) {
            response.setHeader("Retry-After", "1");
            response.setHeader(NodeCalls.NOT_OWNER, "1");
            ErrorResponses.write(response, 409, "this node no longer runs channel " + nickname + "; ask the grid again");
            return;
        }
        String client = request.getHeader(NodeCalls.CLIENT);
        String agent = request.getHeader(NodeCalls.CLIENT_AGENT);
        String also = request.getHeader(NodeCalls.ALSO);
        if (also != null) {
            cluster.watchedThrough(nickname, PlaylistSharers.parse(also));
        }
        response.setHeader(NodeCalls.SERVED_BY, cluster.nodeId());
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getRemoteAddr() {
                return client != null ? client : super.getRemoteAddr();
            }

            @Override
            public String getHeader(String name) {
                return "User-Agent".equalsIgnoreCase(name) && agent != null ? agent : super.getHeader(name);
            }
        }, response);
    }

    /** Fetches the answer from the owner (or the edge cache) and passes it on, without holding a thread meanwhile. */
    private void forward(HttpServletRequest request, HttpServletResponse response, String nickname, Lease lease, String path) {
        String query = request.getQueryString();
        String pathAndQuery = request.getRequestURI() + (query == null ? "" : "?" + query);
        boolean head = "HEAD".equals(request.getMethod());
        boolean media = path.startsWith("/read/") && !path.endsWith(".m3u8") && !head;
        String origin = request.getScheme() + "://" + request.getHeader("Host");
        AsyncContext async = request.startAsync();
        async.setTimeout(timeout.toMillis() + 5_000);
        fetch(request, lease, pathAndQuery, head, media, false).handle((answer, error) -> {
            boolean gone = error != null && cause(error) instanceof ConnectException;
            // an owner that lost the lease (409), failed (5xx), or answered without the gateway (undeployed, stopping)
            boolean moved = error == null && (answer.status() >= 500 || answer.status() == 409
                    && has(answer, NodeCalls.NOT_OWNER)
                    || !has(answer, NodeCalls.SERVED_BY));
            if (gone) {
                cluster.suspect(lease.node()); // its process is gone: the grid has not noticed yet
            }
            if (gone || moved) {
                cluster.forget(nickname);
                Cluster.Route again = cluster.route(nickname); // ask the grid again
                if (gone || again.lease().epoch() != lease.epoch()) {
                    return fetch(request, again.lease(), pathAndQuery, head, media, false);
                }
            }
            Lease before = media && error == null && answer.status() == 404 ? cluster.previous(nickname) : null;
            if (before != null && before.epoch() != lease.epoch()) {
                EdgeCache.Answer missing = answer; // named by the previous owner's playlist: it may still have it
                return fetch(request, before, pathAndQuery, head, true, true)
                        .handle((kept, failed) -> failed == null && kept.status() == 200 ? kept : missing);
            }
            return error == null ? CompletableFuture.completedFuture(answer) : CompletableFuture.<EdgeCache.Answer>failedFuture(error);
        }).thenCompose(f -> f).whenComplete((answer, error) -> {
            try {
                if (error != null) {
                    failed(response, nickname, cause(error));
                } else {
                    write(response, answer, lease, origin, head);
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "passing on an owner's answer", e);
            } finally {
                async.complete();
            }
        });
    }

    private CompletableFuture<EdgeCache.Answer> fetch(HttpServletRequest request, Lease lease, String pathAndQuery,
                                                      boolean head, boolean media, boolean fromPrevious) {
        HttpRequest.Builder call = NodeCalls.to(lease, pathAndQuery, cluster.secret(), timeout)
                .header(NodeCalls.CLIENT, request.getRemoteAddr());
        if (fromPrevious) {
            call.header(NodeCalls.PREVIOUS, "1");
        }
        String agent = request.getHeader("User-Agent");
        if (agent != null) {
            call.header(NodeCalls.CLIENT_AGENT, agent);
        }
        for (String name : FORWARDED) {
            String value = request.getHeader(name);
            if (value != null) {
                call.header(name, value);
            }
        }
        call.method(head ? "HEAD" : "GET", HttpRequest.BodyPublishers.noBody());
        if (!media && sharedPlaylist(request, head, pathAndQuery)) {
            // players asking for one playlist while the edge fetches it share the fetch (a blocking LL request: the
            // same _HLS_msn/_HLS_part); the owner hears of each of them with the next fetch, so viewers and the
            // idle stop count them all
            String nickname = nickname(request.getRequestURI().substring(request.getContextPath().length()));
            boolean[] fetched = {false};
            CompletableFuture<EdgeCache.Answer> answer = cluster.cache().get("playlist " + lease.epoch() + " " + pathAndQuery,
                    () -> {
                        fetched[0] = true;
                        String also = sharers.drain(nickname);
                        if (!also.isEmpty()) {
                            call.header(NodeCalls.ALSO, also);
                        }
                        return send(call.build());
                    });
            if (!fetched[0]) {
                sharers.add(nickname, request.getRemoteAddr());
            }
            return answer;
        }
        HttpRequest built = call.build();
        if (!media) {
            return send(built);
        }
        // the key names the lease: a new owner's files are never mistaken for the old one's
        return cluster.cache().get(lease.epoch() + " " + pathAndQuery, () -> send(built));
    }

    /** A playlist any player may share: no credentials of its own (a token in the query is part of the key). */
    private static boolean sharedPlaylist(HttpServletRequest request, boolean head, String pathAndQuery) {
        return !head && request.getRequestURI().endsWith(".m3u8") && request.getHeader("Authorization") == null
                && request.getHeader("Cookie") == null && pathAndQuery.length() < 2048;
    }

    private static CompletableFuture<EdgeCache.Answer> send(HttpRequest request) {
        return NodeCalls.HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(answer -> {
            String cache = answer.headers().firstValue("Cache-Control").orElse("");
            long maxAge = answer.statusCode() == 200 ? maxAgeMillis(cache) : 0;
            return new EdgeCache.Answer(answer.statusCode(), answer.headers().map(), answer.body(), maxAge);
        });
    }

    private static boolean has(EdgeCache.Answer answer, String header) {
        return answer.headers().keySet().stream().anyMatch(header::equalsIgnoreCase);
    }

    static long maxAgeMillis(String cacheControl) {
        if (cacheControl.contains("no-cache") || cacheControl.contains("no-store") || cacheControl.contains("private")) {
            return 0;
        }
        int at = cacheControl.indexOf("max-age=");
        if (at < 0) {
            return 0;
        }
        int end = at + 8;
        while (end < cacheControl.length() && Character.isDigit(cacheControl.charAt(end))) {
            end++;
        }
        try {
            return Math.min(60_000, Long.parseLong(cacheControl.substring(at + 8, end)) * 1000);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void write(HttpServletResponse response, EdgeCache.Answer answer, Lease lease, String origin, boolean head)
            throws IOException {
        response.setStatus(answer.status());
        for (Map.Entry<String, List<String>> header : answer.headers().entrySet()) {
            String name = header.getKey();
            if (name.startsWith(":") || HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                continue;
            }
            for (String value : header.getValue()) {
                // the owner's redirect names the owner: the player stays on the address it used
                response.addHeader(name, "location".equalsIgnoreCase(name) && value.startsWith(lease.url())
                        ? origin + value.substring(lease.url().length()) : value);
            }
        }
        if (!head) {
            response.setContentLength(answer.body().length);
            response.getOutputStream().write(answer.body());
        }
    }

    private static void failed(HttpServletResponse response, String nickname, Throwable error) throws IOException {
        response.setHeader("Retry-After", "1");
        response.setHeader("Cache-Control", "no-store");
        String why = error instanceof HttpTimeoutException ? "did not answer in time" : "could not be reached";
        LOG.log(Level.INFO, "channel " + nickname + ": its node " + why, error);
        ErrorResponses.write(response, 503, "channel " + nickname + " runs on another node of the cluster, which " + why
                + "; try again in a second");
    }

    private static Throwable cause(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof java.io.IOException && cause.getCause() instanceof ConnectException connect) {
            return connect;
        }
        return cause;
    }

    /** The channel a {@code /watch/{nickname}} or {@code /read/{nickname}/{file}} path names; null for others. */
    static String nickname(String path) {
        String rest;
        if (path.startsWith("/watch/")) {
            rest = path.substring(7);
        } else if (path.startsWith("/read/")) {
            rest = path.substring(6);
        } else {
            return null;
        }
        int slash = rest.indexOf('/');
        String nickname = slash < 0 ? rest : rest.substring(0, slash);
        return org.hlsgateway.channels.control.ChannelValidator.isNickname(nickname) ? nickname : null;
    }
}
