package org.hlsgateway.testsupport.pages;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** User management at {@code /hls_gateway/admin/users/}. */
public final class UsersPage {

    private final WebDriver browser;

    private UsersPage(WebDriver browser) {
        this.browser = browser;
    }

    public static UsersPage open(WebDriver browser, URI base) {
        browser.get(base.resolve("admin/users/").toString());
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("users:table")));
        return new UsersPage(browser);
    }

    public List<String> usernames() {
        return Fresh.read(() -> browser.findElements(By.cssSelector("#users\\:table .username")).stream()
                .map(WebElement::getText).toList());
    }

    public UsersPage add(String username, String password) {
        browser.findElement(By.id("users:newName")).sendKeys(username);
        browser.findElement(By.id("users:newPassword")).sendKeys(password);
        browser.findElement(By.id("users:add")).click();
        Waits.on(browser, 20).until(b -> usernames().contains(username));
        return this;
    }

    /** Types the groups and channels (comma-separated) a viewer is limited to and saves them. */
    public UsersPage limit(String username, String groups, String channels) {
        Fresh.read(() -> {
            WebElement row = browser.findElement(By.xpath("//tr[.//span[contains(@class,'username') and text()='" + username + "']]"));
            WebElement groupField = row.findElement(By.cssSelector("input[id$=':groups']"));
            groupField.clear();
            groupField.sendKeys(groups);
            WebElement channelField = row.findElement(By.cssSelector("input[id$=':channels']"));
            channelField.clear();
            channelField.sendKeys(channels);
            row.findElement(By.cssSelector("button[id$=':limit']")).click();
            return null;
        });
        Waits.on(browser, 20).until(b -> messages().contains(username + " limited to"));
        return this;
    }

    /** The scopes of the long-lived tokens listed, e.g. {@code playlist of group 'Kids'}. */
    public List<String> tokenScopes() {
        return Fresh.read(() -> browser.findElements(By.cssSelector("#tokens\\:tokenTable .token-scope")).stream()
                .map(WebElement::getText).toList());
    }

    /** Revokes the newest listed token for {@code scope}; waits until the list says it is revoked. */
    public UsersPage revokeToken(String scope) {
        String row = "(//tr[.//span[contains(@class,'token-scope') and text()=\"" + scope + "\"]])[1]";
        Fresh.read(() -> {
            browser.findElement(By.xpath(row)).findElement(By.cssSelector("button[id$=':revoke']")).click();
            return null;
        });
        Waits.on(browser, 20).until(b -> Fresh.read(() -> browser.findElement(By.xpath(row))
                .findElement(By.cssSelector(".token-status")).getText()).startsWith("revoked"));
        return this;
    }

    public String messages() {
        return Fresh.read(() -> browser.findElement(By.id("users:messages")).getText());
    }

    public UsersPage delete(String username) {
        Fresh.read(() -> {
            browser.findElement(By.xpath("//tr[.//span[contains(@class,'username') and text()='" + username + "']]"))
                    .findElement(By.cssSelector("button[id$=':delete']")).click();
            return null;
        });
        WebDriverWait wait = Waits.on(browser, 10);
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".ui-confirmdialog-yes"))).click();
        wait.until(b -> !usernames().contains(username));
        return this;
    }

}
