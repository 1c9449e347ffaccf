package org.hlsgateway.cluster.control;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.hlsgateway.cluster.entity.Lease;
import org.hlsgateway.cluster.entity.NodeInfo;

/**
 * Where a channel that no node runs goes: the live node with the lowest load, counted as the channels it holds
 * leases for (or its running transcoders, if more) against its {@code HLS_MAX_TRANSCODERS}. Leases count at once, so
 * a burst of cold channels spreads before any heartbeat reports the new transcoders; ties go by a hash of the
 * nickname and the node, so that nodes placing at the same moment agree more often than not.
 */
public final class Placement {

    private Placement() {
    }

    /** The chosen node's id, or null when every live node is full or excluded. */
    public static String choose(String nickname, Map<String, NodeInfo> nodes, Collection<Lease> leases, Set<String> excluded) {
        Map<String, Integer> held = new java.util.HashMap<>();
        for (Lease lease : leases) {
            held.merge(lease.node(), 1, Integer::sum);
        }
        String best = null;
        double bestLoad = Double.MAX_VALUE;
        int bestTie = 0;
        for (NodeInfo node : nodes.values()) {
            if (excluded.contains(node.id())) {
                continue;
            }
            int channels = Math.max(held.getOrDefault(node.id(), 0), node.running());
            if (channels >= node.maxTranscoders()) {
                continue;
            }
            double load = (double) channels / node.maxTranscoders();
            int tie = mix(nickname.hashCode() * 0x9E3779B9 ^ node.id().hashCode());
            if (best == null || load < bestLoad || load == bestLoad && tie < bestTie) {
                best = node.id();
                bestLoad = load;
                bestTie = tie;
            }
        }
        return best;
    }

    /** Murmur3's finalizer: names that differ in one character land far apart. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ h >>> 16;
    }
}
