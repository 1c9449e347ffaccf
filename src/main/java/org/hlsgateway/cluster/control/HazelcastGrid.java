package org.hlsgateway.cluster.control;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.cp.IAtomicLong;
import com.hazelcast.map.IMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.hlsgateway.cluster.entity.Lease;
import org.hlsgateway.cluster.entity.NodeInfo;

/**
 * Payara Micro's data grid (Hazelcast), looked up under {@code payara/Hazelcast}. Only strings go into it, so no class
 * of the application is ever serialized or needed on another member. The only class that names Hazelcast: it is
 * loaded in cluster mode only, so a server without the grid (WildFly, {@code --nohazelcast}) never needs its classes.
 */
public final class HazelcastGrid implements Grid {

    static final String JNDI_NAME = "payara/Hazelcast";
    /** The key the placement lock is taken on; never a channel's (nicknames have no spaces). */
    private static final String PLACEMENT = "placement lock";

    private final HazelcastInstance grid;
    private final IMap<String, String> nodes;
    private final IMap<String, String> leases;
    private final IAtomicLong epochs;
    private final IMap<String, String> statuses;
    private final com.hazelcast.topic.ITopic<String> stops;
    private final IMap<String, Boolean> logouts;

    private HazelcastGrid(HazelcastInstance grid) {
        this.grid = grid;
        this.nodes = grid.getMap("hls-gateway-nodes");
        this.leases = grid.getMap("hls-gateway-leases");
        this.epochs = grid.getCPSubsystem().getAtomicLong("hls-gateway-lease-epoch");
        this.statuses = grid.getMap("hls-gateway-status");
        this.stops = grid.getTopic("hls-gateway-stops");
        this.logouts = grid.getMap("hls-gateway-logouts");
    }

    /** The server's grid; a clear error when this server has none (started with {@code --nohazelcast}, or not Payara). */
    public static Grid lookup() {
        Object found;
        try {
            found = new InitialContext().lookup(JNDI_NAME);
        } catch (NamingException | NoClassDefFoundError e) {
            throw new IllegalStateException("HLS_CLUSTER is set, but this server has no data grid (" + JNDI_NAME
                    + " not found): start the node with server-config/start-micro.sh on Payara Micro, which passes "
                    + "HLS_CLUSTER to --clustermode, or unset HLS_CLUSTER to run a single node", e);
        }
        if (!(found instanceof HazelcastInstance instance) || !instance.getLifecycleService().isRunning()) {
            throw new IllegalStateException("HLS_CLUSTER is set, but the data grid under " + JNDI_NAME
                    + " is not running: was Payara Micro started with --nohazelcast?");
        }
        return new HazelcastGrid(instance);
    }

    @Override
    public String localId() {
        return grid.getCluster().getLocalMember().getUuid().toString();
    }

    @Override
    public Set<String> members() {
        Set<String> ids = new HashSet<>();
        for (Member member : grid.getCluster().getMembers()) {
            ids.add(member.getUuid().toString());
        }
        return ids;
    }

    @Override
    public void publish(NodeInfo self, long ttlMillis) {
        nodes.set(self.id(), self.encode(), ttlMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public Map<String, NodeInfo> nodes() {
        Map<String, NodeInfo> found = new HashMap<>();
        nodes.forEach((id, text) -> {
            NodeInfo node = NodeInfo.decode(id, text);
            if (node != null) {
                found.put(id, node);
            }
        });
        return found;
    }

    @Override
    public Lease lease(String nickname) {
        return Lease.decode(leases.get(nickname));
    }

    @Override
    public Lease claim(String nickname, Lease wanted, long ttlMillis) {
        String held = leases.putIfAbsent(nickname, wanted.encode(), ttlMillis, TimeUnit.MILLISECONDS);
        return held == null ? wanted : Lease.decode(held);
    }

    @Override
    public boolean replace(String nickname, Lease expected, Lease wanted, long ttlMillis) {
        if (!leases.replace(nickname, expected.encode(), wanted.encode())) {
            return false;
        }
        leases.setTtl(nickname, ttlMillis, TimeUnit.MILLISECONDS);
        return true;
    }

    @Override
    public boolean renew(String nickname, Lease mine, long ttlMillis) {
        if (!mine.encode().equals(leases.get(nickname))) {
            return false;
        }
        leases.setTtl(nickname, ttlMillis, TimeUnit.MILLISECONDS);
        return true;
    }

    @Override
    public void release(String nickname, Lease mine) {
        leases.remove(nickname, mine.encode());
    }

    @Override
    public Map<String, Lease> leases() {
        Map<String, Lease> found = new HashMap<>();
        leases.forEach((nickname, text) -> {
            Lease lease = Lease.decode(text);
            if (lease != null) {
                found.put(nickname, lease);
            }
        });
        return found;
    }

    @Override
    public void publishStatus(String nickname, String status, long ttlMillis) {
        statuses.set(nickname, status, ttlMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void logOut(String loginId, long ttlMillis) {
        logouts.set(loginId, Boolean.TRUE, Math.max(1, ttlMillis), TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean loggedOut(String loginId) {
        return logouts.containsKey(loginId);
    }

    @Override
    public Map<String, String> statuses() {
        return new HashMap<>(statuses);
    }

    @Override
    public void broadcastStop(String nickname) {
        stops.publish(nickname);
    }

    @Override
    public void onStop(java.util.function.Consumer<String> stop) {
        stops.addMessageListener(message -> stop.accept(message.getMessageObject()));
    }

    @Override
    public <T> T placing(java.util.function.Supplier<T> placement) {
        // a lock with a lease: a node that dies holding it frees it within 5 s
        leases.lock(PLACEMENT, 5, TimeUnit.SECONDS);
        try {
            return placement.get();
        } finally {
            leases.unlock(PLACEMENT);
        }
    }

    @Override
    public long nextEpoch() {
        return epochs.incrementAndGet();
    }
}
