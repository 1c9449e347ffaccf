package org.hlsgateway.playback.boundary;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.hlsgateway.config.GatewayConfig;
import org.hlsgateway.database.boundary.DatabaseStatus;
import org.hlsgateway.operations.boundary.GatewayMetrics;

/**
 * The media listener ({@code HLS_MEDIA_PORT}): the same {@code /hls_gateway/read/...} URLs as the container's
 * {@link ReadServlet}, on a port of its own, through Netty's HTTP/1.1 codec instead of the container's per-request
 * path (security providers, CDI request scope, filters). Playlists, parts and segments of running channels are
 * answered on the event loop from memory; whatever may block (a cold start, a database read, a preview) runs on the
 * responder. Every access rule holds: a protected channel needs its signed token here (there are no console
 * sessions on this port), and the same answers, errors and metrics come from {@link MediaAnswers}.
 * Off by default (port 0); the console, the API and the player page stay on the container's port.
 */
@WebListener
public class MediaListener implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(MediaListener.class.getName());
    /** An idle keep-alive connection is closed after this; a blocking reload waits at most a few seconds. */
    static final int IDLE_SECONDS = 60;

    @Inject
    GatewayConfig config;

    @Inject
    MediaAnswers answers;

    @Inject
    Playback playback;

    @Inject
    GatewayMetrics metrics;

    @Inject
    DatabaseStatus database;

    @Resource
    ManagedThreadFactory threads;

    private EventLoopGroup loops;
    private Channel server;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        if (config.mediaPort() == 0) {
            return;
        }
        AtomicInteger count = new AtomicInteger();
        ThreadFactory named = task -> {
            Thread thread = threads.newThread(task);
            thread.setName("hls-media-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        loops = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(), named, io);
        MediaHandler.Shared shared = new MediaHandler.Shared(answers, playback, metrics, database,
                event.getServletContext().getContextPath() + "/read", config.allowOrigin());
        try {
            server = new ServerBootstrap().group(loops).channel(channel)
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .option(ChannelOption.SO_REUSEADDR, true) // a redeployment binds again at once
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    // a connection stops reading requests while over 1 MB of its answers wait to be sent
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new IdleStateHandler(0, 0, IDLE_SECONDS),
                                    new HttpServerCodec(4096, 8192, 8192), new MediaHandler(shared));
                        }
                    })
                    .bind(config.mediaAddress(), config.mediaPort()).sync().channel();
        } catch (Exception e) { // a port in use: the deployment fails, saying which setting to change
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException("the media listener cannot listen on " + config.mediaAddress() + ":"
                    + config.mediaPort() + " (HLS_MEDIA_ADDRESS, HLS_MEDIA_PORT): " + e, e);
        }
        LOG.info(() -> "media listener on " + server.localAddress() + " (" + (epoll ? "epoll" : "NIO") + ", "
                + Runtime.getRuntime().availableProcessors() + " event loops)");
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        if (loops != null) {
            loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
