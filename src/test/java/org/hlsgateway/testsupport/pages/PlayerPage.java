package org.hlsgateway.testsupport.pages;

import java.net.URI;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
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

    /** Waits until the video has played at least {@code seconds}; returns the time reached. */
    public double awaitPlayedSeconds(double seconds, Duration timeout) {
        new WebDriverWait(browser, timeout).until(b -> currentTime() >= seconds);
        return currentTime();
    }
}
