package org.hlsgateway.iptv.boundary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ImportViewTest {

    @Test
    void csvAndM3uAreTextAndImagesOrArchivesAreNot() {
        assertFalse(ImportView.isBinary("#EXTM3U\r\n#EXTINF:-1 tvg-id=\"a\",Café\r\nrtsp://cam/1\r\n".getBytes(StandardCharsets.UTF_8)));
        assertFalse(ImportView.isBinary("url,nickname\n\trtsp://cam/1,cam1\n".getBytes(StandardCharsets.ISO_8859_1)));
        assertFalse(ImportView.isBinary(new byte[0]));
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        assertTrue(ImportView.isBinary(png));
        byte[] noNul = new byte[100];
        for (int i = 0; i < noNul.length; i++) {
            noNul[i] = (byte) (i % 2 == 0 ? 0x01 : 'a');
        }
        assertTrue(ImportView.isBinary(noNul), "mostly control characters");
    }
}
