package org.hlsgateway.cluster.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlaylistSharersTest {

    @Test
    void sharersAreToldOnceWithTheNextFetchOfTheirChannel() {
        PlaylistSharers sharers = new PlaylistSharers();
        sharers.add("cam1", "10.0.0.7");
        sharers.add("cam1", "10.0.0.8");
        sharers.add("cam1", "10.0.0.7");
        sharers.add("cam2", "::1");
        assertEquals("10.0.0.7,10.0.0.8", sharers.drain("cam1"));
        assertEquals("", sharers.drain("cam1"), "told once");
        assertEquals("::1", sharers.drain("cam2"));
    }

    @Test
    void boundedAndOnlyAddresses() {
        PlaylistSharers sharers = new PlaylistSharers();
        for (int i = 0; i < 1000; i++) {
            sharers.add("cam1", "10.0." + (i / 256) + "." + (i % 256));
        }
        sharers.add("cam1", "evil\r\nX-Injected: 1");
        assertEquals(PlaylistSharers.MAX, sharers.drain("cam1").split(",").length);
        assertEquals(List.of("10.0.0.1", "fe80::1%eth0"), PlaylistSharers.parse("10.0.0.1, <script>,fe80::1%eth0,,"));
        assertEquals(PlaylistSharers.MAX, PlaylistSharers.parse("1.2.3.4,".repeat(2000)).size());
        assertEquals(List.of(), PlaylistSharers.parse(null));
    }
}
