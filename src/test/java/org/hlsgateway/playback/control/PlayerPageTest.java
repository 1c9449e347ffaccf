package org.hlsgateway.playback.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PlayerPageTest {

    private static final String SOURCE = "/hls_gateway/read/cam1/index.m3u8";

    @Test
    void markupInTheTitleIsEscaped() {
        String page = PlayerPage.render("/hls_gateway", "1.4.12", "cam1",
                "<script>alert('x')</script> & \"quotes\"", SOURCE);

        assertFalse(page.contains("<script>alert"), page);
        assertFalse(page.contains("</script> &"), page);
        assertTrue(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;"), page);
    }

    @Test
    void noPlaceholderIsLeft() {
        String page = PlayerPage.render("/hls_gateway", "1.4.12", "cam1", "Front door", SOURCE);

        assertFalse(page.contains("{{"), page);
        assertTrue(page.contains("<title>Front door"), page);
    }

    @Test
    void referencesHlsJsAndTheSource() {
        String page = PlayerPage.render("/hls_gateway", "1.4.12", "cam1", "Front door", SOURCE);

        assertTrue(page.contains("src=\"/hls_gateway/webjars/hls.js/1.4.12/dist/hls.min.js\""), page);
        assertTrue(page.contains("data-source=\"" + SOURCE + "\""), page);
        assertTrue(page.contains("href=\"" + SOURCE + "\""), page);
    }

    @Test
    void attributesCannotBeBrokenOutOf() {
        String page = PlayerPage.render("/gw\"><script>x()</script>", "1.4.12", "cam1", "t",
                "/read/x\" onerror=\"alert(1)");

        assertFalse(page.contains("\" onerror=\""), page);
        assertFalse(page.contains("<script>x()"), page);
    }

    @Test
    void escapeHandlesEveryHtmlSpecialCharacter() {
        assertEquals("&lt;a href=&quot;x&quot;&gt;&amp;&#39;", PlayerPage.escape("<a href=\"x\">&'"));
        assertEquals("", PlayerPage.escape(null));
        assertEquals("plain", PlayerPage.escape("plain"));
    }

    @Test
    void theLogInLinkOfAMessageReturnsToThePageAndCannotBeBrokenOutOf() {
        String page = PlayerPage.message("/hls_gateway", "Not allowed", "protected", "/watch/cam1");
        String hostile = PlayerPage.message("/hls_gateway", "t", "m", "/watch/x\"><script>");

        assertTrue(page.contains("href=\"/hls_gateway/login.xhtml?next=%2Fwatch%2Fcam1\""), page);
        assertTrue(!hostile.contains("<script>") && !hostile.contains("x\">"), hostile);
        assertTrue(PlayerPage.message("/hls_gateway", "t", "m").contains("href=\"/hls_gateway/login.xhtml\""));
    }

    @Test
    void theVideoSaysWhetherTheChannelIsLowLatency() {
        String watch = "/hls_gateway/watch/cam1?format=hls&token=t";
        String ll = PlayerPage.render("/hls_gateway", "1.4.12", "cam1", "t", watch, SOURCE, true);
        assertTrue(ll.contains("data-low-latency=\"true\""));
        assertTrue(ll.contains("data-source=\"" + SOURCE + "\""), "the player asks for the playlist itself");
        assertTrue(ll.contains("href=\"" + PlayerPage.escape(watch) + "\""), "other players get the watch URL");
        assertFalse(ll.contains("data-source=\"" + PlayerPage.escape(watch)), ll);
        assertTrue(PlayerPage.render("/hls_gateway", "1.4.12", "cam1", "t", SOURCE)
                .contains("data-low-latency=\"false\""));
    }
}
