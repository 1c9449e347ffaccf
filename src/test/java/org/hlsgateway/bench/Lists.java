package org.hlsgateway.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hlsgateway.testsupport.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Lists with 10,000 channels (one M3U import): an API page, the front page's weight and the console list
 * after login, each next to a reference in the same run (one channel's API answer; the front page of a
 * search for one channel, i.e. the page without its list; a small console page after login).
 */
final class Lists {

    static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");

    private final Bench.Context ctx;

    Lists(Bench.Context ctx) {
        this.ctx = ctx;
    }

    void run(int count) throws Exception {
        Gateway gw = ctx.gateway();
        long t0 = System.nanoTime();
        StringBuilder m3u = new StringBuilder("#EXTM3U\n");
        for (int i = 1; i <= count; i++) {
            m3u.append(String.format("#EXTINF:-1 hls-nickname=\"bl-%05d\" group-title=\"Group %d\",Bench Channel %05d%n"
                    + "rtsp://127.0.0.1:9/bench%d%n", i, i % 20, i, i));
        }
        HttpResponse<String> imported = gw.http.send(gw.api("channels/import").timeout(Duration.ofSeconds(300))
                .header("Content-Type", "audio/x-mpegurl").POST(HttpRequest.BodyPublishers.ofString(m3u.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (imported.statusCode() != 200) {
            throw new IllegalStateException("import: " + imported.statusCode());
        }
        ctx.report().note(String.format("Imported %d channels in %.0f ms.", count, Player.ms(System.nanoTime() - t0)));

        Stats firstPage = new Stats();
        Stats deepPage = new Stats();
        Stats search = new Stats();
        Stats one = new Stats();
        String deep = null;
        for (int i = 0; i < ctx.runs() * 4; i++) {
            one.add(time(gw, "channels/bl-05000"));
            firstPage.add(time(gw, "channels?limit=50"));
            search.add(time(gw, "channels?limit=50&q=channel%2007"));
            if (deep == null) { // a cursor 9,000 channels in
                HttpResponse<String> far = get(gw, gw.api("channels?limit=1000&offset=8950").build().uri());
                Matcher next = NEXT.matcher(far.headers().firstValue("Link").orElse(""));
                deep = next.find() ? URI.create(next.group(1)).getRawQuery().replace("limit=1000", "limit=50") : "limit=50";
            }
            deepPage.add(time(gw, "channels?" + deep));
        }
        String target = "≤ 100 ms: ";
        ctx.report().row("API: first page of 50 of " + count, "ms", firstPage, "GET one channel", one, Report.Better.LOWER,
                target + (firstPage.median() <= 100 ? "met" : "not met"));
        ctx.report().row("API: page of 50 by cursor, 9,000 in", "ms", deepPage, "GET one channel", one, Report.Better.LOWER,
                target + (deepPage.median() <= 100 ? "met" : "not met"));
        ctx.report().row("API: search q=channel 07 (page of 50)", "ms", search, "GET one channel", one, Report.Better.LOWER,
                target + (search.median() <= 100 ? "met" : "not met"));

        Stats home = new Stats();
        Stats homeOne = new Stats();
        URI front = URI.create(gw.base() + "/");
        home.add(bytes(gw, front) / 1024.0);
        homeOne.add(bytes(gw, URI.create(gw.base() + "/?q=bl-05000")) / 1024.0);
        ctx.report().row("Front page weight (anonymous, first page)", "KB", home, "front page of one channel", homeOne,
                Report.Better.LOWER, "< 200 KB: " + (home.median() < 200 ? "met" : "not met"));

        Stats console = new Stats();
        Stats small = new Stats();
        java.util.List<String> breakdown = new java.util.ArrayList<>();
        for (int i = 0; i < ctx.runs(); i++) {
            ChromeDriver browser = Browser.start();
            try {
                browser.get(gw.base() + "/login.xhtml");
                browser.findElement(By.id("login:username")).sendKeys("admin");
                browser.findElement(By.id("login:password")).sendKeys(Gateway.PASSWORD);
                long start = System.nanoTime();
                browser.findElement(By.id("login:submit")).click();
                new WebDriverWait(browser, Duration.ofSeconds(120)).pollingEvery(Duration.ofMillis(10)).until(b ->
                        !b.findElements(By.cssSelector("#channels\\:table .nickname")).isEmpty()
                                && "complete".equals(browser.executeScript("return document.readyState")));
                console.add(Player.ms(System.nanoTime() - start));
                // where the time went, from the list document's Navigation Timing (its redirect is the login POST)
                @SuppressWarnings("unchecked")
                java.util.Map<String, Object> nav = (java.util.Map<String, Object>) browser.executeScript(
                        "var n = performance.getEntriesByType('navigation')[0]; return {fetch: n.fetchStart, ready: n.domContentLoadedEventEnd,"
                        + " ttfb: n.responseStart - n.fetchStart, body: n.responseEnd - n.responseStart,"
                        + " dom: n.domContentLoadedEventEnd - n.responseEnd, load: n.loadEventEnd - n.domContentLoadedEventEnd,"
                        + " resources: performance.getEntriesByType('resource').length,"
                        + " kb: performance.getEntriesByType('resource').reduce((a, r) => a + r.transferSize, n.transferSize) / 1024};");
                breakdown.add(String.format(java.util.Locale.ROOT,
                        "shown %.0f ms after the click by the page's own clock: login POST + redirect %.0f ms, list page TTFB %.0f ms, body %.0f ms, scripts and DOM %.0f ms,"
                                + " load %.0f ms, %s requests, %.0f KB",
                        ((Number) nav.get("ready")).doubleValue(), ((Number) nav.get("fetch")).doubleValue(),
                        ((Number) nav.get("ttfb")).doubleValue(),
                        ((Number) nav.get("body")).doubleValue(), ((Number) nav.get("dom")).doubleValue(),
                        ((Number) nav.get("load")).doubleValue(), nav.get("resources"), ((Number) nav.get("kb")).doubleValue()));
                long smallStart = System.nanoTime();
                browser.get(gw.base() + "/account/password.xhtml");
                new WebDriverWait(browser, Duration.ofSeconds(60)).pollingEvery(Duration.ofMillis(10)).until(b ->
                        "complete".equals(browser.executeScript("return document.readyState")));
                small.add(Player.ms(System.nanoTime() - smallStart));
            } finally {
                browser.quit();
            }
        }
        ctx.report().row("Console list: login → first page shown", "ms", console, "a small console page", small,
                Report.Better.LOWER, "≤ 1 s: " + (console.median() <= 1000 ? "met" : "not met"));
        breakdown.forEach(line -> ctx.report().note("Console list run: " + line));
    }

    private static double time(Gateway gw, String path) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> answer = get(gw, gw.api(path).build().uri());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(path + ": " + answer.statusCode() + " " + answer.body());
        }
        return Player.ms(System.nanoTime() - start);
    }

    private static HttpResponse<String> get(Gateway gw, URI uri) throws Exception {
        return gw.http.send(gw.api("x").uri(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long bytes(Gateway gw, URI uri) throws Exception {
        HttpResponse<byte[]> page = gw.http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (page.statusCode() != 200) {
            throw new IllegalStateException(uri + ": " + page.statusCode());
        }
        return page.body().length;
    }
}
