package org.hlsgateway.testsupport.pages;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The add/edit form at {@code /hls_gateway/admin/channel/edit.xhtml}. */
public final class ChannelEditPage {

    private final WebDriver browser;

    private ChannelEditPage(WebDriver browser) {
        this.browser = browser;
    }

    public static ChannelEditPage at(WebDriver browser) {
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("channel:nickname")));
        return new ChannelEditPage(browser);
    }

    public ChannelEditPage nickname(String value) {
        return type("channel:nickname", value);
    }

    public ChannelEditPage name(String value) {
        return type("channel:name", value);
    }

    public ChannelEditPage url(String value) {
        return type("channel:url", value);
    }

    /** Saves and expects to land on the list. */
    public ChannelListPage save() {
        browser.findElement(By.id("channel:save")).click();
        return ChannelListPage.at(browser);
    }

    /** Saves and expects the form to stay with error messages; returns their text. */
    public String saveExpectingErrors() {
        browser.findElement(By.id("channel:save")).click();
        return Waits.text(browser, By.id("channel:messages"), 20);
    }

    private ChannelEditPage type(String id, String value) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
        return this;
    }
}
