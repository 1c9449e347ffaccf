package org.hlsgateway.cluster.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LeaseTest {

    @Test
    void aLeaseAndANodeSurviveTheirTextForm() {
        Lease lease = new Lease("0a0c-946e", "http://10.0.0.5:8080", 42);
        assertEquals(lease, Lease.decode(lease.encode()));
        assertTrue(lease.heldBy("0a0c-946e"));
        NodeInfo node = new NodeInfo("id-1", "http://10.0.0.6:8080", 7, 100, 1_796_000_000_000L);
        assertEquals(node, NodeInfo.decode("id-1", node.encode()));
    }

    @Test
    void textOfAnotherShapeIsNoLease() {
        assertNull(Lease.decode(null));
        assertNull(Lease.decode("node http://x"));
        assertNull(Lease.decode("node http://x notanumber"));
        assertNull(NodeInfo.decode("id", "http://x 1 2"));
        assertNull(NodeInfo.decode("id", "http://x one 2 3"));
        assertThrows(IllegalArgumentException.class, () -> new Lease("a node", "http://x", 1));
    }
}
