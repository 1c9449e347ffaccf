package org.hlsgateway.cluster.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hlsgateway.cluster.entity.Lease;
import org.hlsgateway.cluster.entity.NodeInfo;
import org.junit.jupiter.api.Test;

class PlacementTest {

    private static Map<String, NodeInfo> nodes(int max, String... ids) {
        Map<String, NodeInfo> nodes = new HashMap<>();
        for (String id : ids) {
            nodes.put(id, new NodeInfo(id, "http://" + id + ":8080", 0, max, 0));
        }
        return nodes;
    }

    @Test
    void thirtyChannelsPlacedOneAfterAnotherSpreadEvenlyOverThreeNodes() {
        Map<String, NodeInfo> nodes = nodes(100, "a", "b", "c");
        List<Lease> leases = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String chosen = Placement.choose("cam" + i, nodes, leases, Set.of());
            leases.add(new Lease(chosen, nodes.get(chosen).url(), i));
        }
        Map<String, Long> perNode = new HashMap<>();
        leases.forEach(l -> perNode.merge(l.node(), 1L, Long::sum));
        assertEquals(Map.of("a", 10L, "b", 10L, "c", 10L), perNode);
    }

    @Test
    void theLeastLoadedNodeWinsCountingRunningTranscodersOrLeasesWhicheverIsMore() {
        Map<String, NodeInfo> nodes = new HashMap<>();
        nodes.put("a", new NodeInfo("a", "http://a", 5, 100, 0)); // 5 running, no lease yet (admin starts)
        nodes.put("b", new NodeInfo("b", "http://b", 0, 100, 0));
        List<Lease> leases = List.of(new Lease("b", "http://b", 1), new Lease("b", "http://b", 2));
        assertEquals("b", Placement.choose("x", nodes, leases, Set.of()));
        nodes.put("b", new NodeInfo("b", "http://b", 0, 2, 0)); // b is full at 2 of 2
        assertEquals("a", Placement.choose("x", nodes, leases, Set.of()));
    }

    @Test
    void excludedAndFullNodesAreNeverChosen() {
        Map<String, NodeInfo> nodes = nodes(1, "a", "b");
        assertEquals("b", Placement.choose("x", nodes, List.of(), Set.of("a")));
        assertNull(Placement.choose("x", nodes, List.of(new Lease("a", "http://a", 1), new Lease("b", "http://b", 2)), Set.of()));
        assertNull(Placement.choose("x", Map.of(), List.of(), Set.of()));
    }

    @Test
    void tiesGoByNicknameSoThatChannelsDoNotAllPickTheSameNode() {
        Map<String, NodeInfo> nodes = nodes(100, "a", "b", "c");
        Set<String> chosen = new java.util.HashSet<>();
        for (int i = 0; i < 20; i++) {
            chosen.add(Placement.choose("cam" + i, nodes, List.of(), Set.of()));
        }
        assertTrue(chosen.size() > 1, "cold channels placed at the same moment spread: " + chosen);
        assertEquals(Placement.choose("cam1", nodes, List.of(), Set.of()), Placement.choose("cam1", nodes, List.of(), Set.of()));
        assertNotEquals(null, Placement.choose("cam1", nodes, List.of(), Set.of()));
    }
}
