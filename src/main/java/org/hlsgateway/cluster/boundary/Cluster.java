package org.hlsgateway.cluster.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.hlsgateway.cluster.control.ClusterPrecondition;
import org.hlsgateway.cluster.control.EdgeCache;
import org.hlsgateway.cluster.control.Grid;
import org.hlsgateway.cluster.control.HazelcastGrid;
import org.hlsgateway.cluster.control.Placement;
import org.hlsgateway.cluster.control.TermSignal;
import org.hlsgateway.cluster.entity.Lease;
import org.hlsgateway.cluster.entity.NodeInfo;
import org.hlsgateway.config.GatewayConfig;
import org.hlsgateway.operations.boundary.GatewayMetrics;
import org.hlsgateway.security.boundary.ConsoleLogins;
import org.hlsgateway.transcoding.boundary.Transcoders;
import org.hlsgateway.transcoding.entity.TranscoderState;

/**
 * This node in the cluster ({@code HLS_CLUSTER}): its heartbeat, the leases of the channels it runs, where every
 * other channel runs, and the handover when it stops. Inactive on a single node: nothing here is then called by
 * a request. Every second it renews the leases of the channels whose FFmpeg runs here, stops any such channel whose
 * lease another node holds (fencing), and gives up the leases of channels that stopped.
 */
@Singleton
@Startup
@DependsOn("Transcoders") // created after it, destroyed before it: the handover runs while FFmpeg still runs here
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class Cluster {

    private static final Logger LOG = Logger.getLogger(Cluster.class.getName());
    /** A lease or heartbeat not renewed for this long expires: the time to notice a node that died without a word. */
    static final long LEASE_MILLIS = 5_000;
    static final long TICK_MILLIS = 1_000;
    /** A node that refused a connection is taken for dead this long, unless the grid says otherwise sooner. */
    static final long SUSPECT_MILLIS = 10_000;
    /** After a handover, how long a leaving node still serves the segments its last playlists named. */
    static final long LINGER_MILLIS = 2_000;
    /** How long after a channel moved its previous owner is asked for a file the new one does not have. */
    static final long PREVIOUS_MILLIS = 15_000;

    @Inject
    GatewayConfig config;
    @Inject
    Transcoders transcoders;
    @Inject
    GatewayMetrics metrics;
    @Inject
    ConsoleLogins logins;
    @Resource
    ManagedScheduledExecutorService scheduler;

    private volatile Grid grid;
    private String self;
    private String url;
    private long startedMillis;
    private byte[] secret;
    private ScheduledFuture<?> ticks;
    private volatile Map<String, NodeInfo> live = Map.of();
    private volatile Set<String> members = Set.of();
    private final Map<String, Lease> mine = new ConcurrentHashMap<>();
    private final Map<String, Long> claimedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> suspects = new ConcurrentHashMap<>();
    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final Map<String, Lease> lastRoute = new ConcurrentHashMap<>();
    private final Map<String, Known> previous = new ConcurrentHashMap<>();
    private EdgeCache cache;
    private volatile Map<String, org.hlsgateway.transcoding.entity.TranscoderStatus> elsewhere = Map.of();
    private final java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.CompletableFuture<Void> left = new java.util.concurrent.CompletableFuture<>();
    /** Channels another node is handing over to this one, until when: not fenced while their lease still names it. */
    private final Map<String, Long> incoming = new ConcurrentHashMap<>();

    /** Where a request for a channel goes. */
    public record Route(Lease lease, boolean local) {
    }

    private record Known(Lease lease, long readAt) {
    }

    @PostConstruct
    void start() {
        metrics.nodesFrom(() -> nodes().stream()
                .map(n -> new GatewayMetrics.NodeLoad(n.id(), n.channels(), n.running(), n.maxTranscoders())).toList());
        if (!config.clustered()) {
            return;
        }
        ClusterPrecondition.requireSharedDatabase(dataSource());
        if (config.mediaPort() != 0) {
            throw new IllegalStateException("HLS_MEDIA_PORT is not available in cluster mode yet: the media listener "
                    + "would serve only the channels its own node runs. Unset HLS_MEDIA_PORT (the main port serves "
                    + "everything, through any node) or HLS_CLUSTER");
        }
        if (config.nodeUrl().isEmpty()) {
            throw new IllegalStateException("HLS_CLUSTER is set but HLS_NODE_URL is not: the other nodes reach this one "
                    + "there (start-micro.sh sets http://127.0.0.1:HLS_PORT, which only works on one machine)");
        }
        if (config.tokenSecret().length() < 16) {
            throw new IllegalStateException("HLS_CLUSTER needs HLS_TOKEN_SECRET, at least 16 characters and the same on "
                    + "every node: a signed URL minted by one node must verify on every other (a generated secret "
                    + "would be one node's own)");
        }
        String shared = !config.clusterSecret().isEmpty() ? config.clusterSecret() : config.tokenSecret();
        if (shared.length() < 16) {
            throw new IllegalStateException("HLS_CLUSTER_SECRET must be at least 16 characters and the same on every node");
        }
        secret = derive(shared);
        grid = HazelcastGrid.lookup();
        self = grid.localId();
        url = config.nodeUrl();
        startedMillis = System.currentTimeMillis();
        cache = new EdgeCache(256L << 20, System::currentTimeMillis);
        Grid theGrid = grid;
        logins.shareLogouts(new ConsoleLogins.LogoutList() { // a logout on one node ends the login on all of them
            @Override
            public void logOut(String loginId, long ttlMillis) {
                theGrid.logOut(loginId, ttlMillis);
            }

            @Override
            public boolean loggedOut(String loginId) {
                return theGrid.loggedOut(loginId);
            }
        });
        grid.onStop(message -> { // "nickname epoch": the lease that ran it when it was deleted or changed
            String[] parts = message.split(" ");
            Lease own = parts.length == 2 ? mine.get(parts[0]) : null;
            if (own != null && own.epoch() <= Long.parseLong(parts[1])) { // not a run started since under a newer lease
                LOG.info(() -> "channel " + parts[0] + " was deleted or changed on another node: stopping it here");
                transcoders.stop(parts[0]);
            }
        });
        transcoders.lookElsewhere(new Transcoders.Elsewhere() {
            @Override
            public Map<String, org.hlsgateway.transcoding.entity.TranscoderStatus> statuses() {
                return elsewhere;
            }

            @Override
            public void stop(String nickname) {
                Lease running = grid.lease(nickname);
                if (running != null && !running.heldBy(self)) {
                    grid.broadcastStop(nickname + " " + running.epoch());
                }
            }
        });
        tick();
        ticks = scheduler.scheduleWithFixedDelay(this::safeTick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        trapSigterm();
        LOG.info(() -> "cluster node " + self + " at " + url + " (" + config.cluster() + "); " + members.size()
                + " member(s) in the grid");
    }

    /** The gateway's data source, looked up in cluster mode only (the name is Payara's; WildFly never clusters here). */
    private static DataSource dataSource() {
        try {
            return (DataSource) new javax.naming.InitialContext().lookup("jdbc/hlsgateway");
        } catch (javax.naming.NamingException e) {
            throw new IllegalStateException("HLS_CLUSTER is set but the data source jdbc/hlsgateway is not bound", e);
        }
    }

    /** The node secret: not the configured text itself, so that a node secret seen in traffic signs no URL. */
    private static byte[] derive(String shared) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(shared.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal("hls-gateway node to node".getBytes(StandardCharsets.UTF_8)))
                    .getBytes(StandardCharsets.US_ASCII);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean active() {
        return grid != null;
    }

    public String nodeId() {
        return self;
    }

    /** The node secret as sent in {@code X-HLS-Node-Secret}. */
    public String secret() {
        return new String(secret, StandardCharsets.US_ASCII);
    }

    public boolean secretMatches(String presented) {
        return presented != null && MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8));
    }

    /** Players an edge served this node's playlist to from a shared fetch: viewers, as if each had asked here. */
    public void watchedThrough(String nickname, List<String> clients) {
        for (String client : clients) {
            transcoders.touch(nickname, client);
        }
    }

    public EdgeCache cache() {
        return cache;
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cluster heartbeat", e);
        }
    }

    private void tick() {
        long now = System.currentTimeMillis();
        grid.publish(new NodeInfo(self, url, transcoders.runningCount(), config.maxTranscoders(), startedMillis), LEASE_MILLIS);
        members = grid.members();
        live = grid.nodes();
        suspects.values().removeIf(until -> until < now);
        incoming.values().removeIf(until -> until < now);
        known.clear();
        Set<String> running = transcoders.nicknames(TranscoderState.IDLE); // every channel not idle here
        for (String nickname : running) {
            Lease held = grid.lease(nickname);
            if (held == null) {
                held = grid.claim(nickname, new Lease(self, url, grid.nextEpoch()), LEASE_MILLIS);
            } else if (held.heldBy(self) && !grid.renew(nickname, held, LEASE_MILLIS)) {
                held = grid.lease(nickname);
            }
            if (held != null && held.heldBy(self)) {
                mine.put(nickname, held);
                grid.publishStatus(nickname, org.hlsgateway.cluster.control.StatusText.encode(
                        transcoders.localStatus(nickname), url), LEASE_MILLIS);
            } else if (held != null && incoming.getOrDefault(nickname, 0L) < now) {
                fence(nickname, held);
            }
        }
        for (Map.Entry<String, Lease> lease : mine.entrySet()) {
            String nickname = lease.getKey();
            long claimed = claimedAt.getOrDefault(nickname, 0L);
            if (!running.contains(nickname) && now - claimed > config.startTimeoutSeconds() * 1000L) {
                grid.release(nickname, lease.getValue()); // stopped here (idle, deleted): any node may start it next
                mine.remove(nickname, lease.getValue());
                claimedAt.remove(nickname);
            }
        }
        Map<String, org.hlsgateway.transcoding.entity.TranscoderStatus> others = new java.util.HashMap<>();
        grid.statuses().forEach((nickname, text) -> {
            var status = org.hlsgateway.cluster.control.StatusText.decode(text);
            if (status != null && !url.equals(status.node()) && !running.contains(nickname)) {
                others.put(nickname, status);
            }
        });
        elsewhere = others;
        cache.sweep();
    }

    /** Another node holds the lease of a channel that runs here: this FFmpeg is the one too many, and stops. */
    private void fence(String nickname, Lease held) {
        mine.remove(nickname);
        claimedAt.remove(nickname);
        LOG.warning(() -> "channel " + nickname + " is leased to node " + held.node() + " (fencing number " + held.epoch()
                + "): stopping its FFmpeg here");
        transcoders.stop(nickname);
    }

    /**
     * Where a player's request for {@code nickname} is served: here, or at the node that holds its lease. A channel
     * without a lease goes to the least-loaded node; one whose owner is gone (left the grid, or refused a connection)
     * goes to another node under a lease with a higher fencing number.
     */
    public Route route(String nickname) {
        Route route = routeNow(nickname);
        Lease before = lastRoute.put(nickname, route.lease());
        if (before != null && before.epoch() != route.lease().epoch()) {
            previous.put(nickname, new Known(before, System.currentTimeMillis()));
        }
        return route;
    }

    /**
     * The channel's owner before it last moved, for {@link #PREVIOUS_MILLIS}: a player's playlist from it may name
     * segments that only it has.
     */
    public Lease previous(String nickname) {
        Known before = previous.get(nickname);
        if (before == null || System.currentTimeMillis() - before.readAt > PREVIOUS_MILLIS) {
            return null;
        }
        return before.lease.heldBy(self) && mine.containsKey(nickname) ? null : before.lease;
    }

    private Route routeNow(String nickname) {
        Lease own = mine.get(nickname);
        if (own != null) {
            return new Route(own, true);
        }
        Known seen = known.get(nickname);
        Lease held = seen != null && alive(seen.lease.node()) ? seen.lease : grid.lease(nickname);
        for (int attempt = 0; attempt < 3; attempt++) {
            if (held == null) { // placed one at a time cluster-wide, so that a burst of cold channels spreads evenly
                held = grid.placing(() -> {
                    Lease now = grid.lease(nickname);
                    return now != null ? now : grid.claim(nickname, place(nickname, Set.of()), LEASE_MILLIS);
                });
            }
            if (held.heldBy(self)) {
                return ownNow(nickname, held);
            }
            if (alive(held.node())) {
                known.put(nickname, new Known(held, System.currentTimeMillis()));
                return new Route(held, false);
            }
            Lease next = place(nickname, Set.of(held.node()));
            LOG.info("channel " + nickname + ": its node " + held.node() + " is gone; moving it to " + next.node());
            held = grid.replace(nickname, held, next, LEASE_MILLIS) ? next : grid.lease(nickname);
        }
        return held != null && !held.heldBy(self) ? new Route(held, false) : ownNow(nickname, held);
    }

    private Route ownNow(String nickname, Lease held) {
        Lease lease = held != null ? held : new Lease(self, url, 0);
        mine.put(nickname, lease);
        claimedAt.put(nickname, System.currentTimeMillis());
        return new Route(lease, true);
    }

    private Lease place(String nickname, Set<String> without) {
        Set<String> excluded = new HashSet<>(without);
        excluded.addAll(suspects.keySet());
        Map<String, NodeInfo> nodes = new java.util.HashMap<>(live);
        nodes.keySet().retainAll(members);
        if (!excluded.contains(self)) {
            nodes.putIfAbsent(self, new NodeInfo(self, url, transcoders.runningCount(), config.maxTranscoders(), startedMillis));
        }
        String chosen = Placement.choose(nickname, nodes, grid.leases().values(), excluded);
        if (chosen == null && excluded.contains(self)) {
            return null; // leaving, and no other node can take it
        }
        NodeInfo node = chosen == null ? new NodeInfo(self, url, 0, config.maxTranscoders(), startedMillis) : nodes.get(chosen);
        return new Lease(node.id(), node.url(), grid.nextEpoch());
    }

    private boolean alive(String node) {
        return node.equals(self) || members.contains(node) && live.containsKey(node) && !suspects.containsKey(node);
    }

    /** Drops what this node last read of the channel's lease: the next request asks the grid. */
    public void forget(String nickname) {
        known.remove(nickname);
    }

    /** A node refused a connection: it is taken for dead until the grid drops it or {@link #SUSPECT_MILLIS} pass. */
    public void suspect(String node) {
        if (!node.equals(self)) {
            suspects.put(node, System.currentTimeMillis() + SUSPECT_MILLIS);
            known.values().removeIf(k -> k.lease.heldBy(node));
        }
    }

    /**
     * A request from another node for a channel it believes runs here under the lease numbered {@code epoch}: true
     * when this node holds that lease (or a newer one the grid names it in). False means this node lost it: it stops
     * serving the channel, and the edge asks the grid again.
     */
    public boolean servesAsOwner(String nickname, long epoch) {
        if (left.isDone()) {
            return false; // left: its channels are other nodes' now (while it hands over, it still serves them)
        }
        if (incoming.containsKey(nickname)) {
            return true;
        }
        Lease own = mine.get(nickname);
        if (own != null && own.epoch() >= epoch) {
            return true;
        }
        Lease held = grid.lease(nickname);
        if (held != null && held.heldBy(self)) {
            ownNow(nickname, held);
            return true;
        }
        if (own != null && transcoders.status(nickname).state() != TranscoderState.IDLE) {
            fence(nickname, held != null ? held : own);
        }
        return false;
    }

    /** The nodes in the grid now, with the channels each holds leases for. */
    public List<NodeView> nodes() {
        if (!active()) {
            return List.of(new NodeView("single", config.nodeUrl(), true, transcoders.runningCount(),
                    config.maxTranscoders(), transcoders.runningCount()));
        }
        Map<String, Integer> held = new java.util.HashMap<>();
        grid.leases().values().forEach(l -> held.merge(l.node(), 1, Integer::sum));
        Set<String> now = grid.members();
        return grid.nodes().values().stream().filter(n -> now.contains(n.id()))
                .sorted(java.util.Comparator.comparing(NodeInfo::url))
                .map(n -> new NodeView(n.id(), n.url(), n.id().equals(self), n.running(), n.maxTranscoders(),
                        held.getOrDefault(n.id(), 0)))
                .toList();
    }

    /** One node as the API shows it. */
    public record NodeView(String id, String url, boolean self, int running, int maxTranscoders, int channels) {
    }

    /** Where a channel runs now, for the API: the owner's node id, or null when no node runs it. */
    public Lease lease(String nickname) {
        return active() ? grid.lease(nickname) : null;
    }

    /**
     * Stopping (SIGTERM, undeploy): each channel that runs here moves to the least-loaded other node. That node starts
     * it first, while this one still serves it; only once it has something to play does the lease move, so players
     * see no gap. Channels no other node can take are simply released.
     */
    @PreDestroy
    void stop() {
        if (!active()) {
            return;
        }
        leave();
    }

    /**
     * SIGTERM starts the JVM's shutdown, and with it Payara's, which undeploys the gateway while any shutdown hook of
     * ours would still hand over. So the signal is trapped: the handover runs first, then this node's FFmpeg stop and
     * the process exits.
     */
    private void trapSigterm() {
        try {
            TermSignal.trap(() -> {
                leave();
                try {
                    Thread.sleep(LINGER_MILLIS); // players' last playlists of here name segments only here
                    stopFfmpeg();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "stopping FFmpeg after the handover", e);
                }
                // not Payara's shutdown: it would undeploy the gateway while the port still takes players' requests
                // (they would get the container's 404 and 500 pages); exiting closes the port at once, and the
                // balancer and the edges go to the nodes that took the channels over
                Runtime.getRuntime().halt(143);
            });
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.INFO, "SIGTERM cannot be trapped here: channels are released, not handed over, when it stops", e);
        }
    }

    /** Stops every FFmpeg of this node the polite way (SIGTERM each), waiting up to 4 s for all of them. */
    private void stopFfmpeg() throws InterruptedException {
        for (String nickname : transcoders.nicknames(TranscoderState.IDLE)) {
            transcoders.stop(nickname);
        }
        long end = System.currentTimeMillis() + 4_000;
        while (transcoders.runningCount() > 0 && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
    }

    /** Hands over (once; a second caller waits for the first). */
    private void leave() {
        if (!stopped.compareAndSet(false, true)) {
            try {
                left.get(config.startTimeoutSeconds() + 5L, TimeUnit.SECONDS);
            } catch (Exception e) {
                // the first caller reports
            }
            return;
        }
        try {
            handover(); // heartbeats and renewals go on meanwhile: the others must not take this node for dead
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "handing channels over", e);
        } finally {
            if (ticks != null) {
                ticks.cancel(false);
            }
            left.complete(null);
        }
    }

    private void handover() {
        members = grid.members();
        live = grid.nodes();
        Map<String, java.util.concurrent.CompletableFuture<Boolean>> prepared = new java.util.HashMap<>();
        Map<String, Lease> next = new java.util.HashMap<>();
        for (Map.Entry<String, Lease> lease : mine.entrySet()) {
            Lease successor = place(lease.getKey(), Set.of(self));
            if (successor == null) {
                grid.release(lease.getKey(), lease.getValue());
                continue;
            }
            next.put(lease.getKey(), successor);
            prepared.put(lease.getKey(), NodeCalls.take(successor, lease.getKey(), lease.getValue(), secret(),
                    config.startTimeoutSeconds())
                    .handle((answer, error) -> error == null && answer.statusCode() < 400));
        }
        long deadline = System.currentTimeMillis() + (config.startTimeoutSeconds() + 2L) * 1000;
        int moved = 0;
        for (Map.Entry<String, java.util.concurrent.CompletableFuture<Boolean>> take : prepared.entrySet()) {
            String nickname = take.getKey();
            boolean ready;
            try {
                ready = take.getValue().get(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                ready = false;
            }
            Lease old = mine.get(nickname);
            if (ready && old != null && grid.replace(nickname, old, next.get(nickname), LEASE_MILLIS)) {
                moved++;
            } else if (old != null) {
                grid.release(nickname, old); // its players' next requests start it on another node
            }
        }
        mine.clear();
        int handed = moved;
        LOG.info(() -> "left the cluster: " + handed + " of " + prepared.size() + " channel(s) handed over");
    }

    /**
     * Another node is leaving and hands {@code nickname} over to this one ({@code X-HLS-Handover}): this node starts
     * it, and the grid names it once it runs. Until then the leaving node's lease is not fenced here.
     */
    public void expectHandover(String nickname, String from) {
        incoming.put(nickname, System.currentTimeMillis() + (config.startTimeoutSeconds() + 10L) * 1000);
        Lease leaving = Lease.decode(from);
        if (leaving != null) {
            previous.put(nickname, new Known(leaving, System.currentTimeMillis() + LINGER_MILLIS + config.startTimeoutSeconds() * 1000L));
        }
    }

}
