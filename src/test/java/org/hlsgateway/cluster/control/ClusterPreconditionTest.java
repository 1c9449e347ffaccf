package org.hlsgateway.cluster.control;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClusterPreconditionTest {

    @Test
    void aClusterOnH2IsRefusedWithWhatToDo() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> ClusterPrecondition.refuseUnlessShared("H2"));
        assertTrue(refused.getMessage().contains("HLS_DB_URL") && refused.getMessage().contains("H2"), refused.getMessage());
        ClusterPrecondition.refuseUnlessShared("PostgreSQL");
    }
}
