package org.hlsgateway.transcoding.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.hlsgateway.packaging.entity.Box;
import org.junit.jupiter.api.Test;

class MediaPipeTest {

    /** What the pipe handed on, in order. */
    private static final class Recording implements MediaPipe.Sink {
        final List<String> events = new ArrayList<>();
        int boxes;

        @Override
        public boolean box(Box box) {
            boxes++;
            return "mdat".equals(box.type());
        }

        @Override
        public void part() {
            events.add("part");
        }

        @Override
        public void broken(String reason) {
            events.add("broken: " + reason);
        }

        @Override
        public void ended() {
            events.add("ended");
        }
    }

    /** Returns at most a random 1..max bytes a read, as a pipe does. */
    private static InputStream dribble(byte[] bytes, int max) {
        Random random = new Random(42);
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(max)));
            }
        };
    }

    @Test
    void boxesSplitAcrossReadsArriveWholeAndEveryMdatIsAPart() throws Exception {
        byte[] camera = ChannelPackagerTest.fixture("camera-h264.mp4");
        int mdats = (int) ChannelPackagerTest.boxes("camera-h264.mp4").stream().filter(b -> b.type().equals("mdat")).count();
        Recording sink = new Recording();

        MediaPipe.follow(dribble(camera, 777), "cam", sink);

        assertEquals(ChannelPackagerTest.boxes("camera-h264.mp4").size(), sink.boxes);
        assertEquals(mdats, sink.events.stream().filter("part"::equals).count());
        assertEquals("ended", sink.events.get(sink.events.size() - 1));
        assertTrue(sink.events.stream().noneMatch(e -> e.startsWith("broken")), sink.events::toString);
    }

    @Test
    void aBrokenBoxIsReportedOnceWithItsOffsetAndTheRestIsDrainedWithoutHanging() {
        byte[] camera = ChannelPackagerTest.fixture("camera-h264.mp4");
        byte[] broken = Arrays.copyOf(camera, camera.length + 4096);
        int at = camera.length;
        broken[at + 3] = 10; // a box of 10 bytes...
        broken[at + 4] = 1; // ...whose type is no four-character code
        ByteArrayInputStream in = new ByteArrayInputStream(broken);
        Recording sink = new Recording();

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> MediaPipe.follow(in, "cam", sink));

        List<String> reports = sink.events.stream().filter(e -> e.startsWith("broken")).toList();
        assertEquals(1, reports.size(), sink.events::toString);
        assertTrue(reports.get(0).contains("at byte " + at), reports.get(0));
        assertTrue(reports.get(0).contains("no four-character code"), reports.get(0));
        assertEquals(0, in.available(), "read to the end, so FFmpeg never blocks on the pipe");
        assertEquals("ended", sink.events.get(sink.events.size() - 1));
    }

    @Test
    void aStreamThatEndsInsideABoxIsLeftToFfmpegsExit() {
        byte[] camera = ChannelPackagerTest.fixture("camera-h264.mp4");
        Recording sink = new Recording();

        MediaPipe.follow(new ByteArrayInputStream(Arrays.copyOf(camera, camera.length - 100)), "cam", sink);

        assertTrue(sink.events.stream().noneMatch(e -> e.startsWith("broken")), sink.events::toString);
        assertEquals("ended", sink.events.get(sink.events.size() - 1));
    }
}
