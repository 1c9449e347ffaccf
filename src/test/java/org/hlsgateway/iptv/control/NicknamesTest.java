package org.hlsgateway.iptv.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class NicknamesTest {

    private static final String VALID = "[a-z0-9][a-z0-9_-]{0,63}";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Café TV 1 (HD)|cafe-tv-1-hd",
            "Das Erste|das-erste",
            "  --News--  |news",
            "Crème Brûlée Ñandú Ärger|creme-brulee-nandu-arger",
            "CCTV-1 综合|cctv-1",
            "A_B.C/D|a-b-c-d",
            "ÉLAN|elan",
            "123|123",
            "one   two|one-two"})
    void slugs(String name, String slug) {
        assertEquals(slug, Nicknames.slug(name));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "!!!", "中央电视台", "★☆—…", "---"})
    void fallsBackToChannelWhenNothingIsLeft(String name) {
        assertEquals("channel", Nicknames.slug(name));
    }

    @Test
    void cutsLongNamesTo64Characters() {
        String slug = Nicknames.slug("x".repeat(100));

        assertEquals("x".repeat(64), slug);
    }

    @Test
    void doesNotEndWithADashAfterCutting() {
        String slug = Nicknames.slug("a".repeat(63) + " b" + "c".repeat(35));

        assertEquals("a".repeat(63), slug);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Café TV 1 (HD)", "中央电视台", "", "x", "!!!a", "Ünïcödé ÄÖÜ ß æ ø"})
    void slugsAreAlwaysValidNicknames(String name) {
        assertTrue(Nicknames.slug(name).matches(VALID), Nicknames.slug(name));
        assertTrue(Nicknames.slug(name.repeat(30)).matches(VALID), Nicknames.slug(name.repeat(30)));
    }

    @Test
    void keepsAFreeBase() {
        Set<String> taken = new HashSet<>(Set.of("other"));

        assertEquals("news", Nicknames.unique("news", taken));
        assertEquals(Set.of("other", "news"), taken);
    }

    @Test
    void countsUpPastNineAndTen() {
        Set<String> taken = new HashSet<>();
        for (int i = 1; i <= 11; i++) {
            String expected = i == 1 ? "news" : "news-" + i;

            assertEquals(expected, Nicknames.unique("news", taken));
        }
        assertEquals(11, taken.size());
        assertTrue(taken.contains("news-9"));
        assertTrue(taken.contains("news-10"));
    }

    @Test
    void skipsNumbersAlreadyTaken() {
        Set<String> taken = new HashSet<>(Set.of("news", "news-2", "news-3"));

        assertEquals("news-4", Nicknames.unique("news", taken));
    }

    @Test
    void shortensTheBaseToStayWithin64Characters() {
        String base = Nicknames.slug("y".repeat(100));
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < 11; i++) {
            Nicknames.unique(base, taken);
        }

        assertEquals(64, base.length());
        assertTrue(taken.contains(base));
        assertTrue(taken.contains("y".repeat(62) + "-2"));
        assertTrue(taken.contains("y".repeat(62) + "-9"));
        assertTrue(taken.contains("y".repeat(61) + "-10"));
        assertTrue(taken.contains("y".repeat(61) + "-11"));
        assertTrue(taken.stream().allMatch(n -> n.length() <= Nicknames.MAX && n.matches(VALID)), taken::toString);
    }

    @Test
    void doesNotLeaveADashBeforeTheSuffixAfterShortening() {
        String base = "a".repeat(62) + "-b";
        Set<String> taken = new HashSet<>(Set.of(base));

        assertEquals("a".repeat(62) + "-2", Nicknames.unique(base, taken));
    }

    @Test
    void givesTheFallbackItsOwnNumbers() {
        Set<String> taken = new HashSet<>();

        assertEquals("channel", Nicknames.unique(Nicknames.slug("中文"), taken));
        assertEquals("channel-2", Nicknames.unique(Nicknames.slug("日本語"), taken));
    }
}
