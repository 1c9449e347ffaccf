package org.hlsgateway.operations.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hlsgateway.testsupport.ConsoleSession;
import org.hlsgateway.testsupport.Gateway;
import org.hlsgateway.testsupport.Metrics;
import org.hlsgateway.testsupport.MicroServer;
import org.hlsgateway.testsupport.PollingViewer;
import org.hlsgateway.testsupport.PostgresCluster;
import org.hlsgateway.testsupport.RtspCamera;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The database goes away while a channel is live, three times in a row (pools often recover once and not
 * twice): PostgreSQL is stopped with {@code pg_ctlcluster ... stop -m fast}, as a restart or failover would,
 * and started again. During each outage the live channel keeps playing with new segments, a protected channel
 * watched since the start cold-starts from its signed URL, it stops again when idle, the API and a console page
 * answer 503 with {@code Retry-After} within about 2 s, a channel never read since the start answers 503,
 * {@code /health/ready} is DOWN while {@code /health/live} stays UP, refused writes store nothing, and the
 * outage is logged once; within 5 s of the database's return the API, the console and cold starts work again.
 *
 * <p>Runs only in the PostgreSQL pass ({@code mvn verify -Ppostgresql}, which hands the ITs the database URL
 * in {@code HLS_DB_URL_ASADMIN}); the H2 pass has no database server to stop, so there this class is skipped
 * by its condition. It needs to stop and start the machine's cluster (root, or password-less sudo), and starts
 * it again whatever happens. It runs its own Payara Micro ({@link MicroServer}) to read the server's log.
 */
@EnabledIfEnvironmentVariable(named = "HLS_DB_URL_ASADMIN", matches = "jdbc.*postgresql.*")
class DatabaseOutageIT {

    private static final String MESSAGE = "the database is unavailable; try again in a few seconds";

    static PostgresCluster postgres;
    static RtspCamera camera;
    static MicroServer server;
    static Gateway gateway;

    final List<String> figures = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresCluster.first();
        postgres.start();
        camera = RtspCamera.start();
        Path dir = Path.of(System.getProperty("hls.test.dir", "target/it"), "db-outage");
        String config = System.getProperty("hls.server.config", "server-config");
        server = MicroServer.start(dir.resolve("data"), dir.resolve("work"), Map.of(
                        "HLS_IDLE_TIMEOUT", "3",
                        "HLS_DB_URL_ASADMIN", System.getenv("HLS_DB_URL_ASADMIN"),
                        "HLS_DB_USER_ASADMIN", System.getenv().getOrDefault("HLS_DB_USER_ASADMIN", "hls"),
                        "HLS_DB_PASSWORD_ASADMIN", System.getenv().getOrDefault("HLS_DB_PASSWORD_ASADMIN", "")),
                List.of("--addLibs", Path.of(System.getProperty("hls.war", "target/hls_gateway.war")).resolveSibling("postgresql.jar")
                        .toString(), "--postbootcommandfile", config + "/post-boot-commands-postgresql.asadmin"));
        gateway = new Gateway(server.deployment());
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (postgres != null) {
                postgres.start(); // whatever happened: the machine's database runs again
            }
        } finally {
            if (server != null) {
                server.close();
            }
            if (camera != null) {
                camera.close();
            }
        }
    }

    @Test
    void threeOutagesInARowAreSurvivedAndRecoveredFrom() throws Exception {
        gateway.createChannel("dbo-live", camera.url(), null);
        gateway.createChannel("dbo-seen", camera.url(), "\"public\":false");
        URI seen = URI.create(Gateway.json(gateway.get("api/channels/dbo-seen/playback-url").body()).getString("url"));
        // watched once since the start, then cold again: the gateway has read its settings
        assertEquals(302, gateway.get(seen).statusCode());
        assertEquals(200, gateway.send("POST", "api/channels/dbo-seen/stop", null).statusCode());
        ConsoleSession console = ConsoleSession.logIn(gateway.uri("/"), "admin", Gateway.ADMIN_PASSWORD);
        assertEquals(302, gateway.get("watch/dbo-live").statusCode());
        try (PollingViewer viewer = new PollingViewer(gateway.anonymous(), "dbo-live", 500)) {
            for (int outage = 1; outage <= 3; outage++) {
                gateway.createChannel("dbo-unseen" + outage, camera.url(), null); // stored, never read by playback
                outage(outage, seen, console, viewer);
            }
        } finally {
            System.out.println("DatabaseOutageIT figures:\n  " + String.join("\n  ", figures));
        }
    }

    private void outage(int outage, URI seen, ConsoleSession console, PollingViewer viewer) throws Exception {
        String log = Files.readString(server.log());
        double errorsBefore = Metrics.value(gateway, "hls_database_errors_total");
        int statusesBefore = viewer.statuses().size();
        int segmentsBefore = viewer.segmentsSeen();
        String unseen = "dbo-unseen" + outage;

        postgres.stop();
        long stopped = System.nanoTime();

        // the API: 503 with Retry-After and the message, fast
        long asked = System.nanoTime();
        HttpResponse<String> list = gateway.get("api/channels");
        long apiMillis = millisSince(asked);
        assertUnavailable(list);
        assertTrue(apiMillis < 3000, "the API answered after " + apiMillis + " ms");

        // refused writes: a channel and an import
        HttpResponse<String> create = gateway.send("POST", "api/channels",
                "{\"nickname\":\"dbo-refused" + outage + "\",\"url\":\"" + camera.url() + "\"}");
        assertUnavailable(create);
        HttpResponse<String> imported = gateway.sendRaw("POST", "api/channels/import", "text/csv",
                "nickname,url\ndbo-import" + outage + "a," + camera.url() + "\ndbo-import" + outage + "b," + camera.url() + "\n");
        assertUnavailable(imported);

        // the console, logged in before: a page that needs the database says so
        asked = System.nanoTime();
        HttpResponse<String> page = console.get("admin/list/");
        long consoleMillis = millisSince(asked);
        assertEquals(503, page.statusCode(), page.body());
        assertTrue(page.body().contains("The database is unavailable; try again in a few seconds"), page.body());
        assertTrue(page.headers().firstValue("Retry-After").isPresent());

        // a new console login cannot be checked: the login page says why
        HttpResponse<String> login = ConsoleSession.tryLogIn(gateway.uri("/"), "admin", Gateway.ADMIN_PASSWORD);
        assertEquals(503, login.statusCode());
        assertTrue(login.body().contains("The database is unavailable; try again in a few seconds."), login.body());

        // a channel watched since the start: its signed URL cold-starts it from what the gateway knows
        asked = System.nanoTime();
        HttpResponse<String> watch = gateway.get(seen);
        long coldMillis = millisSince(asked);
        assertEquals(302, watch.statusCode(), watch.body());
        HttpResponse<String> playlist = gateway.get(URI.create(watch.headers().firstValue("Location").orElseThrow()));
        assertEquals(200, playlist.statusCode(), playlist.body());
        assertTrue(playlist.body().contains("token="), "the signed URL's token is on every segment URI");

        // a channel never read since the start, the public M3U: 503
        HttpResponse<String> cold = gateway.anonymous().get("watch/" + unseen);
        assertUnavailable(cold);
        assertUnavailable(gateway.anonymous().get("playlist.m3u"));

        // health: not ready, still alive
        URI health = Metrics.health(server.root());
        await(() -> status(health.resolve("ready")) == 503, 5, "/health/ready DOWN");
        HttpResponse<String> ready = gateway.get(health.resolve("ready"));
        assertTrue(ready.body().matches("(?s).*\"database\":\"?false.*"), ready.body()); // Payara writes data as strings
        assertEquals(200, status(health.resolve("live")));

        // the idle stop: the channel started during the outage stops when nobody watches it
        await(() -> running() == 1, 15, "dbo-seen stopped after its idle timeout, only dbo-live runs");

        // the live channel plays on: new segments in its playlist, each one served
        await(() -> viewer.segmentsSeen() >= segmentsBefore + 5, 30, "5 new segments of dbo-live");
        List<String> names = viewer.segments();
        HttpResponse<byte[]> segment = gateway.anonymous().getBytes("read/dbo-live/" + names.get(names.size() - 1));
        assertEquals(200, segment.statusCode());
        List<Integer> during = viewer.statuses().subList(statusesBefore, viewer.statuses().size());
        assertTrue(during.stream().allMatch(s -> s == 200), "dbo-live's playlist during the outage: " + during);
        assertTrue(Metrics.value(gateway, "hls_database_errors_total") > errorsBefore, "database errors are counted");
        long outageMillis = millisSince(stopped);

        // the database returns: everything works again within 5 s, with no restart
        postgres.start();
        long back = System.nanoTime();
        await(() -> status(gateway, "api/channels") == 200, 5, "the API answers again");
        long apiBack = millisSince(back);
        await(() -> console.get("admin/list/").statusCode() == 200, 5, "the console answers again");
        await(() -> status(health.resolve("ready")) == 200, 5, "/health/ready UP again");
        long readyBack = millisSince(back);
        HttpResponse<String> started = gateway.anonymous().get("watch/" + unseen);
        assertEquals(302, started.statusCode(), started.body());
        long coldBack = millisSince(back);
        assertTrue(coldBack < 5000 + 16_000, "cold start " + coldBack + " ms after the return"); // includes the first segment
        assertEquals(200, gateway.send("POST", "api/channels/" + unseen + "/stop", null).statusCode());

        // nothing of the refused writes was stored
        assertEquals(404, status(gateway, "api/channels/dbo-refused" + outage));
        assertEquals(404, status(gateway, "api/channels/dbo-import" + outage + "a"));
        assertEquals(404, status(gateway, "api/channels/dbo-import" + outage + "b"));

        // the log: once down, once back, no stack trace per request
        await(() -> count(Files.readString(server.log()), "database is back") == count(log, "database is back") + 1, 5,
                "\"database is back\" logged");
        String logged = Files.readString(server.log()).substring(log.length());
        assertEquals(1, count(logged, "database unavailable"), logged);
        assertEquals(1, count(logged, "database is back"), logged);
        // at most the first failed query's (EclipseLink's and the pool's), none per request or per probe
        assertTrue(count(logged, "Local Exception Stack") <= 1, "EclipseLink's stack traces in outage " + outage + ":\n" + logged);
        assertTrue(count(logged, "RAR5038") <= 2, "the pool's stack traces in outage " + outage + ":\n" + logged);

        figures.add("outage " + outage + " (" + outageMillis + " ms): API 503 in " + apiMillis + " ms, console 503 in "
                + consoleMillis + " ms, cold watch of a seen channel 302 in " + coldMillis + " ms; after the return: API in "
                + apiBack + " ms, ready in " + readyBack + " ms, cold start of an unseen channel 302 in " + coldBack
                + " ms; log lines written meanwhile: " + logged.lines().count() + ", of them stack-trace lines: "
                + count(logged, "\tat "));
    }

    private static void assertUnavailable(HttpResponse<String> answer) {
        assertEquals(503, answer.statusCode(), answer.body());
        assertTrue(answer.headers().firstValue("Retry-After").isPresent(), "Retry-After on " + answer.uri());
        JsonObject body = Gateway.json(answer.body());
        assertEquals(MESSAGE, body.getString("message"));
    }

    private static int running() throws Exception {
        return (int) Metrics.value(gateway, "hls_transcoders_running");
    }

    private static int status(URI uri) throws Exception {
        return gateway.get(uri).statusCode();
    }

    private static int status(Gateway client, String path) throws Exception {
        return client.get(path).statusCode();
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    /** Polls {@code condition} every 100 ms for up to {@code seconds}. */
    private static void await(Check condition, int seconds, String what) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.holds()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + seconds + " s: " + what);
            }
            Thread.sleep(100);
        }
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }
}
