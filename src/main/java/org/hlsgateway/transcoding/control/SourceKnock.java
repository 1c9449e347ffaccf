package org.hlsgateway.transcoding.control;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.Optional;

/**
 * Knocks at a TCP source's port without FFmpeg: a non-blocking connect, looked at on the next
 * knock (a connect still pending by then counts as no answer). Tells when the port accepts again
 * after it refused, so that a watched channel restarts as soon as its camera is back. Not thread-safe:
 * one channel's restart wait uses it.
 */
final class SourceKnock implements AutoCloseable {

    private static final Map<String, Integer> TCP_PORTS = Map.of("rtsp", 554, "rtsps", 322, "rtmp", 1935,
            "rtmps", 443, "http", 80, "https", 443);

    private final InetSocketAddress address;
    private SocketChannel pending;
    private boolean refused;

    SourceKnock(InetSocketAddress address) {
        this.address = address;
    }

    /** A knock for a source reached over TCP; empty for UDP, files, and hosts that do not resolve. */
    static Optional<SourceKnock> of(String url) {
        Integer defaultPort = TCP_PORTS.get(SourceUrl.scheme(url));
        if (defaultPort == null) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(url);
            if (uri.getHost() == null) {
                return Optional.empty();
            }
            InetSocketAddress address = new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? defaultPort : uri.getPort());
            return address.isUnresolved() ? Optional.empty() : Optional.of(new SourceKnock(address));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Knocks once; true when the port accepted a connection after it had refused (or not answered) before. */
    boolean backAfterRefusal() {
        boolean accepted;
        try {
            if (pending == null) {
                pending = SocketChannel.open();
                pending.configureBlocking(false);
                accepted = pending.connect(address);
            } else {
                accepted = pending.finishConnect();
                if (!accepted) { // no answer since the last knock: as good as refused, knock anew
                    refused = true;
                    close();
                    return false;
                }
            }
        } catch (IOException e) {
            refused = true;
            close();
            return false;
        }
        if (!accepted) {
            return false; // look again at the next knock
        }
        close();
        boolean back = refused;
        refused = false;
        return back;
    }

    /** Closes a connect still pending; what the knocks saw so far is kept for the next ones. */
    @Override
    public void close() {
        if (pending != null) {
            try {
                pending.close();
            } catch (IOException ignored) {
                // nothing was sent
            }
            pending = null;
        }
    }
}
