package org.stackbridge.staff.server;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.spi.ContainerResponseWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.staff.problem.Problem;

/**
 * Collects what Jersey writes for one request (status, headers, entity) and completes {@link #response()} with a
 * {@link FullHttpResponse} once Jersey commits. Asynchronous resources suspend without a timeout here; the endpoint
 * bounds the whole request instead.
 */
final class StaffResponseWriter implements ContainerResponseWriter {

    private static final Logger LOG = LoggerFactory.getLogger(StaffResponseWriter.class);

    private final CompletableFuture<FullHttpResponse> response = new CompletableFuture<>();
    private ContainerResponse head;
    private ByteArrayOutputStream body;

    CompletableFuture<FullHttpResponse> response() {
        return response;
    }

    @Override
    public synchronized OutputStream writeResponseStatusAndHeaders(long contentLength, ContainerResponse containerResponse) {
        this.head = containerResponse;
        this.body = new ByteArrayOutputStream(contentLength > 0 && contentLength < (1 << 20) ? (int) contentLength : 512);
        return body;
    }

    @Override
    public boolean suspend(long timeOut, TimeUnit timeUnit, TimeoutHandler timeoutHandler) {
        return true;
    }

    @Override
    public void setSuspendTimeout(long timeOut, TimeUnit timeUnit) {
        // the endpoint bounds every request; nothing to arm here
    }

    @Override
    public synchronized void commit() {
        if (response.isDone()) {
            return;
        }
        if (head == null) {
            response.complete(StaffHttpEndpoint.problem(new Problem("about:blank", "Internal Server Error", 500,
                    "The request produced no response.", null, null)));
            return;
        }
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(head.getStatus()),
                Unpooled.wrappedBuffer(body.toByteArray()));
        for (Map.Entry<String, List<String>> h : head.getStringHeaders().entrySet()) {
            out.headers().add(h.getKey(), h.getValue());
        }
        out.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, out.content().readableBytes());
        response.complete(out);
    }

    @Override
    public void failure(Throwable error) {
        LOG.error("staff API response failed", error);
        if (!response.isDone()) {
            response.complete(StaffHttpEndpoint.problem(new Problem("about:blank", "Internal Server Error", 500,
                    "The request failed; the server log has the details.", null, null)));
        }
    }

    @Override
    public boolean enableResponseBuffering() {
        return false;
    }
}
