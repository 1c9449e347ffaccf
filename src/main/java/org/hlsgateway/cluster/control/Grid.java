package org.hlsgateway.cluster.control;

import java.util.Map;
import java.util.Set;
import org.hlsgateway.cluster.entity.Lease;
import org.hlsgateway.cluster.entity.NodeInfo;

/**
 * What the cluster needs of the data grid: the live members, each node's heartbeat and each channel's lease, all
 * entries expiring by themselves when no one renews them. {@link HazelcastGrid} is Payara Micro's grid.
 */
public interface Grid {

    /** This node's id in the grid. */
    String localId();

    /** The ids of the members the grid sees now. */
    Set<String> members();

    /** This node's heartbeat, kept for {@code ttlMillis}. */
    void publish(NodeInfo self, long ttlMillis);

    /** The nodes whose heartbeat has not expired, by id. */
    Map<String, NodeInfo> nodes();

    /** The channel's lease, or null. */
    Lease lease(String nickname);

    /** Takes the lease unless one is held: the lease now held, {@code wanted} or another's. */
    Lease claim(String nickname, Lease wanted, long ttlMillis);

    /** Replaces {@code expected} with {@code wanted} only if {@code expected} is still the channel's lease. */
    boolean replace(String nickname, Lease expected, Lease wanted, long ttlMillis);

    /** Keeps {@code mine} for another {@code ttlMillis}; false when the channel's lease is no longer it. */
    boolean renew(String nickname, Lease mine, long ttlMillis);

    /** Gives {@code mine} up, unless it is no longer the channel's lease. */
    void release(String nickname, Lease mine);

    /** Every lease, by nickname. */
    Map<String, Lease> leases();

    /** The channel's live state as its owner sees it, kept for {@code ttlMillis}. */
    void publishStatus(String nickname, String status, long ttlMillis);

    /** Every channel's live state published by its owner, by nickname. */
    Map<String, String> statuses();

    /** Tells every node that the channel was deleted or changed: the one that runs it stops it. */
    void broadcastStop(String nickname);

    /** What to do when any node broadcasts a stop. */
    void onStop(java.util.function.Consumer<String> stop);

    /** Runs {@code placement} under the cluster's placement lock (one placement at a time, cluster-wide). */
    <T> T placing(java.util.function.Supplier<T> placement);

    /** A fencing number higher than any this grid handed out before. */
    long nextEpoch();

    /** A console login that was logged out, remembered cluster-wide until its cookie would have expired anyway. */
    void logOut(String loginId, long ttlMillis);

    /** Whether a console login was logged out on any node. */
    boolean loggedOut(String loginId);
}
