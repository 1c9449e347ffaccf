package org.hlsgateway.cluster.control;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** What cluster mode needs before a node joins: one database that every node shares, which H2 is not. */
public final class ClusterPrecondition {

    private ClusterPrecondition() {
    }

    /** Throws with a clear message unless the gateway's database is PostgreSQL; passes when it cannot be asked now. */
    public static void requireSharedDatabase(DataSource database) {
        String product;
        try (Connection connection = database.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            return; // unreachable now: the database's outage handling takes over; H2 is never unreachable
        }
        refuseUnlessShared(product);
    }

    static void refuseUnlessShared(String product) {
        if (product == null || !product.toLowerCase(java.util.Locale.ROOT).contains("postgres")) {
            throw new IllegalStateException("HLS_CLUSTER needs a shared PostgreSQL (HLS_DB_URL), but this node's database "
                    + "is " + product + ": the embedded H2 file is one node's own, and every node of a cluster must see "
                    + "the same channels. Set HLS_DB_URL on every node, or unset HLS_CLUSTER to run a single node.");
        }
    }
}
