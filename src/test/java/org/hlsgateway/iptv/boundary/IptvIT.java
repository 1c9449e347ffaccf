package org.hlsgateway.iptv.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hlsgateway.iptv.control.ImportRow;
import org.hlsgateway.iptv.control.M3uImport;
import org.hlsgateway.security.control.PlaybackToken;
import org.hlsgateway.security.control.TokenRevocations;
import org.hlsgateway.security.control.TokenScope;
import org.hlsgateway.testsupport.DeployedGateway;
import org.hlsgateway.testsupport.Tokens;
import org.hlsgateway.testsupport.Gateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Batch import and the M3U export, through the real API on Payara Micro. */
class IptvIT extends DeployedGateway {

    static final PlaybackToken SIGNER = Tokens.SIGNER;

    @BeforeEach
    void connect() throws Exception {
        removeImported();
    }

    @AfterEach
    void cleanUp() throws Exception {
        removeImported();
    }

    @Test
    void aThousandChannelsFromAnM3uComeBackInTheExportWithTheSameTvgAttributes() throws Exception {
        String m3u = providerPlaylist(1000);

        HttpResponse<String> dryRun = gateway.sendRaw("POST", "api/channels/import?dryRun=true", "audio/x-mpegurl", m3u);
        JsonObject plan = Gateway.json(dryRun.body());
        assertEquals(200, dryRun.statusCode(), dryRun.body());
        assertEquals(1000, plan.getInt("created"));
        assertFalse(plan.getBoolean("applied"));
        assertEquals(404, gateway.get("api/channels/imp-0001").statusCode(), "a dry run stores nothing");

        long start = System.nanoTime();
        HttpResponse<String> applied = gateway.sendRaw("POST", "api/channels/import", "audio/x-mpegurl", m3u);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(200, applied.statusCode(), applied.body());
        assertEquals(1000, Gateway.json(applied.body()).getInt("created"));
        System.out.println("IptvIT: imported 1000 channels in " + millis + " ms");

        HttpResponse<String> export = gateway.get("api/playlist.m3u?group=" + "Imported%20%C3%A9");
        assertEquals(200, export.statusCode());
        assertTrue(export.headers().firstValue("Content-Type").orElse("").startsWith("audio/x-mpegurl"));
        Map<String, ImportRow> exported = M3uImport.parse(export.body()).stream()
                .collect(Collectors.toMap(ImportRow::nickname, Function.identity()));
        Map<String, ImportRow> original = M3uImport.parse(m3u).stream()
                .collect(Collectors.toMap(ImportRow::nickname, Function.identity()));
        assertEquals(1000, exported.size());
        for (ImportRow source : original.values()) {
            ImportRow back = exported.get(source.nickname());
            assertEquals(source.name(), back.name());
            assertEquals(source.group(), back.group());
            assertEquals(source.logo(), back.logo());
            assertEquals(source.tvgId(), back.tvgId());
            assertEquals(source.tvgName(), back.tvgName());
            URI watch = URI.create(back.url());
            assertTrue(watch.getPath().endsWith("/hls_gateway/watch/" + source.nickname()), back.url());
            assertTrue(watch.getQuery().startsWith("token="), "protected channels are exported with signed URLs");
        }

        HttpResponse<String> again = gateway.sendRaw("POST", "api/channels/import", "audio/x-mpegurl", export.body());
        JsonObject reimport = Gateway.json(again.body());
        assertEquals(0, reimport.getInt("created"), "importing our own export creates nothing new");
        assertEquals(1000, reimport.getInt("updated"));
        assertEquals(0, reimport.getInt("rejected"));
    }

    @Test
    void aCsvWithABadLineImportsNothingUnlessPartialIsAsked() throws Exception {
        String csv = "\uFEFFurl,nickname,name,group\r\n"
                + "rtsp://127.0.0.1:9/a,imp-csv1,\"Door, front\",Cameras\r\n"
                + "file:///etc/passwd,imp-csv2,Evil,Cameras\r\n"
                + "rtsp://127.0.0.1:9/c,,Garage Cam,Cameras\r\n";

        HttpResponse<String> refused = gateway.sendRaw("POST", "api/channels/import?format=csv", "text/csv", csv);

        assertEquals(400, refused.statusCode(), refused.body());
        JsonObject report = Gateway.json(refused.body());
        assertTrue(report.getString("message").contains("nothing was imported"));
        JsonObject line3 = report.getJsonArray("lines").getValuesAs(JsonObject.class).stream()
                .filter(l -> l.getInt("line") == 3).findFirst().orElseThrow();
        assertEquals("reject", line3.getString("action"));
        assertTrue(line3.getString("reason").contains("url scheme"), line3.toString());
        assertEquals(404, gateway.get("api/channels/imp-csv1").statusCode());

        HttpResponse<String> partial = gateway.sendRaw("POST", "api/channels/import?format=csv&partial=true", "text/csv", csv);

        assertEquals(200, partial.statusCode(), partial.body());
        assertEquals(2, Gateway.json(partial.body()).getInt("created"));
        assertEquals("Door, front", gateway.channel("imp-csv1").getString("name"));
        assertEquals("Cameras", gateway.channel("imp-csv1").getString("group"));
        assertEquals(200, gateway.get("api/channels/garage-cam").statusCode(), "nicknames are made from names");
        gateway.send("DELETE", "api/channels/garage-cam", null);
    }

    @Test
    void anonymousExportsListPublicChannelsAndAPlaylistTokenOpensTheRest() throws Exception {
        gateway.createChannel("imp-pub1", "rtsp://127.0.0.1:9/p", "\"group\":\"Imported Test\"");
        gateway.createChannel("imp-prot1", "rtsp://127.0.0.1:9/q", "\"public\":false,\"group\":\"Imported Test\"");
        Gateway anyone = gateway.anonymous();

        String open = anyone.get("playlist.m3u?group=Imported%20Test").body();
        assertTrue(open.startsWith("#EXTM3U"));
        assertTrue(open.contains("/watch/imp-pub1"));
        assertFalse(open.contains("imp-prot1"), "protected channels are not listed for anonymous callers");

        String url = Gateway.json(gateway.get("api/playlist-url?ttl=3600&group=Imported%20Test").body()).getString("url");
        HttpResponse<String> withToken = anyone.get(URI.create(url));
        assertEquals(200, withToken.statusCode());
        List<ImportRow> rows = M3uImport.parse(withToken.body());
        String protectedUrl = rows.stream().filter(r -> "imp-prot1".equals(r.nickname())).findFirst().orElseThrow().url();
        assertTrue(protectedUrl.contains("?token="));
        String token = java.net.URLDecoder.decode(protectedUrl.substring(protectedUrl.indexOf("token=") + 6),
                java.nio.charset.StandardCharsets.UTF_8);
        long now = java.time.Instant.now().getEpochSecond();
        assertEquals(PlaybackToken.Verdict.VALID,
                SIGNER.verify(token, TokenScope.channel("imp-prot1"), now, TokenRevocations.NONE).verdict());
        assertEquals(PlaybackToken.Verdict.FORGED,
                SIGNER.verify(token, TokenScope.channel("imp-pub1"), now, TokenRevocations.NONE).verdict());
        assertEquals(403, anyone.get("playlist.m3u?token=123.forged").statusCode());
    }

    @Test
    void aGroupPlaylistUrlIsBoundToItsGroupAndARevokedOneIs403WithEveryUrlInIt() throws Exception {
        gateway.createChannel("kids1", "rtsp://127.0.0.1:9/k", "\"public\":false,\"group\":\"Kids\"");
        gateway.createChannel("adult1", "rtsp://127.0.0.1:9/a", "\"public\":false,\"group\":\"Adult\"");
        Gateway anyone = gateway.anonymous();
        URI kids = URI.create(Gateway.json(gateway.get("api/playlist-url?ttl=3600&group=Kids").body()).getString("url"));
        String token = Tokens.query(kids, "token");
        assertTrue(token.length() < 80, "short enough for IPTV apps: " + token.length());

        HttpResponse<String> listed = anyone.get(kids);
        assertEquals(200, listed.statusCode(), listed.body());
        assertTrue(listed.body().contains("/watch/kids1?token="));
        assertFalse(listed.body().contains("adult1"));
        HttpResponse<String> groupRemoved = anyone.get("playlist.m3u?token=" + token);
        HttpResponse<String> groupChanged = anyone.get("playlist.m3u?token=" + token + "&group=Adult");
        HttpResponse<String> asChannel = anyone.get("read/kids1/index.m3u8?token=" + token);

        assertEquals(403, groupRemoved.statusCode(), groupRemoved.body());
        assertTrue(Gateway.json(groupRemoved.body()).getString("message").contains("group was removed"), groupRemoved.body());
        assertEquals(403, groupChanged.statusCode(), groupChanged.body());
        assertFalse(groupChanged.body().contains("adult1"));
        assertEquals(403, asChannel.statusCode(), "a playlist token opens no channel");

        JsonObject entry = Gateway.jsonArray(gateway.get("api/tokens").body()).getValuesAs(JsonObject.class).stream()
                .filter(t -> t.getString("scope").equals("playlist of group 'Kids'")).findFirst().orElseThrow();
        assertEquals("admin", entry.getString("mintedBy"));
        assertFalse(entry.getBoolean("revoked"));
        assertFalse(gateway.get("api/tokens").body().contains(token), "the list never shows a token");
        String channelUrl = M3uImport.parse(listed.body()).stream().filter(r -> "kids1".equals(r.nickname()))
                .findFirst().orElseThrow().url();
        String channelToken = Tokens.query(URI.create(channelUrl), "token");

        HttpResponse<String> revoke = gateway.send("DELETE", "api/tokens/" + entry.getInt("id"), null);
        HttpResponse<String> afterRevoke = anyone.get(kids);
        HttpResponse<String> childAfterRevoke = anyone.get("read/kids1/index.m3u8?token=" + channelToken);

        assertEquals(200, revoke.statusCode(), revoke.body());
        assertTrue(Gateway.json(revoke.body()).getBoolean("revoked"));
        assertEquals(403, afterRevoke.statusCode(), "refused from the very next request");
        assertTrue(Gateway.json(afterRevoke.body()).getString("message").contains("revoked"), afterRevoke.body());
        assertEquals(403, childAfterRevoke.statusCode(), "the playlist's channel URLs are revoked with it");
        assertEquals(404, gateway.send("DELETE", "api/tokens/999999999", null).statusCode());
        assertEquals(404, gateway.send("DELETE", "api/tokens/x'1", null).statusCode());
        gateway.send("DELETE", "api/channels/kids1", null);
        gateway.send("DELETE", "api/channels/adult1", null);
    }

    private static String providerPlaylist(int count) {
        StringBuilder m3u = new StringBuilder("#EXTM3U x-tvg-url=\"http://epg.example/guide.xml\"\r\n");
        for (int i = 1; i <= count; i++) {
            String n = String.format("%04d", i);
            m3u.append("#EXTINF:-1 group-title=\"Imported é\" tvg-logo=\"https://logos.example/").append(n)
                    .append(".png\" tvg-id=\"chan").append(n).append(".example\" tvg-name=\"Channel ").append(n)
                    .append("\" hls-nickname=\"imp-").append(n).append("\",Kanal ").append(n).append(", Straße\r\n")
                    .append("#EXTVLCOPT:network-caching=1000\r\n")
                    .append("rtsp://127.0.0.1:9/stream").append(n).append("\r\n"); // never connected to
        }
        return m3u.toString();
    }

    private void removeImported() throws Exception {
        for (JsonObject c : Gateway.jsonArray(gateway.get("api/channels?q=imp-&limit=1000").body()).getValuesAs(JsonObject.class)) {
            String nickname = c.getString("nickname");
            if (nickname.startsWith("imp-")) {
                gateway.send("DELETE", "api/channels/" + nickname, null);
            }
        }
    }
}
