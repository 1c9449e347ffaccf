package org.hlsgateway.playback.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;

class HlsFileTokenTest {

    private static final String TOKEN = "1700003600.abc-DEF_123";

    private static final String FFMPEG_PLAYLIST = """
            #EXTM3U
            #EXT-X-VERSION:6
            #EXT-X-TARGETDURATION:1
            #EXT-X-MEDIA-SEQUENCE:3
            #EXT-X-INDEPENDENT-SEGMENTS
            #EXTINF:1.000000,
            mwvq2ih62-3.ts
            #EXTINF:1.000000,
            mwvq2ih62-4.ts
            #EXTINF:0.960000,
            mwvq2ih62-5.ts
            #EXTINF:1.040000,
            mwvq2ih62-6.ts
            #EXTINF:1.000000,
            mwvq2ih62-7.ts
            #EXTINF:1.000000,
            mwvq2ih62-8.ts
            """;

    private static List<String> lines(String text) {
        return List.of(text.split("\n", -1));
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }

    @Test
    void everySegmentUriGetsTheToken() {
        String rewritten = HlsFile.withToken("#EXTM3U\n#EXTINF:1.0,\na-1.ts\n#EXTINF:1.0,\na-2.ts", TOKEN);

        assertEquals("#EXTM3U\n#EXTINF:1.0,\na-1.ts?token=" + TOKEN + "\n#EXTINF:1.0,\na-2.ts?token=" + TOKEN,
                rewritten);
    }

    @Test
    void tagAndCommentLinesAreUntouched() {
        String playlist = "#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-TARGETDURATION:1\n# a comment\n#EXTINF:1.0,\nseg.ts";

        List<String> rewritten = lines(HlsFile.withToken(playlist, TOKEN));

        assertEquals(lines(playlist).subList(0, 5), rewritten.subList(0, 5));
        assertEquals("seg.ts?token=" + TOKEN, rewritten.get(5));
    }

    @Test
    void blankLinesAreKept() {
        String playlist = "#EXTM3U\n\n#EXTINF:1.0,\nseg.ts\n\n";

        String rewritten = HlsFile.withToken(playlist, TOKEN);

        assertEquals("#EXTM3U\n\n#EXTINF:1.0,\nseg.ts?token=" + TOKEN + "\n\n", rewritten);
    }

    @Test
    void uriWithAQueryGetsAnAmpersand() {
        String rewritten = HlsFile.withToken("#EXTINF:1.0,\nseg.ts?v=2", TOKEN);

        assertEquals("#EXTINF:1.0,\nseg.ts?v=2&token=" + TOKEN, rewritten);
    }

    @Test
    void tokenIsUrlEncoded() {
        String rewritten = HlsFile.withToken("seg.ts", "a+b/c=d&e f");

        assertEquals("seg.ts?token=a%2Bb%2Fc%3Dd%26e+f", rewritten);
    }

    @Test
    void windowsLineEndingsDoNotEndUpInsideTheUri() {
        String rewritten = HlsFile.withToken("#EXTM3U\r\n#EXTINF:1.0,\r\nseg.ts\r\n", TOKEN);

        assertTrue(rewritten.contains("seg.ts?token=" + TOKEN), rewritten);
        assertTrue(rewritten.startsWith("#EXTM3U\r\n#EXTINF:1.0,\r\n"), rewritten);
        assertEquals(4, lines(rewritten).size());
    }

    @ParameterizedTest
    @NullAndEmptySource
    void withoutATokenThePlaylistIsUnchanged(String token) {
        String rewritten = HlsFile.withToken(FFMPEG_PLAYLIST, token);

        assertSame(FFMPEG_PLAYLIST, rewritten);
    }

    @Test
    void ffmpegPlaylistKeepsItsShapeAndEverySegmentIsSigned() {
        int segments = (int) lines(FFMPEG_PLAYLIST).stream().filter(l -> l.endsWith(".ts")).count();

        String rewritten = HlsFile.withToken(FFMPEG_PLAYLIST, TOKEN);

        assertEquals(6, segments);
        assertEquals(lines(FFMPEG_PLAYLIST).size(), lines(rewritten).size());
        assertEquals(segments, occurrences(rewritten, "?token=" + TOKEN));
        assertTrue(rewritten.endsWith("mwvq2ih62-8.ts?token=" + TOKEN + "\n"), rewritten);
        List<String> before = lines(FFMPEG_PLAYLIST);
        List<String> after = lines(rewritten);
        for (int i = 0; i < before.size(); i++) {
            String line = before.get(i);
            if (line.startsWith("#") || line.isEmpty()) {
                assertEquals(line, after.get(i), "line " + i);
            } else {
                assertEquals(line + "?token=" + TOKEN, after.get(i), "line " + i);
            }
        }
    }
}
