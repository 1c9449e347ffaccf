package org.hlsgateway.cluster.control;

import java.time.Instant;
import org.hlsgateway.transcoding.entity.InputStreams;
import org.hlsgateway.transcoding.entity.TranscoderState;
import org.hlsgateway.transcoding.entity.TranscoderStatus;

/**
 * A channel's live state as its owner publishes it in the grid: plain text, {@code state|viewers|started|lastAccess|
 * node|videoCodec|width|height|lastError}, the last error last since it may hold any character.
 */
public final class StatusText {

    private StatusText() {
    }

    public static String encode(TranscoderStatus status, String node) {
        InputStreams input = status.input() == null ? InputStreams.UNKNOWN : status.input();
        return status.state().name() + "|" + status.viewers() + "|" + millis(status.startedAt()) + "|"
                + millis(status.lastAccessAt()) + "|" + node + "|" + (input.videoCodec() == null ? "" : input.videoCodec())
                + "|" + (input.width() == null ? "" : input.width()) + "|" + (input.height() == null ? "" : input.height())
                + "|" + (status.lastError() == null ? "" : status.lastError());
    }

    /** The status a text stands for; null for text of another shape. */
    public static TranscoderStatus decode(String text) {
        if (text == null) {
            return null;
        }
        String[] f = text.split("\\|", 9);
        if (f.length != 9) {
            return null;
        }
        try {
            InputStreams input = new InputStreams(f[5].isEmpty() ? null : f[5], integer(f[6]), integer(f[7]), null, null,
                    null, null);
            return new TranscoderStatus(TranscoderState.valueOf(f[0]), f[8].isEmpty() ? null : f[8], instant(f[2]),
                    instant(f[3]), Integer.parseInt(f[1]), null, input, f[4]);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String millis(Instant at) {
        return at == null ? "" : Long.toString(at.toEpochMilli());
    }

    private static Instant instant(String text) {
        return text.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(text));
    }

    private static Integer integer(String text) {
        return text.isEmpty() ? null : Integer.valueOf(text);
    }
}
