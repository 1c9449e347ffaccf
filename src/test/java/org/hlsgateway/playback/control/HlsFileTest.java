package org.hlsgateway.playback.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class HlsFileTest {

    /** The hand-written check of the packager's names agrees with the regular expression that states the rule. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"part1.m4s", "part123456789012345678.m4s",
            "part1234567890123456789.m4s", "part.m4s", "part1.mp4", "seg0.m4s", "seg12.mp4", "init7.mp4", "init7.m4s",
            "init.mp4", "part-1.m4s", "part1a.m4s", "Part1.m4s", "part1.m4s ", "segx.m4s", "seg１.m4s", "part1.m4", "p.m4s",
            "index.m3u8", "abc-1.ts", "", "part99999999999999999999999999999999999999.m4s"})
    void packagedNamesFollowTheRule(String name) {
        java.util.regex.Matcher rule = HlsFile.LL.matcher(name);
        boolean expected = name.length() <= 40 && rule.matches() && "init".equals(rule.group(1)) == "mp4".equals(rule.group(3));
        HlsFile.Kind kind = HlsFile.packagedKind(name);
        assertEquals(expected, kind != null, name);
        if (kind != null) {
            assertEquals(Long.parseLong(rule.group(2)), new HlsFile(name, kind).number(), name);
        }
    }

    @Test
    void acceptsThePlaylist() {
        Optional<HlsFile> file = HlsFile.parse("index.m3u8");

        assertTrue(file.isPresent());
        assertEquals("index.m3u8", file.get().name());
        assertEquals(HlsFile.Kind.PLAYLIST, file.get().kind());
        assertEquals("application/vnd.apple.mpegurl", file.get().kind().contentType());
        assertEquals("no-cache", file.get().kind().cacheControl());
    }

    @Test
    void acceptsASegment() {
        Optional<HlsFile> file = HlsFile.parse("abc123-7.ts");

        assertTrue(file.isPresent());
        assertEquals("abc123-7.ts", file.get().name());
        assertEquals(HlsFile.Kind.SEGMENT, file.get().kind());
        assertEquals("video/mp2t", file.get().kind().contentType());
        assertTrue(file.get().kind().cacheControl().contains("immutable"), file.get().kind().cacheControl());
        assertTrue(file.get().kind().cacheControl().contains("max-age="), file.get().kind().cacheControl());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a-0.ts", "abcdefghij123456-1234567890.ts", "lz2k9x1a1-0.ts"})
    void acceptsSegmentNamesAtTheLimits(String name) {
        assertEquals(Optional.of(new HlsFile(name, HlsFile.Kind.SEGMENT)), HlsFile.parse(name));
    }

    static Stream<String> rejected() {
        return Stream.of(
                "../index.m3u8",
                "..%2findex.m3u8",
                "%2e%2e",
                "..",
                "/etc/passwd",
                "index.m3u8\u0000",
                "abc-1.ts\u0000",
                "a\\b.ts",
                "a/b-1.ts",
                "ABC-1.ts",
                "x.ts",
                "index.m3u8.tmp",
                "abc-1.ts.tmp",
                "INDEX.M3U8",
                " index.m3u8",
                "abc-1.ts ",
                "seg-1.mp4",
                "abc--1.ts",
                "abc-.ts",
                "-1.ts",
                "abcdefghij1234567-1.ts",        // run token of 17 characters
                "abc-12345678901.ts",            // 11 digits
                "a".repeat(10_000) + "-1.ts",
                "index.m3u8/../../etc/passwd");
    }

    @ParameterizedTest
    @MethodSource("rejected")
    void rejectsEverythingElse(String name) {
        assertTrue(HlsFile.parse(name).isEmpty(), () -> "accepted " + name);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void rejectsNullAndEmpty(String name) {
        assertTrue(HlsFile.parse(name).isEmpty());
    }

    @org.junit.jupiter.api.Test
    void fragmentedMp4FilesOfHevcChannelsAndThePreviewAreAccepted() {
        org.junit.jupiter.api.Assertions.assertEquals(HlsFile.Kind.FRAGMENT, HlsFile.parse("abc123-7.m4s").orElseThrow().kind());
        org.junit.jupiter.api.Assertions.assertEquals(HlsFile.Kind.INIT, HlsFile.parse("abc123-init.mp4").orElseThrow().kind());
        org.junit.jupiter.api.Assertions.assertEquals(HlsFile.Kind.PREVIEW, HlsFile.parse("preview.jpg").orElseThrow().kind());
        org.junit.jupiter.api.Assertions.assertTrue(HlsFile.parse("../abc-init.mp4").isEmpty());
        org.junit.jupiter.api.Assertions.assertTrue(HlsFile.parse("abc-1.m4s.tmp").isEmpty());
        org.junit.jupiter.api.Assertions.assertTrue(HlsFile.parse("init.mp4").isEmpty());
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"init0.mp4,0", "init123456789012345678.mp4,123456789012345678",
        "seg1764612000.m4s,1764612000", "part44115300000.m4s,44115300000", "part4.m4s,4"})
    void acceptsThePackagersNamesWithTheirNumbers(String name, long number) {
        HlsFile file = HlsFile.parse(name).orElseThrow(() -> new AssertionError(name + " refused"));

        assertTrue(file.packaged());
        assertEquals(number, file.number(), "the number of the name, not the 4 of m4s or mp4");
        HlsFile.Kind expected = name.startsWith("init") ? HlsFile.Kind.LL_INIT
                : name.startsWith("seg") ? HlsFile.Kind.LL_SEGMENT : HlsFile.Kind.LL_PART;
        assertEquals(expected, file.kind());
        assertEquals(name.startsWith("init") ? "video/mp4" : "video/iso.segment", file.kind().contentType());
    }

    @ParameterizedTest
    @ValueSource(strings = {"init1.m4s", "seg1.mp4", "part1.mp4", "part.m4s", "partX.m4s", "Part1.m4s",
        "part1234567890123456789.m4s", "seg1.m4s.tmp", "part1.m4s\u0000", "init+1.mp4", "seg 1.m4s", "segment1.m4s"})
    void refusesNamesThatOnlyLookLikeThePackagers(String name) {
        assertEquals(Optional.empty(), HlsFile.parse(name));
    }

    @Test
    void ffmpegsNamesHaveNoPackagersNumber() {
        HlsFile segment = HlsFile.parse("abc123-7.ts").orElseThrow();

        assertEquals(false, segment.packaged());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, segment::number);
    }
}
