package org.hlsgateway.cluster.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** The console's node list ({@code /admin/nodes/}): what {@code /api/nodes} says, for people. */
@Named
@RequestScoped
public class NodesView {

    @Inject
    Cluster cluster;

    private List<Cluster.NodeView> nodes;

    public List<Cluster.NodeView> getNodes() {
        if (nodes == null) {
            nodes = cluster.nodes();
        }
        return nodes;
    }

    public boolean isClustered() {
        return cluster.active();
    }

    public int getChannels() {
        return getNodes().stream().mapToInt(Cluster.NodeView::channels).sum();
    }

    /** Running over the limit, as a whole percentage: what placement compares. */
    public int load(Cluster.NodeView node) {
        return node.maxTranscoders() <= 0 ? 0 : Math.round(100f * node.running() / node.maxTranscoders());
    }
}
