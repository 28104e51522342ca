package org.stackbridge.staff.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.core.port.CirculationPort;
import org.stackbridge.core.port.ImportJobs;
import org.stackbridge.core.port.TransactionRunner;
import org.stackbridge.staff.StaffApiSettings;
import org.stackbridge.staff.auth.StaffAuthenticator;
import org.stackbridge.staff.auth.StaffLoginThrottle;
import org.stackbridge.staff.auth.StaffSecurityContext;
import org.stackbridge.staff.auth.StaffSessions;
import org.stackbridge.staff.problem.Problem;
import org.stackbridge.staff.resource.EngineCalls;

/**
 * The staff API on the gateway's HTTP port: turns a Netty {@link FullHttpRequest} into a Jersey
 * {@link ContainerRequest}, runs {@link ApplicationHandler#handle} on a bounded worker pool (never on the event loop)
 * and answers with what {@link StaffResponseWriter} collected. Its {@code handle} method is an {@code HttpEndpoint}.
 */
public final class StaffHttpEndpoint implements AutoCloseable {

    public static final String PATH = "/api/v1";
    /** The import jobs' path, whose uploads may exceed the API's usual body limit. */
    public static final String IMPORTS = PATH + "/imports";
    private static final Logger LOG = LoggerFactory.getLogger(StaffHttpEndpoint.class);
    private static final ObjectMapper JSON = StaffJson.mapper();
    private static final URI BASE = URI.create("http://localhost" + PATH + "/");
    private static final int QUEUE = 512;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final int maxBody;
    private final ThreadPoolExecutor workers;
    private final StaffSessions sessions;
    private final ApplicationHandler app;
    private final StaffImports imports;

    public StaffHttpEndpoint(StaffApiSettings settings, CirculationPort port, TransactionRunner storage, Clock clock) {
        this(settings, port, storage, clock, null);
    }

    /** With import jobs behind {@code /api/v1/imports} (whose bodies may be up to {@link ImportJobs#maxBodyBytes()}). */
    public StaffHttpEndpoint(StaffApiSettings settings, CirculationPort port, TransactionRunner storage, Clock clock, ImportJobs importJobs) {
        this.maxBody = settings.maxBodyBytes();
        this.imports = new StaffImports(importJobs);
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(settings.workerThreads(), settings.workerThreads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), r -> {
                    Thread t = new Thread(r, "staff-api-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.sessions = new StaffSessions(clock, Duration.ofMinutes(settings.tokenLifetimeMinutes()), settings.maxSessions());
        StaffLoginThrottle throttle = new StaffLoginThrottle(clock, settings.maxFailedLogins(), Duration.ofMinutes(settings.lockMinutes()),
                settings.maxSessions());
        StaffAuthenticator authenticator = new StaffAuthenticator(storage, sessions, throttle);
        this.app = new ApplicationHandler(new StaffApplication(new EngineCalls(port, workers), authenticator, sessions, imports));
    }

    /** The live bearer tokens; for monitoring and tests. */
    public StaffSessions sessions() {
        return sessions;
    }

    public CompletionStage<FullHttpResponse> handle(FullHttpRequest request, InetSocketAddress remote) {
        if (request.content().readableBytes() > maxBody(request.uri())) {
            return CompletableFuture.completedFuture(tooLargeResponse(maxBody(request.uri())));
        }
        URI uri;
        try {
            uri = new URI("http://localhost" + request.uri()).normalize();
        } catch (URISyntaxException e) {
            return CompletableFuture.completedFuture(badRequestResponse());
        }
        ContainerRequest jersey = new ContainerRequest(BASE, uri, request.method().name(), StaffSecurityContext.UNAUTHENTICATED, new MapPropertiesDelegate(),
                app.getConfiguration());
        for (Map.Entry<String, String> h : request.headers()) {
            jersey.header(h.getKey(), h.getValue());
        }
        jersey.setEntityStream(new ByteArrayInputStream(ByteBufUtil.getBytes(request.content())));
        StaffResponseWriter writer = new StaffResponseWriter();
        jersey.setWriter(writer);
        try {
            workers.execute(() -> app.handle(jersey));
        } catch (RejectedExecutionException e) {
            LOG.warn("staff API busy: {} requests queued", workers.getQueue().size());
            return CompletableFuture.completedFuture(problem(new Problem("about:blank", "Service Unavailable", 503,
                    "Too many requests at once; try again.", null, null)));
        }
        return writer.response().orTimeout(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .exceptionally(timeout -> problem(new Problem("about:blank", "Service Unavailable", 503,
                        "No answer in time; the request may still complete. Retry with the same Idempotency-Key.", null, null)));
    }

    /** The largest body a request to {@code uri} may carry: import uploads have their own limit. */
    public long maxBody(String uri) {
        return uri.equals(IMPORTS) || uri.startsWith(IMPORTS + "?") || uri.startsWith(IMPORTS + "/")
                ? Math.max(maxBody, imports.maxBodyBytes()) : maxBody;
    }

    /** 413 for a body over the limit (also used by the HTTP server for bodies it drains). */
    public FullHttpResponse tooLargeResponse() {
        return tooLargeResponse(maxBody);
    }

    private FullHttpResponse tooLargeResponse(long limit) {
        return problem(new Problem("about:blank", "Content Too Large", 413,
                "The request body is larger than " + limit + " bytes.", null, null));
    }

    public FullHttpResponse badRequestResponse() {
        return problem(new Problem("about:blank", "Bad Request", 400, "The HTTP request is malformed.", null, null));
    }

    static FullHttpResponse problem(Problem p) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(p);
        } catch (JsonProcessingException e) {
            bytes = ("{\"title\":\"Internal Server Error\",\"status\":500}").getBytes(StandardCharsets.UTF_8);
        }
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(p.status()),
                Unpooled.wrappedBuffer(bytes));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        return r;
    }

    @Override
    public void close() {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
    }
}
