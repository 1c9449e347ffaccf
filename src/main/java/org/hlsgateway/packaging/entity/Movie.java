package org.hlsgateway.packaging.entity;

import java.util.List;
import java.util.Optional;

/** What the packager needs of a {@code moov}: its tracks. */
public record Movie(List<Track> tracks) {

    public Movie {
        tracks = List.copyOf(tracks);
    }

    public Optional<Track> track(long id) {
        return tracks.stream().filter(t -> t.id() == id).findFirst();
    }

    public boolean hasVideo() {
        return tracks.stream().anyMatch(Track::isVideo);
    }

    /** Codecs in track order, e.g. {@code [avc1, mp4a]}. */
    public List<String> codecs() {
        return tracks.stream().map(Track::codec).toList();
    }
}
