package org.hlsgateway.playback.boundary;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import jakarta.ws.rs.core.Response;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hlsgateway.api.DatabaseAnswers;
import org.hlsgateway.api.ErrorResponses;
import org.hlsgateway.database.boundary.DatabaseStatus;
import org.hlsgateway.operations.boundary.GatewayMetrics;
import org.hlsgateway.playback.boundary.AsyncAnswer.Deferred;

/**
 * One connection of the {@link MediaListener}: HTTP/1.1 requests, answered in order. While an answer waits (a
 * blocking reload, the preload-hinted part, a cold start) the connection reads nothing more, so that pipelined
 * requests cannot overtake it; no thread waits with it. Errors are the gateway's JSON, never a stack trace.
 */
final class MediaHandler extends SimpleChannelInboundHandler<HttpObject> {

    private static final Logger LOG = Logger.getLogger(MediaHandler.class.getName());
    /** What every connection of one listener shares. */
    record Shared(MediaAnswers answers, Playback playback, GatewayMetrics metrics, DatabaseStatus database,
                  String readPrefix, String allowOrigin) {
    }

    private final Shared shared;
    private final NettyResponses responses;
    /** The timer of the answer this connection waits for; null when none waits. */
    private volatile ScheduledFuture<?> waiting;
    /**
     * True from a request's start to its answer, wherever the answer is computed (a cold start runs on the responder
     * threads): neither a writability change nor the idle timer may then resume reading or close the connection,
     * so a pipelined request can never overtake the one before it.
     */
    private volatile boolean answering;

    MediaHandler(Shared shared) {
        this.shared = shared;
        this.responses = new NettyResponses(shared.allowOrigin());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject message) {
        if (!(message instanceof HttpRequest request)) {
            return; // a body (none is expected) or its end
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (request.decoderResult().isFailure()) {
            send(ctx, ErrorResponses.of(Response.Status.BAD_REQUEST, "malformed HTTP request"), false, false);
            return;
        }
        HttpMethod method = request.method();
        if (method == HttpMethod.OPTIONS) {
            preflight(ctx, keepAlive);
            return;
        }
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            Response refused = Response.fromResponse(ErrorResponses.of(Response.Status.METHOD_NOT_ALLOWED,
                    "method " + method.name() + " is not allowed here; use GET")).header("Allow", "GET, HEAD, OPTIONS").build();
            send(ctx, refused, keepAlive, false);
            return;
        }
        boolean head = method == HttpMethod.HEAD;
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String path = uri.path();
        if (!path.startsWith(shared.readPrefix() + "/")) {
            send(ctx, ErrorResponses.of(Response.Status.NOT_FOUND, "the media port serves " + shared.readPrefix()
                    + "/{nickname}/{file} only; the console and the API are on the gateway's main port"), keepAlive, head);
            return;
        }
        ReadTarget target = ReadTarget.of(path.substring(shared.readPrefix().length()));
        if (target.error() != null) {
            send(ctx, target.error(), keepAlive, head);
            return;
        }
        answering = true;
        MediaRequest player = new MediaRequest(uri.parameters(), address(ctx), request.headers());
        String token = player.parameter("token");
        if (target.segmentFile()) {
            segmentFile(ctx, target, token, player, keepAlive, head);
        } else if (shared.answers().mayBlock(target.nickname(), target.file())) {
            ctx.channel().config().setAutoRead(false); // resumed once answered
            shared.playback().responder().execute(() ->
                    answer(ctx, () -> shared.answers().answer(target.nickname(), target.file(), token, player), keepAlive, head));
        } else {
            answer(ctx, () -> shared.answers().answer(target.nickname(), target.file(), token, player), keepAlive, head);
        }
    }

    /** Computes the answer (never throws to Netty) and sends it now or once its future completes. */
    private void answer(ChannelHandlerContext ctx, java.util.function.Supplier<Deferred> computed, boolean keepAlive,
                        boolean head) {
        Deferred deferred;
        try {
            deferred = computed.get();
        } catch (RuntimeException e) {
            send(ctx, failure(e), keepAlive, head);
            return;
        }
        if (deferred.now() != null) {
            send(ctx, deferred.now(), keepAlive, head);
            return;
        }
        ctx.channel().config().setAutoRead(false);
        AtomicBoolean answered = new AtomicBoolean();
        ScheduledFuture<?> timer = ctx.executor().schedule(() -> {
            if (answered.compareAndSet(false, true)) {
                send(ctx, deferred.onTimeout(), keepAlive, head);
            }
        }, deferred.timeoutMillis(), TimeUnit.MILLISECONDS);
        waiting = timer;
        deferred.later().whenComplete((answer, error) -> {
            if (!answered.compareAndSet(false, true)) {
                return; // timed out, or the player went away
            }
            timer.cancel(false);
            if (error != null) {
                LOG.log(Level.WARNING, "could not answer a waiting player", error);
            }
            send(ctx, error == null ? answer : ErrorResponses.of(Response.Status.INTERNAL_SERVER_ERROR,
                    "internal error; the server log has the details"), keepAlive, head);
        });
    }

    /** A segment file of an MPEG-TS channel, sent by the kernel (sendfile) when the transport allows. */
    private void segmentFile(ChannelHandlerContext ctx, ReadTarget target, String token, MediaRequest player,
                             boolean keepAlive, boolean head) {
        Playback.SegmentAnswer answer;
        try {
            answer = shared.playback().segment(target.nickname(), target.file().name(), token, player);
        } catch (RuntimeException e) {
            send(ctx, failure(e), keepAlive, head);
            return;
        }
        if (answer.answer() != null) {
            send(ctx, answer.answer(), keepAlive, head);
            return;
        }
        RandomAccessFile file;
        long size;
        try {
            file = new RandomAccessFile(answer.file().toFile(), "r");
            size = file.length();
        } catch (FileNotFoundException e) {
            send(ctx, Playback.gone(target.file().name()), keepAlive, head);
            return;
        } catch (IOException e) {
            send(ctx, failure(new java.io.UncheckedIOException(e)), keepAlive, head);
            return;
        }
        ctx.write(responses.fileHead(target.file(), size, keepAlive));
        if (head) {
            close(file);
        } else {
            shared.metrics().served(size);
            ctx.write(new DefaultFileRegion(file.getChannel(), 0, size));
        }
        done(ctx, ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT), keepAlive);
    }

    /** Writes {@code answer} (from any thread) and reads the connection's next request, or closes it. */
    private void send(ChannelHandlerContext ctx, Response answer, boolean keepAlive, boolean head) {
        done(ctx, ctx.writeAndFlush(responses.full(answer, keepAlive, head)), keepAlive);
    }

    private void done(ChannelHandlerContext ctx, ChannelFuture written, boolean keepAlive) {
        waiting = null;
        answering = false;
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        } else if (!ctx.channel().config().isAutoRead() && ctx.channel().isWritable()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    /**
     * A player that asks faster than it reads what it asked for: its next request waits until its answers have gone
     * out (the listener's write buffer mark), so that no connection piles answers up in memory.
     */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (!answering) {
            ctx.channel().config().setAutoRead(ctx.channel().isWritable());
        }
        super.channelWritabilityChanged(ctx);
    }

    private void preflight(ChannelHandlerContext ctx, boolean keepAlive) {
        done(ctx, ctx.writeAndFlush(responses.preflight(keepAlive)), keepAlive);
    }

    private Response failure(RuntimeException e) {
        if (shared.database().unavailable(e)) { // a cold channel never read since the start
            return DatabaseAnswers.unavailable();
        }
        LOG.log(Level.SEVERE, "serving a media request", e);
        return ErrorResponses.of(Response.Status.INTERNAL_SERVER_ERROR, "internal error; the server log has the details");
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent && !answering) {
            ctx.close(); // an idle keep-alive connection
        } else {
            super.userEventTriggered(ctx, event);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        ScheduledFuture<?> timer = waiting;
        if (timer != null) {
            timer.cancel(false);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(Level.FINE, "a media connection failed", cause); // a player that went away
        ctx.close();
    }

    private static void close(RandomAccessFile file) {
        try {
            file.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing a segment file", e);
        }
    }

    private static String address(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress peer && peer.getAddress() != null
                ? peer.getAddress().getHostAddress() : null;
    }
}
