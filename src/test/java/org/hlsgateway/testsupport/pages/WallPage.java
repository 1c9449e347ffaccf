package org.hlsgateway.testsupport.pages;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The camera wall at {@code /hls_gateway/wall}: a tile (a video, a name, a state line) per channel. */
public final class WallPage {

    private final WebDriver browser;

    private WallPage(WebDriver browser) {
        this.browser = browser;
    }

    public static WallPage open(WebDriver browser, URI wallUrl) {
        browser.get(wallUrl.toString());
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> !b.findElements(By.id("wall")).isEmpty());
        return new WallPage(browser);
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    public List<String> nicknames() {
        return browser.findElements(By.cssSelector(".wall-tile")).stream().map(t -> t.getAttribute("data-nickname")).toList();
    }

    /** Each tile's video.currentTime, by nickname. */
    @SuppressWarnings("unchecked")
    public Map<String, Number> currentTimes() {
        return (Map<String, Number>) js("var out = {}; document.querySelectorAll('.wall-tile').forEach(function (t) {"
                + " out[t.getAttribute('data-nickname')] = t.querySelector('video').currentTime; }); return out;");
    }

    /** Waits until every tile has played at least {@code seconds}; returns the times reached. */
    public Map<String, Number> awaitAllPlayed(double seconds, Duration timeout) {
        new WebDriverWait(browser, timeout).until(b -> !currentTimes().isEmpty()
                && currentTimes().values().stream().allMatch(t -> t.doubleValue() >= seconds));
        return currentTimes();
    }

    /** Milliseconds from the page's navigation to each tile's first picture (-1 for a tile without one yet). */
    @SuppressWarnings("unchecked")
    public Map<String, Number> firstFrameMillis() {
        return (Map<String, Number>) js("var out = {}; document.querySelectorAll('.wall-tile').forEach(function (t) {"
                + " var v = t.getAttribute('data-first-frame-ms'); out[t.getAttribute('data-nickname')] = v ? parseInt(v, 10) : -1; });"
                + " return out;");
    }

    public String status(String nickname) {
        return tile(nickname).findElement(By.cssSelector(".tile-status")).getText();
    }

    public String state(String nickname) {
        return tile(nickname).getAttribute("data-state");
    }

    public WebElement tile(String nickname) {
        return browser.findElement(By.cssSelector(".wall-tile[data-nickname='" + nickname + "']"));
    }

    /** How many tiles share the first row (the grid's column count). */
    public long columns() {
        return ((Number) js("var tops = Array.from(document.querySelectorAll('.wall-tile')).map(t => Math.round(t.getBoundingClientRect().top));"
                + " return tops.filter(t => t === tops[0]).length;")).longValue();
    }

    /** Clicks the tile's picture; true when the browser then shows an element full screen. */
    public boolean clickForFullScreen(String nickname) {
        tile(nickname).findElement(By.tagName("video")).click();
        try {
            new WebDriverWait(browser, Duration.ofSeconds(5)).until(b -> js("return document.fullscreenElement !== null;").equals(Boolean.TRUE));
            return true;
        } catch (org.openqa.selenium.TimeoutException e) {
            return false;
        }
    }

    public void exitFullScreen() {
        js("if (document.fullscreenElement) { document.exitFullscreen(); }");
    }
}
