package org.hlsgateway.bench;

import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One public LL-HLS channel on the test camera, live in a gateway started with {@code HLS_LL=true}, kept live by a
 * viewer that reads its playlist every 500 ms while the LL sections measure it.
 */
final class LiveLlChannel implements AutoCloseable {

    final Gateway gateway;
    final String nickname;
    /** The port players use here: the media listener's when the gateway has one, else the container's. */
    final int playerPort;
    private final ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor();
    private final Http1 viewer;
    private final Http1 mine;

    private LiveLlChannel(Gateway gateway, String nickname, int playerPort) {
        this.gateway = gateway;
        this.nickname = nickname;
        this.playerPort = playerPort;
        this.viewer = new Http1(gateway.port, 30_000, "bench-keepalive");
        this.mine = new Http1(gateway.port, 30_000, "bench-llserving");
    }

    /** Creates the channel, starts it, and waits until its playlist lists {@code segments} whole segments. */
    static LiveLlChannel open(Gateway gateway, Camera camera, String nickname, int segments, int playerPort)
            throws Exception {
        gateway.createChannel(nickname, camera.url());
        LiveLlChannel channel = new LiveLlChannel(gateway, nickname, playerPort);
        channel.keepAlive.scheduleWithFixedDelay(() -> {
            try {
                channel.viewer.get(channel.path("index.m3u8"));
            } catch (IOException | RuntimeException e) {
                // next time
            }
        }, 0, 500, TimeUnit.MILLISECONDS);
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            Http1.Answer answer = channel.get("index.m3u8");
            if (answer.status() == 200 && LlPlaylist.parse(answer.text()).segments.size() >= segments) {
                return channel;
            }
            if (System.currentTimeMillis() > deadline) {
                channel.close();
                throw new IllegalStateException(nickname + " lists no " + segments + " segments within 60 s: "
                        + answer.status() + " " + answer.text());
            }
            Proc.sleep(250);
        }
    }

    String path(String file) {
        return "/hls_gateway/read/" + nickname + "/" + file;
    }

    /** A GET on the harness's own connection (one caller at a time). */
    synchronized Http1.Answer get(String file) throws IOException {
        return mine.get(path(file));
    }

    synchronized LlPlaylist playlist() throws IOException {
        Http1.Answer answer = get("index.m3u8");
        if (answer.status() != 200) {
            throw new IllegalStateException("playlist answered " + answer.status() + ": " + answer.text());
        }
        return LlPlaylist.parse(answer.text());
    }

    @Override
    public void close() {
        keepAlive.shutdownNow();
        try {
            keepAlive.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        viewer.close();
        mine.close();
    }
}
