package org.hlsgateway.testsupport.pages;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The admin list at {@code /hls_gateway/admin/list/}. */
public final class ChannelListPage {

    private final WebDriver browser;

    private ChannelListPage(WebDriver browser) {
        this.browser = browser;
    }

    public static ChannelListPage open(WebDriver browser, URI base) {
        browser.get(base.resolve("admin/list/").toString());
        return at(browser);
    }

    public static ChannelListPage at(WebDriver browser) {
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("channels:table")));
        return new ChannelListPage(browser);
    }

    public List<String> nicknames() {
        return Fresh.read(() -> browser.findElements(By.cssSelector("#channels\\:table .nickname")).stream()
                .map(WebElement::getText).toList());
    }

    /** The channel's row; searched for when it is not on the page shown (a long list pages, 25 rows a page). */
    public WebElement row(String nickname) {
        By by = By.xpath("//tr[.//span[contains(@class,'nickname') and text()='" + nickname + "']]");
        if (browser.findElements(by).isEmpty() && !browser.findElements(By.id("channels:q")).isEmpty()) {
            search(nickname);
        }
        return browser.findElement(by);
    }

    public String state(String nickname) {
        return Fresh.read(() -> row(nickname).findElement(By.cssSelector(".state")).getText());
    }

    public String source(String nickname) {
        return Fresh.read(() -> row(nickname).findElement(By.cssSelector(".source")).getText());
    }

    public String watchUrl(String nickname) {
        return Fresh.read(() -> row(nickname).findElement(By.cssSelector(".watch-url")).getAttribute("data-watch"));
    }

    public String nameHtml(String nickname) {
        return Fresh.read(() -> row(nickname).getAttribute("innerHTML"));
    }

    public boolean hasAddButton() {
        return !browser.findElements(By.id("add")).isEmpty();
    }

    public boolean hasDeleteButtons() {
        return Fresh.read(() -> !browser.findElements(By.cssSelector("button[id$=':delete']")).isEmpty());
    }

    public String playbackUrl(String nickname) {
        return Fresh.read(() -> row(nickname).findElement(By.cssSelector(".watch-url")).getAttribute("value"));
    }

    /** The row's element matching {@code css} (e.g. {@code .nickname}, {@code a.watch-link}, {@code img.preview}). */
    public WebElement inRow(String nickname, String css) {
        return Fresh.read(() -> row(nickname).findElement(By.cssSelector(css)));
    }

    /** Clicks the row's element matching {@code css}, finding it again if the 3 s poll re-rendered the row meanwhile. */
    public void clickInRow(String nickname, String css) {
        Fresh.read(() -> {
            row(nickname).findElement(By.cssSelector(css)).click();
            return null;
        });
    }

    public WebElement logOutButton() {
        return browser.findElement(By.id("logout-form:logout"));
    }

    /** The toolbar's Export M3U menu button. */
    public WebElement exportButton() {
        return browser.findElement(By.id("export_button"));
    }

    /** The Export menu's link labelled {@code label} ("All channels", "Group X"); present before the menu opens. */
    public WebElement exportLink(String label) {
        return browser.findElement(By.xpath("//*[@id='export_menu']//a[normalize-space(.)='" + label + "']"));
    }

    /** Opens the edit form of a channel through its row's Edit button. */
    public ChannelEditPage edit(String nickname) {
        Fresh.read(() -> {
            row(nickname).findElement(By.cssSelector("[id$=':edit']")).click();
            return null;
        });
        return ChannelEditPage.at(browser);
    }

    /** Logs out through the top bar and lands on the login page. */
    public LoginPage logOut() {
        browser.findElement(By.id("logout-form:logout")).click();
        return LoginPage.at(browser);
    }

    public ChannelEditPage add() {
        browser.findElement(By.id("add")).click();
        return ChannelEditPage.at(browser);
    }

    public ChannelListPage delete(String nickname) {
        Fresh.read(() -> {
            row(nickname).findElement(By.cssSelector("button[id$=':delete']")).click();
            return null;
        });
        WebDriverWait wait = Waits.on(browser, 10);
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".ui-confirmdialog-yes"))).click();
        wait.until(b -> !nicknames().contains(nickname));
        return this;
    }

    public String messages() {
        return browser.findElement(By.id("channels:messages")).getText();
    }

    public String pageSource() {
        return browser.getPageSource();
    }

    /** Types {@code text} into the list's search and waits until the table shows only matching nicknames. */
    public ChannelListPage search(String text) {
        WebElement box = browser.findElement(By.id("channels:q"));
        box.clear();
        box.sendKeys(text);
        Waits.on(browser, 20).until(b -> !nicknames().isEmpty() && nicknames().stream().allMatch(n -> n.contains(text)));
        return this;
    }

    /** The paginator's report, e.g. {@code 1–50 of 10012}; empty without a paginator. */
    public String pageReport() {
        return Fresh.read(() -> browser.findElements(By.cssSelector("#channels\\:table .ui-paginator-current"))
                .stream().map(WebElement::getText).findFirst().orElse(""));
    }
}
