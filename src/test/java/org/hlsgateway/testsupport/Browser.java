package org.hlsgateway.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium through Debian's chromedriver; Selenium downloads nothing.
 * Paths can be changed with {@code CHROMIUM} and {@code CHROMEDRIVER}.
 */
public final class Browser {

    private Browser() {
    }

    public static ChromeDriver start() throws Exception {
        String chromium = env("CHROMIUM", "/usr/bin/chromium");
        String driver = env("CHROMEDRIVER", "/usr/bin/chromedriver");
        Path profile = Files.createTempDirectory("hls-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--autoplay-policy=no-user-gesture-required", "--mute-audio",
                "--window-size=1280,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(driver))
                .usingAnyFreePort()
                .build();
        ChromeDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return browser;
    }

    /**
     * Sets the page's viewport to {@code width} x {@code height} CSS pixels (Chromium's device emulation; a
     * phone width also honours the page's viewport meta tag), e.g. 390 x 844 for a phone, 1366 x 900 for a laptop.
     */
    public static void viewport(ChromeDriver browser, int width, int height) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of(
                "width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 700));
    }

    /** Saves a screenshot of what the browser shows as {@code target/screenshots/{name}.png}, for a reviewer. */
    public static Path screenshot(ChromeDriver browser, String name) throws java.io.IOException {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".png");
        Files.write(file, browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        return file;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
