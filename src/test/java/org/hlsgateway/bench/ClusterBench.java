package org.hlsgateway.bench;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cluster (#16, {@code -Dbench.only=cluster}): three nodes started with the run command on this machine, one
 * PostgreSQL ({@code bench.cluster.db}, {@code bench.cluster.user}, {@code bench.cluster.password}), TCP/IP discovery
 * on loopback. Figures, each next to its reference in the same run:
 * <ul>
 *   <li>a cold start asked of a node that is not the channel's owner (an edge), next to one asked of its owner;</li>
 *   <li>failover: from SIGKILL of an owner to the first new segment at a player polling a surviving node, next to
 *       a cold start on the owner (a failover is a detection plus a cold start);</li>
 *   <li>serving through 3 nodes against 1 node (wrk; the same total connections): one popular channel's newest
 *       segment, and the newest segments of 9 channels in turn.</li>
 * </ul>
 * On one machine the three nodes share its cores: the capacity ratio measures what the edges cost, not what three
 * machines would add.
 */
final class ClusterBench {

    private static final Pattern NODE = Pattern.compile("\"node\"\\s*:\\s*\"([^\"]+)\"");

    private final Bench.Context ctx;
    private final List<Gateway> nodes = new ArrayList<>();
    private final List<Map<String, String>> envs = new ArrayList<>();

    ClusterBench(Bench.Context ctx) {
        this.ctx = ctx;
    }

    void run(String db, String user, String password) throws Exception {
        int[] grid = {Proc.freePort(), Proc.freePort(), Proc.freePort()};
        String members = "tcpip:127.0.0.1:" + grid[0] + ",127.0.0.1:" + grid[1] + ",127.0.0.1:" + grid[2];
        for (int i = 0; i < 3; i++) {
            Map<String, String> env = new HashMap<>();
            env.put("HLS_CLUSTER", members);
            env.put("HLS_CLUSTER_PORT", Integer.toString(grid[i]));
            env.put("HLS_DB_URL", db);
            env.put("HLS_DB_USER", user);
            env.put("HLS_DB_PASSWORD", password);
            env.put("HLS_TOKEN_SECRET", "bench-cluster-token-secret-0123456789");
            env.put("HLS_JAVA_OPTS", "-Xmx384m");
            envs.add(env);
            nodes.add(start(i));
        }
        try (Camera camera = Camera.start(ctx.root(), 1)) {
            for (Gateway node : nodes) {
                node.awaitReady(300_000);
            }
            coldStarts(camera);
            serving(camera);
            failover(camera);
        } finally {
            for (Gateway node : nodes) {
                node.close();
            }
        }
    }

    private Gateway start(int i) throws IOException {
        Path data = ctx.out().resolve("cluster-node" + i);
        Proc.deleteTree(data.resolve("hls"));
        return Gateway.start(ctx.root(), data, 10, envs.get(i));
    }

    private Gateway node(String url) {
        return nodes.stream().filter(n -> url.equals("http://127.0.0.1:" + n.port)).findFirst().orElse(null);
    }

    /** The owner's URL, as the nodes that do not run the channel report it (from the grid), once one does. */
    private String owner(Gateway ignored, String nickname) throws Exception {
        for (int i = 0; i < 40; i++) {
            for (Gateway asked : nodes) {
                if (!Proc.alive(asked.pid())) {
                    continue;
                }
                HttpResponse<String> answer = asked.http.send(asked.api("channels/" + nickname).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                Matcher m = NODE.matcher(answer.body());
                if (m.find()) {
                    return m.group(1);
                }
            }
            Proc.sleep(250);
        }
        throw new IllegalStateException("no owner reported for " + nickname);
    }

    private void delete(String nickname) throws Exception {
        Gateway any = nodes.stream().filter(n -> Proc.alive(n.pid())).findFirst().orElseThrow();
        any.http.send(any.api("channels/" + nickname).DELETE().build(), HttpResponse.BodyHandlers.discarding());
    }

    private final Stats ownerStart = new Stats();

    /** Cold starts asked of node i % 3, sorted by whether that node became the owner. */
    private void coldStarts(Camera camera) throws Exception {
        Stats edgeStart = new Stats();
        int wanted = Math.max(2, ctx.runs());
        for (int i = 0; (ownerStart.count() < wanted || edgeStart.count() < wanted) && i < wanted * 8; i++) {
            String nickname = "bench-clcold" + i;
            Gateway asked = nodes.get(i % 3);
            asked.createChannel(nickname, camera.url());
            Proc.sleep(500);
            Player.Start start = new Player(asked.http, asked.base()).coldStart(nickname);
            boolean local = owner(asked, nickname).equals("http://127.0.0.1:" + asked.port);
            Stats into = local ? ownerStart : edgeStart;
            if (into.count() < wanted) {
                into.add(start.firstSegment());
            }
            System.out.printf(Locale.ROOT, "cluster cold start %s asked of %s: first segment in hand %.0f ms%n",
                    nickname, local ? "its owner" : "an edge", start.firstSegment());
            delete(nickname);
            camera.awaitNoClients(15_000);
        }
        ctx.report().row("Cold start asked of an edge (request → first segment in hand)", "ms", edgeStart,
                "the same asked of the owner", ownerStart, Report.Better.LOWER, null);
    }

    /** Serving one popular channel's newest segment, and 9 channels' newest segments, from 1 node and from 3. */
    private void serving(Camera camera) throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            names.add("bench-clserve" + i);
            nodes.get(0).createChannel(names.get(i), camera.url());
        }
        Map<String, Gateway> owners = new HashMap<>();
        for (String name : names) {
            new Player(nodes.get(0).http, nodes.get(0).base()).coldStart(name);
            owners.put(name, node(owner(nodes.get(0), name)));
        }
        Thread keeper = new Thread(() -> { // players on every channel, so that none goes idle
            Player player = new Player(nodes.get(0).http, nodes.get(0).base());
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    for (String name : names) {
                        player.playlist(name);
                    }
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // the next round
                }
            }
        }, "bench-cluster-keeper");
        keeper.setDaemon(true);
        keeper.start();
        try {
            Proc.sleep(3000);
            int connections = 48;
            double seconds = Math.min(5, ctx.seconds());
            Stats one = new Stats();
            Stats three = new Stats();
            Stats oneMany = new Stats();
            Stats threeMany = new Stats();
            String popular = names.get(0);
            Gateway popularOwner = owners.get(popular);
            for (int run = 0; run < ctx.runs(); run++) {
                List<String> path = List.of(newestSegment(popularOwner, popular));
                one.add(requestsPerSecond(List.of(popularOwner), connections, seconds, path));
                path = List.of(newestSegment(popularOwner, popular));
                three.add(requestsPerSecond(nodes, connections / 3, seconds, path));
                List<String> paths = new ArrayList<>();
                for (String name : names) {
                    paths.add(newestSegment(owners.get(name), name));
                }
                oneMany.add(requestsPerSecond(List.of(nodes.get(0)), connections, seconds, paths));
                paths.clear();
                for (String name : names) {
                    paths.add(newestSegment(owners.get(name), name));
                }
                threeMany.add(requestsPerSecond(nodes, connections / 3, seconds, paths));
            }
            ctx.report().row("One popular channel's newest segment, 3 nodes (16 connections each, req/s summed)", "req/s",
                    three, "1 node, its owner (48 connections)", one, Report.Better.HIGHER, null);
            ctx.report().row("9 channels' newest segments in turn, 3 nodes (16 connections each)", "req/s",
                    threeMany, "1 node (48 connections; it owns some, is the edge of the rest)", oneMany,
                    Report.Better.HIGHER, null);
        } finally {
            keeper.interrupt();
            for (String name : names) {
                delete(name);
            }
        }
    }

    private static String newestSegment(Gateway owner, String nickname) throws Exception {
        String playlist = new Player(owner.http, owner.base()).playlist(nickname);
        List<String> segments = Player.segments(playlist == null ? "" : playlist);
        if (segments.isEmpty()) {
            throw new IllegalStateException(nickname + " lists no segment: " + playlist);
        }
        String newest = segments.get(segments.size() - 1);
        return "/hls_gateway/read/" + nickname + "/" + newest.replaceFirst("\\?.*$", "");
    }

    /** wrk against each of {@code targets} at once; the summed rate of 2xx answers. */
    private static double requestsPerSecond(List<Gateway> targets, int connections, double seconds, List<String> paths)
            throws Exception {
        List<Process> runs = new ArrayList<>();
        for (Gateway target : targets) {
            runs.add(Wrk.start(target.port, paths.get(0), connections, seconds, paths.size() > 1 ? paths : null));
        }
        double total = 0;
        for (Process run : runs) {
            Wrk.Result result = Wrk.parse(run);
            total += (result.requests() - result.non2xx() - result.socketErrors()) / result.seconds();
        }
        return total;
    }

    /** SIGKILL of an owner while a player polls a surviving node; the killed node is started again for the next run. */
    private void failover(Camera camera) throws Exception {
        Stats failover = new Stats();
        int runs = Math.min(2, ctx.runs());
        for (int run = 0; run < runs; run++) {
            String nickname = "bench-clfail" + run;
            nodes.get(0).createChannel(nickname, camera.url());
            new Player(nodes.get(0).http, nodes.get(0).base()).coldStart(nickname);
            Gateway owner = node(owner(nodes.get(0), nickname));
            Gateway edge = nodes.stream().filter(n -> n != owner).findFirst().orElseThrow();
            Player player = new Player(edge.http, edge.base());
            String last = null;
            for (int i = 0; i < 30 && last == null; i++) { // the player is on, through the edge
                List<String> segments = Player.segments(String.valueOf(player.playlist(nickname)));
                last = segments.isEmpty() ? null : segments.get(segments.size() - 1);
                Proc.sleep(100);
            }
            List<String> before = Player.segments(String.valueOf(player.playlist(nickname)));
            last = before.isEmpty() ? last : before.get(before.size() - 1); // the newest right before the kill
            long killed = System.nanoTime();
            new ProcessBuilder("kill", "-9", Long.toString(owner.pid())).start().waitFor();
            long resumed = 0;
            while (resumed == 0 && System.nanoTime() - killed < 60_000_000_000L) {
                try {
                    String playlist = player.playlist(nickname);
                    List<String> segments = Player.segments(playlist == null ? "" : playlist);
                    String newest = segments.isEmpty() ? null : segments.get(segments.size() - 1);
                    if (newest != null && !newest.equals(last)
                            && player.segment(nickname, newest.replaceFirst("\\?.*$", "")) == 200) {
                        resumed = System.nanoTime();
                    }
                } catch (IOException e) {
                    // the edge's call to the dead owner
                }
                Proc.sleep(100);
            }
            if (resumed > 0) {
                failover.add(Player.ms(resumed - killed));
                System.out.printf(Locale.ROOT, "cluster failover %d: first new segment %.0f ms after SIGKILL%n", run,
                        Player.ms(resumed - killed));
            }
            delete(nickname);
            int index = nodes.indexOf(owner);
            nodes.set(index, start(index));
            nodes.get(index).awaitReady(300_000);
            camera.awaitNoClients(15_000);
        }
        ctx.report().row("Failover: owner SIGKILL → first new segment at a player on another node", "ms", failover,
                "a cold start asked of the owner (above)", ownerStart, Report.Better.LOWER, null);
    }
}
