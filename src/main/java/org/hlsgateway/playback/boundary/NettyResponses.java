package org.hlsgateway.playback.boundary;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.hlsgateway.playback.control.HlsFile;
import org.hlsgateway.security.boundary.SecurityFilter;

/**
 * The media listener's HTTP answers: a gateway answer (a JAX-RS {@link Response}, as the servlet sends it) as a
 * Netty response, with the headers every answer of the main port carries too (SecurityFilter's, ReadServlet's CORS).
 */
final class NettyResponses {

    private static final AsciiString NOSNIFF = AsciiString.cached("nosniff");
    private static final AsciiString DENY = AsciiString.cached("DENY");
    private static final AsciiString SAME_ORIGIN = AsciiString.cached("same-origin");
    private static final AsciiString POLICY = AsciiString.cached(SecurityFilter.STRICT);
    private static final AsciiString EXPOSED = AsciiString.cached("Content-Length");
    private static final AsciiString REFERRER_POLICY = AsciiString.cached("Referrer-Policy");
    private static final AsciiString CONTENT_TYPE_OPTIONS = AsciiString.cached("X-Content-Type-Options");

    /**
     * No validation of the headers we set: every name and value is the gateway's own (types, cache rules,
     * {@code Retry-After}, {@code Allow}), never a request's; the codec still validates what players send.
     */
    private static final HttpHeadersFactory OURS = DefaultHttpHeadersFactory.headersFactory().withValidation(false);

    private final AsciiString allowOrigin;

    NettyResponses(String allowOrigin) {
        this.allowOrigin = AsciiString.of(allowOrigin);
    }

    /** {@code answer} whole; no body for HEAD, its length all the same. */
    FullHttpResponse full(Response answer, boolean keepAlive, boolean head) {
        Object entity = answer.getEntity();
        byte[] body = entity == null ? new byte[0]
                : entity instanceof byte[] bytes ? bytes : entity.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuf content = head || body.length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(answer.getStatus()), content, OURS, OURS);
        HttpHeaders headers = response.headers();
        common(headers);
        for (Map.Entry<String, List<Object>> header : answer.getHeaders().entrySet()) {
            for (Object value : header.getValue()) {
                headers.add(header.getKey(), value.toString());
            }
        }
        if (!headers.contains(HttpHeaderNames.CONTENT_TYPE) && answer.getMediaType() != null) {
            headers.set(HttpHeaderNames.CONTENT_TYPE, answer.getMediaType().toString());
        }
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        HttpUtil.setKeepAlive(response, keepAlive);
        return response;
    }

    /** The head of a segment file's answer; its body follows as a file region. */
    HttpResponse fileHead(HlsFile file, long size, boolean keepAlive) {
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, OURS);
        HttpHeaders headers = response.headers();
        common(headers);
        headers.set(HttpHeaderNames.CONTENT_TYPE, file.kind().contentType());
        headers.set(HttpHeaderNames.CACHE_CONTROL, file.kind().cacheControl());
        HttpUtil.setContentLength(response, size);
        HttpUtil.setKeepAlive(response, keepAlive);
        return response;
    }

    /** A CORS preflight's answer, as ReadServlet gives it. */
    FullHttpResponse preflight(boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT,
                Unpooled.EMPTY_BUFFER, OURS, OURS);
        common(response.headers());
        response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, OPTIONS")
                .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "Range")
                .set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, "86400");
        HttpUtil.setKeepAlive(response, keepAlive);
        return response;
    }

    private void common(HttpHeaders headers) {
        headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, allowOrigin);
        headers.set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED);
        headers.set(CONTENT_TYPE_OPTIONS, NOSNIFF);
        headers.set(HttpHeaderNames.X_FRAME_OPTIONS, DENY);
        headers.set(REFERRER_POLICY, SAME_ORIGIN);
        headers.set(HttpHeaderNames.CONTENT_SECURITY_POLICY, POLICY);
    }
}
