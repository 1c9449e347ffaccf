package org.hlsgateway.cluster.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hlsgateway.testsupport.Balancer;
import org.hlsgateway.testsupport.ClusterNode;
import org.hlsgateway.testsupport.ConsoleSession;
import org.hlsgateway.testsupport.FfmpegProcesses;
import org.hlsgateway.testsupport.Gateway;
import org.hlsgateway.testsupport.MediaPlaylist;
import org.hlsgateway.testsupport.RtspCamera;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Three gateways started with the run command's script on one machine, one PostgreSQL, TCP/IP discovery on loopback
 * and nginx round-robin in front (issue #16). Every player request goes through nginx, so each lands on any node.
 * Runs in the PostgreSQL pass only: a cluster needs the shared database, and refuses H2.
 */
@EnabledIfEnvironmentVariable(named = "HLS_DB_URL_ASADMIN", matches = "jdbc.*postgresql.*")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    static final int IDLE_SECONDS = 5;
    static RtspCamera camera;
    static final List<ClusterNode> nodes = new ArrayList<>();
    static Balancer nginx;
    static Gateway balanced;

    @BeforeAll
    static void start() throws Exception {
        camera = RtspCamera.start();
        Path dir = Path.of(System.getProperty("hls.test.dir", "target/it"), "cluster");
        int[] http = {RtspCamera.freePort(), RtspCamera.freePort(), RtspCamera.freePort()};
        int[] grid = {RtspCamera.freePort(), RtspCamera.freePort(), RtspCamera.freePort()};
        String members = "tcpip:127.0.0.1:" + grid[0] + ",127.0.0.1:" + grid[1] + ",127.0.0.1:" + grid[2];
        for (int i = 0; i < 3; i++) {
            Map<String, String> env = new HashMap<>();
            env.put("HLS_CLUSTER", members);
            env.put("HLS_CLUSTER_PORT", Integer.toString(grid[i]));
            env.put("HLS_DB_URL", "jdbc:postgresql://127.0.0.1:5432/hls_it");
            env.put("HLS_DB_USER", "hls");
            env.put("HLS_DB_PASSWORD", "hls-it-password");
            env.put("HLS_IDLE_TIMEOUT", Integer.toString(IDLE_SECONDS));
            env.put("HLS_START_TIMEOUT", "15");
            env.put("HLS_JAVA_OPTS", "-Xmx384m");
            nodes.add(ClusterNode.launch(dir.resolve("node" + i), http[i], env));
        }
        for (ClusterNode node : nodes) {
            node.awaitReady(Duration.ofSeconds(300));
        }
        nginx = Balancer.start(dir.resolve("nginx"), List.of(http[0], http[1], http[2]));
        balanced = new Gateway(URI.create(nginx.url() + "/hls_gateway/").toURL());
    }

    @AfterAll
    static void stop() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
        for (ClusterNode node : nodes) {
            node.close();
        }
        if (camera != null) {
            camera.close();
        }
    }

    private static List<ClusterNode> alive() {
        return nodes.stream().filter(ClusterNode::alive).toList();
    }

    private static Gateway direct(ClusterNode node) throws Exception {
        return new Gateway(node.deployment());
    }

    /** The URL of the node that holds the channel's lease, as a node that does not run it reports it. */
    private static String owner(String nickname) throws Exception {
        for (int attempt = 0; attempt < 20; attempt++) {
            for (ClusterNode node : alive()) {
                JsonObject channel = direct(node).channel(nickname);
                if (channel.containsKey("node") && !channel.isNull("node")) {
                    return channel.getString("node");
                }
            }
            Thread.sleep(500); // statuses reach the grid within a second
        }
        throw new AssertionError("no node reports an owner of " + nickname);
    }

    private static URI consoleOf(ClusterNode node) {
        return URI.create(node.url() + "/hls_gateway/");
    }

    private static ClusterNode node(String url) {
        return nodes.stream().filter(n -> n.url().equals(url)).findFirst().orElseThrow();
    }

    @Test
    @Order(1)
    void everyNodeSeesTheOthersAndAnyNodeServesAChannelCreatedThroughAnother() throws Exception {
        for (ClusterNode node : nodes) {
            JsonObject listed = Gateway.json(direct(node).get("api/nodes").body());
            assertTrue(listed.getBoolean("clustered"));
            assertEquals(3, listed.getJsonArray("nodes").size(), node.url() + " lists " + listed);
        }
        balanced.createChannel("cl-any", camera.url(), null);
        try {
            for (ClusterNode node : nodes) {
                assertEquals(200, direct(node).get("api/channels/cl-any").statusCode(), "no node's cache hides it");
                HttpResponse<String> watch = direct(node).anonymous().get("watch/cl-any");
                assertEquals(302, watch.statusCode(), node.url() + ": " + watch.body());
                assertTrue(watch.headers().firstValue("Location").orElse("").startsWith(node.url()),
                        "the player stays on the address it used, never an internal one: " + watch.headers().map());
            }
            assertEquals(1, FfmpegProcesses.forChannel("cl-any").size(), "one FFmpeg in the cluster");

            // a blocking LL-HLS reload asked of an edge waits there for the owner's next part, then lists it
            String ownerUrl = owner("cl-any");
            Gateway edge = direct(nodes.stream().filter(n -> !n.url().equals(ownerUrl)).findFirst().orElseThrow()).anonymous();
            String text = edge.get("read/cl-any/index.m3u8").body();
            org.hlsgateway.testsupport.LlPlaylist parsed = org.hlsgateway.testsupport.LlPlaylist.parse(text);
            org.hlsgateway.testsupport.LlPlaylist.Entry last = parsed.segments().get(parsed.segments().size() - 1);
            long msn = last.complete() ? last.msn() + 1 : last.msn();
            int part = last.complete() ? 0 : last.parts().size();
            long asked = System.nanoTime();
            HttpResponse<String> blocked = edge.get("read/cl-any/index.m3u8?_HLS_msn=" + msn + "&_HLS_part=" + part);
            long waited = (System.nanoTime() - asked) / 1_000_000;
            System.out.println("cluster: blocking reload through an edge answered after " + waited + " ms");
            assertEquals(200, blocked.statusCode(), blocked.body());
            org.hlsgateway.testsupport.LlPlaylistChecker.check(blocked.body());
            org.hlsgateway.testsupport.LlPlaylist after = org.hlsgateway.testsupport.LlPlaylist.parse(blocked.body());
            assertTrue(after.segments().stream().anyMatch(e -> e.msn() > msn || e.msn() == msn && e.parts().size() > part),
                    "the awaited part is listed: " + blocked.body());
            assertTrue(waited < 3_000, "answered when the part came, not at a timeout: " + waited + " ms");
            String hint = after.preloadHint();
            HttpResponse<byte[]> hinted = edge.getBytes("read/cl-any/" + hint);
            assertEquals(200, hinted.statusCode(), "the preload-hinted part, through the edge");
            assertTrue(hinted.body().length > 0);
        } finally {
            balanced.send("DELETE", "api/channels/cl-any", null);
        }
        assertTrue(FfmpegProcesses.awaitNone("cl-any", 10_000), "deleting through any node stops it where it runs");
    }

    @Test
    @Order(2)
    void twoHundredColdWatchesThroughTheBalancerStartOneFfmpegAndAllPlay() throws Exception {
        balanced.createChannel("cl-herd", camera.url(), null);
        try {
            Gateway player = balanced.anonymous();
            AtomicInteger mostFfmpeg = new AtomicInteger();
            CompletableFuture<Void> counting = CompletableFuture.runAsync(() -> {
                long end = System.currentTimeMillis() + 15_000;
                while (System.currentTimeMillis() < end) {
                    mostFfmpeg.accumulateAndGet(FfmpegProcesses.forChannel("cl-herd").size(), Math::max);
                }
            });
            long started = System.nanoTime();
            List<CompletableFuture<Integer>> herd = new ArrayList<>();
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(200);
            Map<String, Integer> failures = new ConcurrentHashMap<>();
            for (int i = 0; i < 200; i++) {
                herd.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        HttpResponse<String> watch = player.get("watch/cl-herd");
                        if (watch.statusCode() != 302) {
                            failures.merge("watch " + watch.statusCode() + " " + watch.body(), 1, Integer::sum);
                            return 0;
                        }
                        HttpResponse<String> playlist = player.get(URI.create(watch.headers().firstValue("Location").get()));
                        List<String> segments = MediaPlaylist.segments(playlist.body());
                        if (playlist.statusCode() != 200 || segments.isEmpty()) {
                            failures.merge("playlist " + playlist.statusCode(), 1, Integer::sum);
                            return 0;
                        }
                        HttpResponse<byte[]> segment = player.getBytes("read/cl-herd/" + segments.get(segments.size() - 1));
                        return segment.statusCode() == 200 && segment.body().length > 1000 ? 1 : 0;
                    } catch (Exception e) {
                        failures.merge(e.toString(), 1, Integer::sum);
                        return 0;
                    }
                }, pool));
            }
            int played = 0;
            for (CompletableFuture<Integer> one : herd) {
                played += one.get();
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            pool.shutdown();
            counting.get();
            System.out.println("cluster: 200 cold watches through nginx: " + played + " played a segment in " + millis
                    + " ms; FFmpeg processes at most " + mostFfmpeg.get() + "; failures " + failures);
            assertEquals(200, played, "every player got a playlist and a segment: " + failures);
            assertEquals(1, mostFfmpeg.get(), "exactly one FFmpeg cluster-wide");
        } finally {
            balanced.send("DELETE", "api/channels/cl-herd", null);
        }
    }

    @Test
    @Order(3)
    void thirtyChannelsSpreadOverTheNodesAndStopWhenIdleEverywhere() throws Exception {
        List<String> names = new ArrayList<>();
        // cameras of their own, ten channels each: the test camera is one GStreamer process, and the next tests need theirs
        try (RtspCamera many = RtspCamera.start(); RtspCamera more = RtspCamera.start(); RtspCamera most = RtspCamera.start()) {
            RtspCamera[] cameras = {many, more, most};
            for (int i = 0; i < 30; i++) {
                names.add("cl-spread" + i);
                balanced.createChannel("cl-spread" + i, cameras[i % 3].url(), null);
            }
            Gateway player = balanced.anonymous();
            java.util.concurrent.atomic.AtomicLong lastRequest = new java.util.concurrent.atomic.AtomicLong();
            // players stay on every channel started so far, so that none goes idle before all are placed
            java.util.concurrent.ScheduledExecutorService players = java.util.concurrent.Executors.newScheduledThreadPool(30);
            try {
                for (int batch = 0; batch < 30; batch += 5) { // five cold starts at a time
                    List<CompletableFuture<HttpResponse<String>>> watches = new ArrayList<>();
                    for (String name : names.subList(batch, batch + 5)) {
                        watches.add(CompletableFuture.supplyAsync(() -> {
                            try {
                                return player.get("watch/" + name);
                            } catch (Exception e) {
                                throw new java.util.concurrent.CompletionException(e);
                            }
                        }));
                    }
                    for (CompletableFuture<HttpResponse<String>> watch : watches) {
                        assertEquals(302, watch.get().statusCode(), watch.get().body());
                    }
                    for (String name : names.subList(batch, batch + 5)) { // one player per channel, each on its own
                        players.scheduleWithFixedDelay(() -> {
                            try {
                                player.get("read/" + name + "/index.m3u8");
                                lastRequest.accumulateAndGet(System.currentTimeMillis(), Math::max);
                            } catch (Exception e) {
                                // the count of running channels below tells
                            }
                        }, 0, 1, java.util.concurrent.TimeUnit.SECONDS);
                    }
                }
                Thread.sleep(1_500); // the owners' leases and heartbeats are a second old at most
                Map<String, Integer> perNode = new HashMap<>();
                for (var node : Gateway.json(balanced.get("api/nodes").body()).getJsonArray("nodes")) {
                    JsonObject n = node.asJsonObject();
                    perNode.put(n.getString("url"), n.getInt("channels"));
                }
                System.out.println("cluster: 30 channels per node " + perNode);
                assertEquals(3, perNode.size());
                assertEquals(30, perNode.values().stream().mapToInt(Integer::intValue).sum(), "all 30 run: " + perNode);
                perNode.forEach((url, count) -> assertTrue(count >= 7 && count <= 13, "10 ± 3 on " + url + ": " + perNode));
                // the metrics of any node list every node, with the channels each holds
                String metrics = org.hlsgateway.testsupport.Metrics.text(balanced);
                assertEquals(3, org.hlsgateway.testsupport.Metrics.value(metrics, "hls_cluster_nodes"), metrics);
                double channels = metrics.lines().filter(l -> l.startsWith("hls_cluster_node_channels{"))
                        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
                assertEquals(30, channels, "hls_cluster_node_channels adds up to every channel: " + metrics);
            } finally {
                players.shutdownNow();
                players.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
            }
            long last = lastRequest.get();
            long stoppedAt = 0;
            while (System.currentTimeMillis() - last < 30_000) {
                if (names.stream().allMatch(n -> FfmpegProcesses.forChannel(n).isEmpty())) {
                    stoppedAt = System.currentTimeMillis();
                    break;
                }
                Thread.sleep(100);
            }
            System.out.println("cluster: all 30 FFmpeg gone " + (stoppedAt - last) + " ms after the last request "
                    + "(idle timeout " + IDLE_SECONDS + " s)");
            assertTrue(stoppedAt > 0, "every FFmpeg stopped");
            // thirty FFmpeg exiting at once on two cores: the reaper's second, and up to 3 s of SIGTERM grace each
            assertTrue(stoppedAt - last <= IDLE_SECONDS * 1000L + 4_000, "idle stop within the timeout plus the "
                    + "reaper's second and FFmpeg's exit: " + (stoppedAt - last) + " ms");
            for (RtspCamera camera : cameras) {
                assertTrue(camera.awaitNoClients(Duration.ofSeconds(5)), "and every upstream connection closed");
            }
        } finally {
            for (String name : names) {
                balanced.send("DELETE", "api/channels/" + name, null);
            }
        }
    }

    /**
     * The load tool's players (README, Load test) through the balancer: 500 on 20 channels, every request to any
     * node. Reports each node's CPU next to the channels it owns: each node is the owner of some channels and an
     * edge of the others.
     */
    @Test
    @Order(4)
    void fiveHundredPlayersOnTwentyChannelsThroughTheBalancerMissNothing() throws Exception {
        List<String> names = new ArrayList<>();
        try (RtspCamera loadCamera = RtspCamera.start(); RtspCamera loadCamera2 = RtspCamera.start()) {
            for (int i = 0; i < 20; i++) {
                names.add("cl-load" + i);
                balanced.createChannel("cl-load" + i, (i % 2 == 0 ? loadCamera : loadCamera2).url(), null);
            }
            Map<ClusterNode, org.hlsgateway.load.ProcessSampler> samplers = new java.util.LinkedHashMap<>();
            org.hlsgateway.load.LoadScenario scenario = new org.hlsgateway.load.LoadScenario(
                    URI.create(nginx.url() + "/hls_gateway/"), names, 500, Duration.ofSeconds(30), Duration.ofSeconds(1))
                    .joiningOver(Duration.ofSeconds(10));
            org.hlsgateway.load.LoadScenario.Result result = scenario.run(java.util.Optional.empty(), () -> {
                for (ClusterNode node : nodes) { // the viewers are coming: sample every node from now on
                    org.hlsgateway.load.ProcessSampler.listeningOn(node.port())
                            .ifPresent(pid -> samplers.put(node, new org.hlsgateway.load.ProcessSampler(pid).start()));
                }
            });
            Map<String, Integer> owned = new HashMap<>();
            for (String name : names) {
                owned.merge(owner(name), 1, Integer::sum);
            }
            System.out.print(org.hlsgateway.load.LoadTool.report(result));
            for (var entry : samplers.entrySet()) {
                entry.getValue().close();
                List<org.hlsgateway.load.ProcessSampler.Sample> samples = entry.getValue().samples();
                double jvm = samples.stream().skip(1).mapToDouble(org.hlsgateway.load.ProcessSampler.Sample::jvmCpuPercent)
                        .average().orElse(0);
                double ffmpeg = samples.stream().skip(1)
                        .mapToDouble(org.hlsgateway.load.ProcessSampler.Sample::ffmpegCpuPercent).average().orElse(0);
                System.out.printf("cluster: load node %s owns %d of 20 channels: JVM CPU %.0f %% of a core, its FFmpeg %.0f %%%n",
                        entry.getKey().url(), owned.getOrDefault(entry.getKey().url(), 0), jvm, ffmpeg);
            }
            assertEquals(0, result.errors(), "errors: " + result.errorLines());
            assertEquals(0, result.missed(), "missed segments: " + result.errorLines());
            assertTrue(result.minSegmentsPerViewer() >= 15, "every player kept getting segments: "
                    + result.minSegmentsPerViewer());
            assertEquals(20, owned.values().stream().mapToInt(Integer::intValue).sum(), "each channel has one owner: " + owned);
            for (String name : names) {
                assertEquals(1, FfmpegProcesses.forChannel(name).size(), "one FFmpeg for " + name);
            }
        } finally {
            for (String name : names) {
                balanced.send("DELETE", "api/channels/" + name, null);
            }
        }
    }

    @Test
    @Order(5)
    void aRequestWithAWrongNodeSecretIsRefusedAndNeverServed() throws Exception {
        balanced.createChannel("cl-secret", camera.url(), null);
        try {
            for (ClusterNode node : nodes) {
                HttpResponse<String> refused = RawNodeCall.get(node.url() + "/hls_gateway/watch/cl-secret", "not-the-secret");
                assertEquals(403, refused.statusCode(), refused.body());
                assertTrue(refused.body().contains("node secret"), refused.body());
            }
            assertTrue(FfmpegProcesses.forChannel("cl-secret").isEmpty(), "a refused call starts nothing");
        } finally {
            balanced.send("DELETE", "api/channels/cl-secret", null);
        }
    }

    @Test
    @Order(6)
    void aPlayerPollingThroughTheBalancerKeepsPlayingWhenTheOwnerIsKilled() throws Exception {
        balanced.createChannel("cl-fail", camera.url(), null);
        try (Poller poller = Poller.start(balanced.anonymous(), "cl-fail")) {
            poller.awaitSegments(3, 20_000);
            ClusterNode owner = node(owner("cl-fail"));
            // an admin logged in on the node about to die, and a page of the console read on each other node
            ConsoleSession console = ConsoleSession.logIn(consoleOf(owner), "admin", Gateway.ADMIN_PASSWORD);
            List<ClusterNode> survivors = alive().stream().filter(n -> n != owner).toList();
            for (ClusterNode other : survivors) {
                HttpResponse<String> page = console.at(consoleOf(other)).get("admin/nodes/");
                assertEquals(200, page.statusCode(), "the login holds on a node that never saw it: " + page.headers().map());
                assertTrue(page.body().contains("A cluster of 3 nodes"), page.body());
            }
            long killedAt = System.currentTimeMillis();
            owner.kill();
            long resumedAt = poller.awaitNewSegmentAfter(killedAt, 30_000);
            Thread.sleep(5_000);
            Poller.Report report = poller.report();
            System.out.println("cluster: owner SIGKILL -> first new segment at the player " + (resumedAt - killedAt)
                    + " ms; " + report);
            assertTrue(resumedAt > 0, "new segments after the owner was killed: " + report);
            assertTrue(report.gaps() <= 1, "at most one gap: " + report);
            assertEquals(0, report.errors(), "no error page while the channel moved: " + report);
            assertEquals(1, FfmpegProcesses.forChannel("cl-fail").size(), "one FFmpeg again, on a surviving node");

            // the login outlived its node; logging out on one survivor ends it on the other too
            for (ClusterNode other : survivors) {
                HttpResponse<String> page = console.at(consoleOf(other)).get("admin/nodes/");
                assertEquals(200, page.statusCode(), "still logged in after the node that took the login died");
                assertTrue(page.body().contains("node-url"), page.body());
            }
            HttpResponse<String> out = console.at(consoleOf(survivors.get(0))).logOut("admin/nodes/");
            assertEquals(302, out.statusCode(), out.body());
            HttpResponse<String> after = console.at(consoleOf(survivors.get(1))).get("admin/nodes/");
            assertEquals(302, after.statusCode(), "logged out everywhere: " + after.body());
            assertTrue(after.headers().firstValue("Location").orElse("").contains("login.xhtml"), after.headers().map().toString());
        } finally {
            balanced.send("DELETE", "api/channels/cl-fail", null);
        }
    }

    @Test
    @Order(7)
    void aNodeThatLeavesCleanlyHandsItsChannelOverWithoutAnErrorPage() throws Exception {
        assertEquals(2, alive().size(), "two nodes left after the kill");
        balanced.createChannel("cl-leave", camera.url(), null);
        try (Poller poller = Poller.start(balanced.anonymous(), "cl-leave")) {
            poller.awaitSegments(3, 20_000);
            ClusterNode owner = node(owner("cl-leave"));
            long leftAt = System.currentTimeMillis();
            int exit = owner.terminate(Duration.ofSeconds(40));
            long gone = System.currentTimeMillis() - leftAt;
            long resumedAt = poller.awaitNewSegmentAfter(leftAt + gone, 20_000);
            Thread.sleep(4_000);
            Poller.Report report = poller.report();
            System.out.println("cluster: owner SIGTERM -> exited in " + gone + " ms (exit " + exit + "); " + report);
            assertFalse(owner.alive());
            assertTrue(resumedAt > 0, "the channel goes on on the other node: " + report);
            assertEquals(0, report.playlistErrors(), "every playlist request answered while it moved: " + report);
            assertTrue(report.gaps() <= 1, "at most one gap: " + report);
            assertEquals(1, FfmpegProcesses.forChannel("cl-leave").size(), "one FFmpeg, on the last node");
        } finally {
            balanced.send("DELETE", "api/channels/cl-leave", null);
        }
    }

    /** A node-to-node call from outside the cluster: a made-up secret. */
    static final class RawNodeCall {
        static HttpResponse<String> get(String url, String secret) throws Exception {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(URI.create(url))
                    .header("X-HLS-Node-Secret", secret).header("X-HLS-Lease", "1").build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /**
     * A player that polls the playlist every 500 ms through the balancer and fetches each new segment: it counts
     * errors, gaps (no new segment for more than 3 s) and media sequence numbers it never saw.
     */
    static final class Poller implements AutoCloseable {
        record Report(int segments, int errors, int playlistErrors, int gaps, long skipped, List<String> notes) {
        }

        private static final Pattern SEGMENT = Pattern.compile("(?m)^seg(\\d+)\\.m4s$");
        private final Gateway player;
        private final String nickname;
        private final Thread thread;
        private volatile boolean running = true;
        private final List<Long> segmentTimes = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final List<String> notes = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final AtomicInteger errors = new AtomicInteger();
        private final AtomicInteger playlistErrors = new AtomicInteger();
        private long newest = -1;
        private long skipped;

        private Poller(Gateway player, String nickname) {
            this.player = player;
            this.nickname = nickname;
            this.thread = new Thread(this::poll, "poller-" + nickname);
        }

        static Poller start(Gateway player, String nickname) throws Exception {
            HttpResponse<String> watch = player.get("watch/" + nickname);
            assertEquals(302, watch.statusCode(), watch.body());
            Poller poller = new Poller(player, nickname);
            poller.thread.start();
            return poller;
        }

        private void poll() {
            while (running) {
                try {
                    HttpResponse<String> playlist = player.get("read/" + nickname + "/index.m3u8");
                    if (playlist.statusCode() != 200) {
                        errors.incrementAndGet();
                        playlistErrors.incrementAndGet();
                        notes.add("playlist " + playlist.statusCode() + " " + playlist.body());
                    } else {
                        Matcher m = SEGMENT.matcher(playlist.body());
                        while (m.find()) {
                            long msn = Long.parseLong(m.group(1));
                            if (msn <= newest) {
                                continue;
                            }
                            HttpResponse<byte[]> segment = player.getBytes("read/" + nickname + "/seg" + msn + ".m4s");
                            if (segment.statusCode() != 200) {
                                errors.incrementAndGet();
                                notes.add("segment " + msn + " " + segment.statusCode());
                                continue;
                            }
                            if (newest >= 0 && msn > newest + 1) {
                                skipped += msn - newest - 1;
                                notes.add("skipped " + (newest + 1) + ".." + (msn - 1));
                            }
                            newest = msn;
                            segmentTimes.add(System.currentTimeMillis());
                        }
                    }
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    errors.incrementAndGet();
                    notes.add(e.toString());
                }
            }
        }

        void awaitSegments(int count, long timeoutMillis) throws InterruptedException {
            long end = System.currentTimeMillis() + timeoutMillis;
            while (segmentTimes.size() < count && System.currentTimeMillis() < end) {
                Thread.sleep(100);
            }
            assertTrue(segmentTimes.size() >= count, "the player got " + segmentTimes.size() + " segments: " + notes);
        }

        long awaitNewSegmentAfter(long since, long timeoutMillis) throws InterruptedException {
            long end = System.currentTimeMillis() + timeoutMillis;
            while (System.currentTimeMillis() < end) {
                for (long at : segmentTimes) {
                    if (at > since + 200) {
                        return at;
                    }
                }
                Thread.sleep(50);
            }
            return 0;
        }

        Report report() {
            int gaps = 0;
            for (int i = 1; i < segmentTimes.size(); i++) {
                if (segmentTimes.get(i) - segmentTimes.get(i - 1) > 3_000) {
                    gaps++;
                }
            }
            return new Report(segmentTimes.size(), errors.get(), playlistErrors.get(), gaps, skipped, List.copyOf(notes));
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join(5_000);
        }
    }
}
