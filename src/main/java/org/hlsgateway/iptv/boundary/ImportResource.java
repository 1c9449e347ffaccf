package org.hlsgateway.iptv.boundary;

import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.hlsgateway.api.JsonBuilders;
import org.hlsgateway.api.ErrorResponses;
import org.hlsgateway.iptv.control.CsvImport;
import org.hlsgateway.iptv.control.ImportLine;
import org.hlsgateway.iptv.control.ImportRow;
import org.hlsgateway.iptv.control.M3uImport;

/**
 * {@code POST /hls_gateway/api/channels/import?format=csv|m3u&dryRun=true&partial=false}: batch import
 * from CSV or extended M3U. The answer reports every line: created, updated, or rejected and why.
 */
@Path("channels/import")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    static final int MAX_BYTES = 20 * 1024 * 1024;

    @Inject
    ImportService imports;

    @POST
    @Consumes({MediaType.TEXT_PLAIN, "text/csv", "audio/x-mpegurl", "application/x-mpegurl", "application/vnd.apple.mpegurl"})
    public Response importChannels(String body, @QueryParam("format") String format,
                                   @QueryParam("dryRun") boolean dryRun, @QueryParam("partial") boolean partial,
                                   @HeaderParam("Content-Length") Long length) {
        if ((length != null && length > MAX_BYTES) || (body != null && body.length() > MAX_BYTES)) {
            return ErrorResponses.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, "an import may have at most 20 MB");
        }
        if (body == null || body.isBlank()) {
            return ErrorResponses.of(Response.Status.BAD_REQUEST, "the body is empty: send a CSV or M3U file");
        }
        String kind = format == null ? detect(body) : format.toLowerCase();
        List<ImportRow> rows = switch (kind) {
            case "csv" -> CsvImport.parse(body);
            case "m3u", "m3u8" -> M3uImport.parse(body);
            default -> null;
        };
        if (rows == null) {
            return ErrorResponses.of(Response.Status.BAD_REQUEST, "format must be csv or m3u");
        }
        ImportService.Result result = imports.run(rows, dryRun, partial);
        JsonObject report = report(result, dryRun);
        boolean refused = !dryRun && !result.applied();
        return Response.status(refused ? Response.Status.BAD_REQUEST : Response.Status.OK).entity(report).build();
    }

    static String detect(String body) {
        String start = body.stripLeading().replace("\uFEFF", "");
        return start.startsWith("#EXTM3U") || start.startsWith("#EXTINF") ? "m3u" : "csv";
    }

    private static JsonObject report(ImportService.Result result, boolean dryRun) {
        JsonArrayBuilder lines = JsonBuilders.array();
        for (ImportLine line : result.lines()) {
            JsonObjectBuilder json = JsonBuilders.object()
                    .add("line", line.line())
                    .add("action", line.action().name().toLowerCase());
            if (line.nickname() != null) {
                json.add("nickname", line.nickname());
            }
            if (!line.reasons().isEmpty()) {
                json.add("reason", String.join("; ", line.reasons()));
            }
            lines.add(json);
        }
        long rejected = result.count(ImportLine.Action.REJECT);
        String message = dryRun ? "dry run: nothing was stored"
                : result.applied() ? "imported" : "nothing was imported: " + rejected + " line(s) rejected (add partial=true to import the rest)";
        return JsonBuilders.object()
                .add("message", message)
                .add("applied", result.applied())
                .add("created", result.count(ImportLine.Action.CREATE))
                .add("updated", result.count(ImportLine.Action.UPDATE))
                .add("rejected", rejected)
                .add("lines", lines)
                .build();
    }
}
