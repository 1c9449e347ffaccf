package org.hlsgateway.cluster.boundary;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hlsgateway.api.ApiDoc;

/** {@code /hls_gateway/api/nodes}: the nodes of the cluster, with the channels each runs; one node when not clustered. */
@Path("nodes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "cluster", description = "The nodes of a cluster (HLS_CLUSTER) and what each runs.")
public class NodesResource {

    @Inject
    Cluster cluster;

    @GET
    @Operation(operationId = "listNodes", summary = "The nodes of the cluster",
            description = "Every node in the data grid now: its URL (HLS_NODE_URL), the channels it holds leases for, "
                    + "its running transcoders and HLS_MAX_TRANSCODERS. A single node lists itself.")
    @APIResponse(responseCode = "200", description = "The nodes, and whether the gateway runs as a cluster.",
            content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT)))
    @APIResponse(responseCode = "401", description = ApiDoc.UNAUTHORIZED, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    public JsonObject nodes() {
        JsonArrayBuilder nodes = Json.createArrayBuilder();
        for (Cluster.NodeView node : cluster.nodes()) {
            nodes.add(Json.createObjectBuilder()
                    .add("id", node.id())
                    .add("url", node.url())
                    .add("self", node.self())
                    .add("channels", node.channels())
                    .add("running", node.running())
                    .add("maxTranscoders", node.maxTranscoders()));
        }
        return Json.createObjectBuilder().add("clustered", cluster.active()).add("nodes", nodes).build();
    }
}
