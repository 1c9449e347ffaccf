package org.hlsgateway.testsupport.pages;

import java.net.URI;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The player page a browser gets at {@code /hls_gateway/watch/{nickname}}. */
public final class PlayerPage {

    private final WebDriver browser;

    private PlayerPage(WebDriver browser) {
        this.browser = browser;
    }

    public static PlayerPage open(WebDriver browser, URI watchUrl) {
        browser.get(watchUrl.toString());
        return new PlayerPage(browser);
    }

    /** The player page the browser shows now (e.g. opened by the console's Watch link). */
    public static PlayerPage at(WebDriver browser) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> !b.findElements(By.id("player")).isEmpty());
        return new PlayerPage(browser);
    }

    public String title() {
        return browser.findElement(By.tagName("h1")).getText();
    }

    public String status() {
        return browser.findElement(By.id("status")).getText();
    }

    public double currentTime() {
        Object value = ((JavascriptExecutor) browser).executeScript("return document.getElementById('player').currentTime;");
        return ((Number) value).doubleValue();
    }

    /** Waits until the status line contains {@code text}; returns the whole line. */
    public String awaitStatusContaining(String text, Duration timeout) {
        new WebDriverWait(browser, timeout).until(b -> status().contains(text));
        return status();
    }

    /** Waits until the status line starts with {@code text}; returns the last line seen (the caller asserts it). */
    public String awaitStatusStartingWith(String text, Duration timeout) {
        try {
            new WebDriverWait(browser, timeout).until(b -> status().startsWith(text));
        } catch (TimeoutException e) {
            // fall through: the caller's assertion names what was shown instead
        }
        return status();
    }

    /** How many elements on the page show {@code text} as their own text (a message shown twice counts 2). */
    public long elementsShowing(String text) {
        Object n = ((JavascriptExecutor) browser).executeScript("var t = arguments[0]; return Array.from("
                + "document.querySelectorAll('body *')).filter(e => Array.from(e.childNodes).some("
                + "c => c.nodeType === 3 && c.textContent.includes(t))).length;", text);
        return ((Number) n).longValue();
    }

    /** Waits until the video has played at least {@code seconds}; returns the time reached. */
    public double awaitPlayedSeconds(double seconds, Duration timeout) {
        new WebDriverWait(browser, timeout).until(b -> currentTime() >= seconds);
        return currentTime();
    }

    /** From now on, the video element counts its stalls ({@code waiting} events) and their length. */
    public void countStalls() {
        ((JavascriptExecutor) browser).executeScript("var v = document.getElementById('player');"
                + " v.stalls = 0; v.stalledMillis = 0; v.stalledSince = null;"
                + " v.addEventListener('waiting', function () { v.stalls++; v.stalledSince = performance.now(); });"
                + " v.addEventListener('playing', function () { if (v.stalledSince !== null) {"
                + " v.stalledMillis += performance.now() - v.stalledSince; v.stalledSince = null; } });");
    }

    /** Stalls since {@link #countStalls()}: {count, milliseconds stalled (a stall still going counts to now)}. */
    public double[] stalls() {
        Object value = ((JavascriptExecutor) browser).executeScript("var v = document.getElementById('player');"
                + " var open = v.stalledSince === null ? 0 : performance.now() - v.stalledSince;"
                + " return [v.stalls, v.stalledMillis + open];");
        java.util.List<?> list = (java.util.List<?>) value;
        return new double[] {((Number) list.get(0)).doubleValue(), ((Number) list.get(1)).doubleValue()};
    }

    /** The seconds behind live that the status line shows ({@code Live · 1.2 s behind}, from hls.js), or NaN. */
    public double secondsBehindLive() {
        java.util.regex.Matcher behind = java.util.regex.Pattern.compile("Live · ([0-9.]+) s behind").matcher(status());
        return behind.find() ? Double.parseDouble(behind.group(1)) : Double.NaN;
    }
}
