package org.hlsgateway.packaging.entity;

import java.util.List;
import java.util.Optional;

/**
 * What the packager needs of a {@code moof}: its {@code mfhd} sequence number and one run per track. Its time is the
 * video track's when it has video samples, else the first track's (audio).
 */
public record Fragment(long sequence, List<TrackRun> runs, boolean movieHasVideo) {

    public Fragment {
        runs = List.copyOf(runs);
    }

    public Optional<TrackRun> video() {
        return runs.stream().filter(r -> r.isVideo() && r.sampleCount() > 0).findFirst();
    }

    /** The run that gives the fragment its time: the video's, else the first with samples. */
    public TrackRun lead() {
        return video().or(() -> runs.stream().filter(r -> r.sampleCount() > 0).findFirst())
                .orElse(runs.get(0));
    }

    public double durationSeconds() {
        return lead().durationSeconds();
    }

    public double startSeconds() {
        return lead().startSeconds();
    }

    /**
     * A player can start decoding here: its first video sample is a sync sample. A fragment of a stream without
     * video is always independent; a fragment that holds only audio in a stream with video is not (the video after
     * it would start on a picture that needs earlier ones).
     */
    public boolean independent() {
        Optional<TrackRun> video = video();
        return video.map(TrackRun::startsWithSync).orElse(!movieHasVideo);
    }
}
