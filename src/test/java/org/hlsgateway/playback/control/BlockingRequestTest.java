package org.hlsgateway.playback.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BlockingRequestTest {

    @Test
    void noParametersAskForNothing() {
        BlockingRequest asked = BlockingRequest.parse(null, null, null);

        assertEquals(BlockingRequest.NONE, asked);
        assertFalse(asked.blocks());
    }

    @Test
    void aSegmentAndAPartToWaitFor() {
        BlockingRequest asked = BlockingRequest.parse("1764612000", "3", null);

        assertTrue(asked.blocks());
        assertEquals(1764612000L, asked.msn());
        assertEquals(3, asked.part());
        assertFalse(asked.skip());
    }

    @Test
    void aWholeSegmentAndADeltaUpdate() {
        BlockingRequest asked = BlockingRequest.parse("12", null, "YES");

        assertEquals(12L, asked.msn());
        assertEquals(null, asked.part());
        assertTrue(asked.skip());
        assertTrue(BlockingRequest.parse(null, null, "v2").skip());
    }

    @ParameterizedTest
    @CsvSource(value = {
        "-1,,,_HLS_msn must be a decimal integer",
        "1.5,,,_HLS_msn must be a decimal integer",
        "'',,,_HLS_msn must be a decimal integer",
        "abc,,,_HLS_msn must be a decimal integer",
        "99999999999999999999,,,_HLS_msn must be a decimal integer",
        "9999999999999999999,,,_HLS_msn is too large",
        "5,x,,_HLS_part must be a decimal integer",
        "5,3000000000,,_HLS_part is too large",
        ",3,,_HLS_part needs _HLS_msn",
        "5,,no,_HLS_skip must be YES or v2",
    })
    void badValuesAreRefusedNamingTheParameter(String msn, String part, String skip, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BlockingRequest.parse(msn, part, skip));

        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void hostileValuesAreShortenedAndMadePrintableInTheMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BlockingRequest.parse("1", null, "<script>\n" + "x".repeat(100)));

        assertFalse(e.getMessage().contains("\n"));
        assertTrue(e.getMessage().length() < 120, e.getMessage());
    }
}
