package org.hlsgateway.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MediaPlaylistTest {

    @Test
    void readsTheMediaSequenceAndTheSegmentUrisOfALivePlaylist() {
        MediaPlaylist list = MediaPlaylist.parse("""
                #EXTM3U
                #EXT-X-VERSION:6
                #EXT-X-TARGETDURATION:1
                #EXT-X-MEDIA-SEQUENCE:41
                #EXT-X-INDEPENDENT-SEGMENTS
                #EXTINF:1.000000,
                mwvx4n0g3s-41.ts
                #EXTINF:1.000000,
                mwvx4n0g3s-42.ts?token=abc
                """);

        assertEquals(41, list.mediaSequence());
        assertEquals(List.of("mwvx4n0g3s-41.ts", "mwvx4n0g3s-42.ts?token=abc"), list.segments());
        assertEquals(42, list.lastSequence());
    }

    @Test
    void namesTheFfmpegRunASegmentBelongsTo() {
        assertEquals("mwvx4n0g3s", MediaPlaylist.run("mwvx4n0g3s-42.ts?token=a-b"));
        assertEquals("mwvx4n0g3s", MediaPlaylist.run("/hls_gateway/read/cam1/mwvx4n0g3s-7.ts"));
    }

    @Test
    void anEmptyPlaylistHasNoSegments() {
        MediaPlaylist list = MediaPlaylist.parse("#EXTM3U\n#EXT-X-TARGETDURATION:1\n");

        assertEquals(List.of(), list.segments());
        assertEquals(-1, list.lastSequence());
    }
}
