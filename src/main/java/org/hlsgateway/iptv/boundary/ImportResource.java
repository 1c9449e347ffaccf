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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hlsgateway.api.ApiDoc;
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
    static final String CSV = "nickname,url,name,group,logo,tvg_id,tvg_name\n"
            + "cam1,rtsp://user:secret@camera.local:554/stream1,Front door,Lobby,,,\n"
            + "cam2,rtsp://10.0.0.12/live,Yard,Outside,,,\n";
    static final String M3U = "#EXTM3U\n"
            + "#EXTINF:-1 tvg-id=\"news1\" tvg-name=\"News\" tvg-logo=\"https://example.com/news.png\" "
            + "group-title=\"News\",News One\n"
            + "https://provider.example/news1/index.m3u8\n";

    @Inject
    ImportService imports;

    @POST
    @Consumes({MediaType.TEXT_PLAIN, "text/csv", "audio/x-mpegurl", "application/x-mpegurl", "application/vnd.apple.mpegurl"})
    @Tag(name = "import", description = "Batch import from CSV or extended M3U (HTTP Basic, admins).")
    @Operation(operationId = "importChannels", summary = "Create or update channels from a CSV or M3U file",
            description = "CSV with a header (columns nickname, url, name, group, logo, tvg_id, tvg_name; only url is "
                    + "required) or extended M3U (#EXTINF with tvg-id, tvg-name, tvg-logo, group-title, hls-nickname). "
                    + "A line whose nickname exists updates that channel. All or nothing unless partial=true: one rejected "
                    + "line stores nothing. The answer reports every line. At most 20 MB. Admins.")
    @RequestBody(required = true, description = "The file, as is.", content = {
        @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING),
                examples = @ExampleObject(name = "csv", summary = "Two cameras", value = CSV)),
        @Content(mediaType = "audio/x-mpegurl", schema = @Schema(type = SchemaType.STRING),
                examples = @ExampleObject(name = "m3u", summary = "An IPTV provider's playlist", value = M3U)),
        @Content(mediaType = "text/plain", schema = @Schema(type = SchemaType.STRING)),
        @Content(mediaType = "application/x-mpegurl", schema = @Schema(type = SchemaType.STRING)),
        @Content(mediaType = "application/vnd.apple.mpegurl", schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "200", description = "Imported, or the dry run's report (nothing stored).",
            content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = "ImportReport")))
    @APIResponse(responseCode = "400", description = "Nothing was imported: lines were rejected (the body is the "
            + "ImportReport with each line's reason), or the body is empty or the format unknown (the Error body).",
            content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = "ImportRefused")))
    @APIResponse(responseCode = "401", description = ApiDoc.UNAUTHORIZED, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "403", description = ApiDoc.ADMIN_ONLY, content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "413", description = "The file is larger than 20 MB.", content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    @APIResponse(responseCode = "415", description = "The Content-Type is not CSV, M3U or text.", content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(ref = ApiDoc.ERROR)))
    public Response importChannels(String body,
                                   @Parameter(description = "csv or m3u; detected from the body when left out "
                                           + "(#EXTM3U or #EXTINF first means m3u).",
                                           schema = @Schema(type = SchemaType.STRING, enumeration = {"csv", "m3u"}))
                                   @QueryParam("format") String format,
                                   @Parameter(description = "Only report what would happen; store nothing.")
                                   @QueryParam("dryRun") boolean dryRun,
                                   @Parameter(description = "Import the valid lines even when others are rejected.")
                                   @QueryParam("partial") boolean partial,
                                   @Parameter(hidden = true) @HeaderParam("Content-Length") Long length) {
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
