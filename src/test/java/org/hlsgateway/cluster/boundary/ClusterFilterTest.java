package org.hlsgateway.cluster.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ClusterFilterTest {

    @Test
    void theChannelOfAPlayersPath() {
        assertEquals("cam1", ClusterFilter.nickname("/watch/cam1"));
        assertEquals("cam1", ClusterFilter.nickname("/read/cam1/index.m3u8"));
        assertEquals("cam1", ClusterFilter.nickname("/read/cam1/part44904719314.m4s"));
        assertNull(ClusterFilter.nickname("/api/channels/cam1"));
        assertNull(ClusterFilter.nickname("/read/../etc/passwd"));
        assertNull(ClusterFilter.nickname("/watch/"));
    }

    @Test
    void whatAnEdgeKeepsAndForHowLong() {
        assertEquals(60_000, ClusterFilter.maxAgeMillis("public, max-age=60"));
        assertEquals(60_000, ClusterFilter.maxAgeMillis("public, max-age=3600, immutable"), "never past a minute");
        assertEquals(0, ClusterFilter.maxAgeMillis("no-cache"));
        assertEquals(0, ClusterFilter.maxAgeMillis("private, max-age=60"));
        assertEquals(0, ClusterFilter.maxAgeMillis(""));
    }
}
