package org.hlsgateway.playback.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ClientsTest {

    private static final String CHROME_NAVIGATION =
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @Test
    void browserNavigationPrefersHtml() {
        assertTrue(Clients.prefersHtml(CHROME_NAVIGATION));
    }

    @Test
    void xhtmlAloneCountsAsHtml() {
        assertTrue(Clients.prefersHtml("application/xhtml+xml"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*/*", "   ", "application/vnd.apple.mpegurl", "application/x-mpegURL, */*",
            "text/html;q=0", "text/html; q=0.0", "text/html;q=nonsense"})
    void playersAndRefusedHtmlDoNotPreferHtml(String accept) {
        assertFalse(Clients.prefersHtml(accept));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void missingAcceptDoesNotPreferHtml(String accept) {
        assertFalse(Clients.prefersHtml(accept));
    }

    @Test
    void keyDistinguishesUserAgentsBehindOneAddress() {
        String a = Clients.key("10.0.0.1", "VLC/3.0");
        String b = Clients.key("10.0.0.1", "Safari");

        assertNotEquals(a, b);
        assertEquals(a, Clients.key("10.0.0.1", "VLC/3.0"));
        assertTrue(Clients.key(null, null).startsWith("?|"));
    }
}
