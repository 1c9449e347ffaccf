package org.hlsgateway.testsupport.pages;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Waits that look again when an ajax update replaced the element between finding and reading it. */
public final class Waits {

    private Waits() {
    }

    public static WebDriverWait on(WebDriver browser, int seconds) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(seconds));
        wait.ignoring(StaleElementReferenceException.class).ignoring(NoSuchElementException.class);
        return wait;
    }

    /** The element's text once it is there and not blank. */
    public static String text(WebDriver browser, By element, int seconds) {
        return on(browser, seconds).until(b -> {
            String text = b.findElement(element).getText();
            return text.isBlank() ? null : text;
        });
    }
}
