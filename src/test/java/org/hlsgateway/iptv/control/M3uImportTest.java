package org.hlsgateway.iptv.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class M3uImportTest {

    @Test
    void readsAProviderPlaylist() {
        List<ImportRow> rows = M3uImport.parse("""
                #EXTM3U url-tvg="http://epg.example/guide.xml"
                #EXTINF:-1 tvg-id="das.erste.de" tvg-name="Das Erste HD" tvg-logo="http://logo/erste.png" group-title="Germany",Das Erste HD
                http://provider.example/live/u/p/1.ts
                #EXTINF:-1 tvg-id="zdf.de" tvg-name="ZDF" tvg-logo="" group-title="Germany",ZDF
                http://provider.example/live/u/p/2.ts
                """);

        assertEquals(List.of(
                new ImportRow(3, null, "http://provider.example/live/u/p/1.ts", "Das Erste HD", "Germany",
                        "http://logo/erste.png", "das.erste.de", "Das Erste HD", null),
                new ImportRow(5, null, "http://provider.example/live/u/p/2.ts", "ZDF", "Germany", null, "zdf.de",
                        "ZDF", null)), rows);
    }

    @Test
    void readsOurOwnNicknameAttribute() {
        ImportRow row = M3uImport.parse("#EXTINF:-1 hls-nickname=\"front-door\",Front door\nrtsp://cam/1\n").get(0);

        assertEquals("front-door", row.nickname());
    }

    static Stream<Arguments> extinfLines() {
        return Stream.of(
                Arguments.of("any order", "#EXTINF:-1 group-title=\"G\" tvg-logo=\"L\" tvg-name=\"TN\" tvg-id=\"T\",N"),
                Arguments.of("upper-case keys", "#EXTINF:-1 TVG-ID=\"T\" Tvg-Name=\"TN\" TVG-LOGO=\"L\" GROUP-TITLE=\"G\",N"),
                Arguments.of("unquoted", "#EXTINF:-1 tvg-id=T tvg-name=TN tvg-logo=L group-title=G,N"),
                Arguments.of("single quotes", "#EXTINF:-1 tvg-id='T' tvg-name='TN' tvg-logo='L' group-title='G',N"),
                Arguments.of("no spaces between", "#EXTINF:-1 tvg-id=\"T\"tvg-name=\"TN\"tvg-logo=\"L\"group-title=\"G\",N"),
                Arguments.of("spaces around name", "#EXTINF:0 tvg-id=\"T\" tvg-name=\"TN\" tvg-logo=\"L\" group-title=\"G\" ,  N  "),
                Arguments.of("duration with decimals", "#extinf:10.5 tvg-id=\"T\" tvg-name=\"TN\" tvg-logo=\"L\" group-title=\"G\",N"),
                Arguments.of("unknown attributes", "#EXTINF:-1 catchup=\"default\" tvg-id=\"T\" tvg-shift=2 tvg-name=\"TN\" "
                        + "tvg-logo=\"L\" tvg-chno=\"5\" group-title=\"G\" radio,N"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("extinfLines")
    void readsAttributesAsProvidersWriteThem(String quirk, String extinf) {
        ImportRow row = M3uImport.parse(extinf + "\nhttp://a/1\n").get(0);

        assertEquals(new ImportRow(2, null, "http://a/1", "N", "G", "L", "T", "TN", null), row);
    }

    @Test
    void readsUnquotedValuesWithSpaces() {
        ImportRow row = M3uImport.parse("#EXTINF:-1 group-title=Sport HD tvg-id=s1,Sport 1\nhttp://a/1\n").get(0);

        assertEquals("Sport HD", row.group());
        assertEquals("s1", row.tvgId());
        assertEquals("Sport 1", row.name());
    }

    @Test
    void leavesMissingAttributesNull() {
        ImportRow row = M3uImport.parse("#EXTINF:-1,Plain\nhttp://a/1\n").get(0);

        assertEquals(new ImportRow(2, null, "http://a/1", "Plain", null, null, null, null, null), row);
    }

    @Test
    void readsAnExtinfWithoutDisplayName() {
        ImportRow row = M3uImport.parse("#EXTINF:-1 tvg-name=\"X\"\nhttp://a/1\n").get(0);

        assertNull(row.name());
        assertEquals("X", row.tvgName());
    }

    @Test
    void theNameStartsAtTheFirstCommaOutsideQuotes() {
        ImportRow row = M3uImport.parse(
                "#EXTINF:-1 tvg-name=\"News, Weather\" group-title='A, B',News, Weather & Sport, 24/7\nhttp://a/1\n")
                .get(0);

        assertEquals("News, Weather", row.tvgName());
        assertEquals("A, B", row.group());
        assertEquals("News, Weather & Sport, 24/7", row.name());
    }

    @Test
    void readsNonAsciiNames() {
        List<ImportRow> rows = M3uImport.parse("""
                #EXTM3U
                #EXTINF:-1 tvg-name="CCTV-1 综合" group-title="中国",CCTV-1 综合
                http://a/1
                #EXTINF:-1 group-title="Français",Télé Café ☕
                http://a/2
                """);

        assertEquals("CCTV-1 综合", rows.get(0).name());
        assertEquals("中国", rows.get(0).group());
        assertEquals("Télé Café ☕", rows.get(1).name());
        assertEquals("Français", rows.get(1).group());
    }

    @Test
    void acceptsBomAndAnyLineEnding() {
        List<ImportRow> rows = M3uImport.parse(
                "\uFEFF#EXTM3U\r\n#EXTINF:-1,One\r\nhttp://a/1\r\n\r\n#EXTINF:-1,Two\rhttp://a/2\r#EXTINF:-1,Three\nhttp://a/3");

        assertEquals(List.of("One", "Two", "Three"), rows.stream().map(ImportRow::name).toList());
        assertEquals(List.of(3, 6, 8), rows.stream().map(ImportRow::line).toList());
        assertEquals("http://a/1", rows.get(0).url());
    }

    @Test
    void usesExtgrpWhenThereIsNoGroupTitle() {
        List<ImportRow> rows = M3uImport.parse("""
                #EXTM3U
                #EXTINF:-1,One
                #EXTGRP:Movies
                http://a/1
                #EXTGRP:Kids
                #EXTINF:-1 group-title="Sport",Two
                http://a/2
                #EXTINF:-1,Three
                http://a/3
                """);

        assertEquals("Movies", rows.get(0).group());
        assertEquals("Sport", rows.get(1).group());
        assertNull(rows.get(2).group());
    }

    @Test
    void ignoresOtherDirectivesAndComments() {
        List<ImportRow> rows = M3uImport.parse("""
                #EXTM3U
                # my favourite channels
                #EXTINF:-1 tvg-id="a",A
                #EXTVLCOPT:http-user-agent=Mozilla/5.0
                #EXTVLCOPT:http-referrer=http://provider.example/
                #KODIPROP:inputstream.adaptive.manifest_type=hls

                http://a/1
                """);

        assertEquals(List.of(new ImportRow(8, null, "http://a/1", "A", null, null, "a", null, null)), rows);
    }

    @Test
    void acceptsABareUrlAsAChannelWithoutName() {
        List<ImportRow> rows = M3uImport.parse("http://a/1\n#EXTINF:-1,Two\nhttp://a/2\n  rtsp://cam/3  \n");

        assertEquals(3, rows.size());
        assertEquals(new ImportRow(1, null, "http://a/1", null, null, null, null, null, null), rows.get(0));
        assertEquals("Two", rows.get(1).name());
        assertEquals(new ImportRow(4, null, "rtsp://cam/3", null, null, null, null, null, null), rows.get(2));
    }

    @Test
    void rejectsAnExtinfFollowedByAnotherExtinf() {
        List<ImportRow> rows = M3uImport.parse("#EXTM3U\n#EXTINF:-1,Lost\n#EXTINF:-1,Found\nhttp://a/2\n");

        assertEquals(2, rows.size());
        ImportRow rejected = rows.get(0);
        assertTrue(rejected.isRejected());
        assertEquals(2, rejected.line());
        assertTrue(rejected.error().startsWith("line 2: #EXTINF without a URL line after it"), rejected.error());
        assertEquals(new ImportRow(4, null, "http://a/2", "Found", null, null, null, null, null), rows.get(1));
    }

    @Test
    void rejectsAnExtinfAtTheEnd() {
        List<ImportRow> rows = M3uImport.parse("#EXTINF:-1,One\nhttp://a/1\n#EXTINF:-1,Last\n#EXTVLCOPT:x=y\n\n");

        assertEquals(2, rows.size());
        assertFalse(rows.get(0).isRejected());
        assertTrue(rows.get(1).error().startsWith("line 3: #EXTINF without a URL line after it"), rows.get(1).error());
    }

    @Test
    void toleratesAnUnclosedQuote() {
        ImportRow row = M3uImport.parse("#EXTINF:-1 tvg-name=\"Broken,Name\nhttp://a/1\n").get(0);

        assertEquals("Broken", row.tvgName());
        assertEquals("Name", row.name());
        assertEquals("http://a/1", row.url());
    }

    @Test
    void readsALargePlaylist() {
        StringBuilder m3u = new StringBuilder("#EXTM3U\n");
        for (int i = 0; i < 10_000; i++) {
            m3u.append("#EXTINF:-1 tvg-id=\"ch").append(i).append("\" tvg-name=\"Channel ").append(i)
                    .append("\" tvg-logo=\"http://logo.example/").append(i).append(".png\" group-title=\"Group ")
                    .append(i % 20).append("\",Channel ").append(i).append('\n')
                    .append("http://provider.example/live/user/pass/").append(i).append(".ts\n");
        }

        List<ImportRow> rows = M3uImport.parse(m3u.toString());

        assertEquals(10_000, rows.size());
        assertTrue(rows.stream().noneMatch(ImportRow::isRejected));
        assertEquals("Channel 9999", rows.get(9_999).name());
        assertEquals(20_001, rows.get(9_999).line());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"\uFEFF", "#EXTM3U\n", "\r\n\n"})
    void readsNothingFromAnEmptyPlaylist(String text) {
        assertEquals(List.of(), M3uImport.parse(text));
    }
}
