package org.hlsgateway.playback.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ReadServletTest {

    @Test
    void aPathOfNicknameAndFileIsSplit() {
        assertArrayEquals(new String[] {"cam1", "index.m3u8"}, ReadServlet.parts("/cam1/index.m3u8"));
        assertArrayEquals(new String[] {"a", "abc-1.ts"}, ReadServlet.parts("/a/abc-1.ts"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "/", "/cam1", "/cam1/", "//index.m3u8", "/cam1/sub/index.m3u8", "cam1/index.m3u8",
        "/cam1//index.m3u8", "/cam1/index.m3u8/"})
    void anyOtherShapeIsRefused(String pathInfo) {
        assertNull(ReadServlet.parts(pathInfo));
    }
}
