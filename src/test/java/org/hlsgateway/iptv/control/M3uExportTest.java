package org.hlsgateway.iptv.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hlsgateway.iptv.control.M3uExport.Entry;
import org.junit.jupiter.api.Test;

class M3uExportTest {

    @Test
    void writesAllAttributes() {
        String m3u = M3uExport.write(List.of(new Entry("news", "News 24", "News", "http://logo/n.png", "news.de",
                "News24", "http://tv.example/news.m3u8")));

        assertEquals("#EXTM3U\n"
                + "#EXTINF:-1 tvg-id=\"news.de\" tvg-name=\"News24\" tvg-logo=\"http://logo/n.png\" group-title=\"News\""
                + " hls-nickname=\"news\",News 24\n"
                + "http://tv.example/news.m3u8\n", m3u);
    }

    @Test
    void omitsEmptyAttributes() {
        String m3u = M3uExport.write(List.of(new Entry("cam", null, "", null, null, "\"", "rtsp://cam/1")));

        assertEquals("#EXTM3U\n#EXTINF:-1 hls-nickname=\"cam\",\nrtsp://cam/1\n", m3u);
    }

    @Test
    void writesJustTheHeaderForNoEntries() {
        assertEquals("#EXTM3U\n", M3uExport.write(List.of()));
    }

    @Test
    void keepsTheFormatIntactAgainstQuotesAndLineBreaks() {
        String m3u = M3uExport.write(List.of(new Entry("x", "Two\r\nlines\nhere", "say \"hi\"\r\n", null,
                "a\"b", null, "http://a/1\n#EXTINF:-1,Injected")));

        assertEquals("#EXTM3U\n#EXTINF:-1 tvg-id=\"ab\" group-title=\"say hi\" hls-nickname=\"x\",Two  lines here\n"
                + "http://a/1#EXTINF:-1,Injected\n", m3u);
        assertEquals(1, M3uImport.parse(m3u).size());
    }

    @Test
    void roundTripsThroughTheImport() {
        List<Entry> entries = List.of(
                new Entry("das-erste", "Das Erste HD", "Germany", "http://logo/erste.png", "das.erste.de",
                        "Das Erste HD", "http://provider.example/1.ts"),
                new Entry("cctv-1", "CCTV-1 综合", "中国", null, "cctv1.cn", "CCTV-1 综合", "http://a/2.m3u8"),
                new Entry("cafe", "Télé Café, l'après-midi ☕", "Français, Belgique", "http://logo/c.png?a=1&b=2", null,
                        "Télé, Café", "rtsp://user:p@ss@cam.local:554/x"),
                new Entry("quoted", "The \"Best\" TV, 24/7", null, null, null, null, "srt://cam:9000?mode=caller"),
                new Entry(null, "No nickname", null, null, null, null, "udp://239.0.0.1:1234"),
                new Entry("no-name", null, "G", null, null, null, "http://a/6"));

        List<ImportRow> rows = M3uImport.parse(M3uExport.write(entries));

        assertEquals(entries.size(), rows.size());
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            ImportRow row = rows.get(i);
            assertTrue(!row.isRejected(), row::error);
            assertEquals(entry, new Entry(row.nickname(), row.name(), row.group(), row.logo(), row.tvgId(),
                    row.tvgName(), row.url()));
            assertEquals(3 + 2 * i, row.line());
        }
    }
}
