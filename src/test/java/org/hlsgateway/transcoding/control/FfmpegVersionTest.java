package org.hlsgateway.transcoding.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FfmpegVersionTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ffmpeg version 4.4.1-static https://johnvansickle.com/ffmpeg/  Copyright (c) 2000-2021 the FFmpeg developers|4|4|1",
            "ffmpeg version 5.1.9-0+deb12u1 Copyright (c) 2000-2026 the FFmpeg developers|5|1|9",
            "ffmpeg version 4.4.2-0ubuntu0.22.04.1 Copyright (c) 2000-2021 the FFmpeg developers|4|4|2",
            "ffmpeg version n7.1 Copyright (c) 2000-2024 the FFmpeg developers|7|1|0",
            "ffmpeg version 7.1.1 Copyright (c) 2000-2025 the FFmpeg developers|7|1|1",
            "ffmpeg version 6.0-full_build-www.gyan.dev Copyright (c) 2000-2023|6|0|0",
            "ffmpeg version n4.4-78-g031c0cb0b4 Copyright (c) 2000-2021|4|4|0",
            "ffmpeg version 3.4.11-0ubuntu0.1 Copyright (c) 2000-2022|3|4|11"})
    void releasesAreReadFromTheVersionLine(String line, int major, int minor, int micro) {
        assertEquals(Optional.of(new FfmpegVersion(major, minor, micro, false)), FfmpegVersion.parse(line));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "ffmpeg version N-112345-g0123abcd Copyright (c) 2000-2024 the FFmpeg developers",
            "ffmpeg version git-2024-01-15-abc1234 Copyright (c) 2000-2024",
            "ffmpeg version 2024-05-01-git-0123abcd-full_build-www.gyan.dev Copyright (c) 2000-2024"})
    void buildsFromTheDevelopmentTreeCountAsNewerThanAnyRelease(String line) {
        FfmpegVersion version = FfmpegVersion.parse(line).orElseThrow();
        assertTrue(version.development());
        assertTrue(version.isSupported());
        assertFalse(version.hasStimeout());
        assertTrue(version.compareTo(new FfmpegVersion(99, 0, 0, false)) > 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "something else 1.0", "ffprobe version 5.1", "Segmentation fault"})
    void aLineThatIsNotFfmpegsGivesNoVersion(String line) {
        assertTrue(FfmpegVersion.parse(line).isEmpty());
    }

    @Test
    void noLineGivesNoVersion() {
        assertTrue(FfmpegVersion.parse(null).isEmpty());
    }

    @Test
    void theMinimumIs44() {
        assertTrue(version("4.4").isSupported());
        assertTrue(version("4.4.1").isSupported());
        assertTrue(version("5.0").isSupported());
        assertFalse(version("4.3.6").isSupported());
        assertFalse(version("4.2.7").isSupported());
        assertFalse(version("3.4.11").isSupported());
        assertEquals("4.4", FfmpegVersion.MINIMUM.toString());
    }

    @Test
    void rtspSocketTimeoutIsStimeoutBeforeFfmpeg5() {
        assertTrue(version("4.4.1").hasStimeout());
        assertFalse(version("5.0").hasStimeout());
        assertFalse(version("5.1.9").hasStimeout());
        assertFalse(version("7.1").hasStimeout());
    }

    private static FfmpegVersion version(String number) {
        return FfmpegVersion.parse("ffmpeg version " + number + " Copyright").orElseThrow();
    }
}
