package org.hlsgateway.cluster.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.hlsgateway.transcoding.entity.InputStreams;
import org.hlsgateway.transcoding.entity.TranscoderState;
import org.hlsgateway.transcoding.entity.TranscoderStatus;
import org.junit.jupiter.api.Test;

class StatusTextTest {

    @Test
    void theOwnersStatusReadsTheSameOnEveryNodeWithTheOwnersUrl() {
        TranscoderStatus live = new TranscoderStatus(TranscoderState.FAILED, "Connection refused | twice",
                Instant.ofEpochMilli(1_796_000_000_000L), Instant.ofEpochMilli(1_796_000_005_000L), 3, 1234L,
                new InputStreams("h264", 640, 360, 25.0, "aac", 48000, 900));
        TranscoderStatus read = StatusText.decode(StatusText.encode(live, "http://10.0.0.5:8080"));
        assertEquals(TranscoderState.FAILED, read.state());
        assertEquals("Connection refused | twice", read.lastError());
        assertEquals(live.startedAt(), read.startedAt());
        assertEquals(live.lastAccessAt(), read.lastAccessAt());
        assertEquals(3, read.viewers());
        assertEquals("http://10.0.0.5:8080", read.node());
        assertEquals("h264", read.input().videoCodec());
        assertEquals(360, read.input().height());
        assertNull(read.pid(), "another machine's process id means nothing here");
    }

    @Test
    void aStatusWithoutTimesOrErrorAndMalformedText() {
        TranscoderStatus starting = new TranscoderStatus(TranscoderState.STARTING, null, null, null, 0, null);
        TranscoderStatus read = StatusText.decode(StatusText.encode(starting, "http://n"));
        assertEquals(TranscoderState.STARTING, read.state());
        assertNull(read.lastError());
        assertNull(read.startedAt());
        assertNull(StatusText.decode("LIVE|1|2"));
        assertNull(StatusText.decode("NOSUCHSTATE|1||||||||"));
        assertNull(StatusText.decode(null));
    }
}
