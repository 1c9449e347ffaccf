package org.hlsgateway.transcoding.control;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An FFmpeg release as its {@code -version} line names it: {@code ffmpeg version 4.4.1-static ...},
 * {@code 5.1.9-0+deb12u1}, {@code n7.1}. Builds from FFmpeg's development tree
 * ({@code N-112345-gabcdef}, {@code git-2024-01-01-abcdef}, {@code 2024-05-01-git-...}) are newer
 * than any release and count as {@link #development()}; so does any other name that is not a
 * release number (a vendor's own build name), since such builds come from the development tree.
 *
 * <p>The oldest release the gateway accepts is {@link #MINIMUM}, 4.4: it is the bundled fallback
 * (a static 4.4.1 that needs only the C library) and so the oldest build the tests run the gateway's
 * commands against, the last 4.x line, and what Ubuntu 22.04 ships. Older releases (Debian 11's 4.3,
 * Ubuntu 20.04's 4.2) are untested; on those machines the bundled build is used instead.
 */
public record FfmpegVersion(int major, int minor, int micro, boolean development) implements Comparable<FfmpegVersion> {

    public static final FfmpegVersion MINIMUM = new FfmpegVersion(4, 4, 0, false);

    private static final Pattern LINE = Pattern.compile("^ffmpeg version (\\S+)");
    private static final Pattern RELEASE = Pattern.compile("^n?(\\d+)\\.(\\d+)(?:\\.(\\d+))?(?![\\d.]).*");

    /** The version in FFmpeg's first {@code -version} line; empty when the line is not FFmpeg's. */
    public static Optional<FfmpegVersion> parse(String firstLine) {
        if (firstLine == null) {
            return Optional.empty();
        }
        Matcher line = LINE.matcher(firstLine.strip());
        if (!line.find()) {
            return Optional.empty();
        }
        String token = line.group(1);
        Matcher release = RELEASE.matcher(token);
        if (release.matches()) {
            return Optional.of(new FfmpegVersion(Integer.parseInt(release.group(1)), Integer.parseInt(release.group(2)),
                    release.group(3) == null ? 0 : Integer.parseInt(release.group(3)), false));
        }
        return Optional.of(new FfmpegVersion(Integer.MAX_VALUE, 0, 0, true));
    }

    public boolean isSupported() {
        return compareTo(MINIMUM) >= 0;
    }

    /**
     * Before FFmpeg 5, RTSP's socket I/O timeout was {@code -stimeout}; its {@code -timeout}
     * then meant "wait this many seconds for an incoming connection" and turned the input into a
     * listening server.
     */
    public boolean hasStimeout() {
        return major < 5;
    }

    @Override
    public int compareTo(FfmpegVersion other) {
        if (major != other.major) {
            return Integer.compare(major, other.major);
        }
        if (minor != other.minor) {
            return Integer.compare(minor, other.minor);
        }
        return Integer.compare(micro, other.micro);
    }

    @Override
    public String toString() {
        return development ? "a development build" : major + "." + minor + (micro == 0 ? "" : "." + micro);
    }
}
