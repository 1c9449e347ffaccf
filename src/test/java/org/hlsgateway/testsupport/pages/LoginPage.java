package org.hlsgateway.testsupport.pages;

import java.net.URI;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The login page at {@code /hls_gateway/login.xhtml}. */
public final class LoginPage {

    private final WebDriver browser;

    private LoginPage(WebDriver browser) {
        this.browser = browser;
    }

    public static LoginPage open(WebDriver browser, URI base) {
        browser.get(base.resolve("login.xhtml").toString());
        return at(browser);
    }

    public static LoginPage at(WebDriver browser) {
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("login:username")));
        return new LoginPage(browser);
    }

    /** Logs in and expects the page the login was for (the channel list by default). */
    public ChannelListPage logInAs(String username, String password) {
        submit(username, password);
        return ChannelListPage.at(browser);
    }

    /** Logs in and expects to land wherever the login was for (its {@code next}). */
    public void logInAndStay(String username, String password) {
        submit(username, password);
    }

    /** The notice that the session ended, empty when the page shows none. */
    public String sessionEndedNotice() {
        return browser.findElements(By.id("login:session-ended")).stream().map(e -> e.getText()).findFirst().orElse("");
    }

    /** Logs in with wrong credentials; returns the error shown. */
    public String logInExpectingError(String username, String password) {
        submit(username, password);
        return Waits.text(browser, By.id("login:messages"), 20);
    }

    private void submit(String username, String password) {
        browser.findElement(By.id("login:username")).clear();
        browser.findElement(By.id("login:username")).sendKeys(username);
        browser.findElement(By.id("login:password")).clear();
        browser.findElement(By.id("login:password")).sendKeys(password);
        browser.findElement(By.id("login:submit")).click();
    }
}
