package org.stackbridge.staff.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.glassfish.jersey.server.ApplicationHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.core.port.CirculationPort;
import org.stackbridge.core.port.ImportJobs;
import org.stackbridge.core.port.TransactionRunner;
import org.stackbridge.staff.StaffServices;
import org.stackbridge.staff.StaffApiSettings;
import org.stackbridge.staff.auth.StaffAuthenticator;
import org.stackbridge.staff.auth.StaffLoginThrottle;
import org.stackbridge.staff.auth.StaffSecurityContext;
import org.stackbridge.staff.auth.StaffSessions;
import org.stackbridge.staff.problem.Problem;
import org.stackbridge.staff.resource.EngineCalls;
import org.stackbridge.staff.resource.IllPartners;

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
    private final JerseyWorkers workers;
    private final StaffSessions sessions;
    private final StaffLoginThrottle throttle;
    private final ApplicationHandler app;
    private final StaffImports imports;
    private final StaffServices services;

    /** Without the gateway's extras: no SIP2 profiles, no live terminal status (tests of the desk calls). */
    public StaffHttpEndpoint(StaffApiSettings settings, CirculationPort port, TransactionRunner storage, Clock clock) {
        this(settings, port, storage, clock, StaffServices.defaults(storage, clock));
    }

    public StaffHttpEndpoint(StaffApiSettings settings, CirculationPort port, TransactionRunner storage, Clock clock,
                             StaffServices services) {
        this(settings, port, storage, clock, services, Duration.ZERO);
    }

    /**
     * {@code tokenCacheFor}: how long a token validated against the database is accepted from memory (the gateway's
     * settings refresh interval); zero reads the database on every request.
     */
    public StaffHttpEndpoint(StaffApiSettings settings, CirculationPort port, TransactionRunner storage, Clock clock,
                             StaffServices services, Duration tokenCacheFor) {
        this.maxBody = settings.maxBodyBytes();
        this.services = services;
        this.imports = new StaffImports(services.importJobs());
        this.workers = new JerseyWorkers("staff-api", settings.workerThreads(), QUEUE);
        this.sessions = new StaffSessions(storage, clock, Duration.ofMinutes(settings.tokenLifetimeMinutes()), settings.maxSessions(),
                tokenCacheFor);
        this.throttle = new StaffLoginThrottle(clock, settings.maxFailedLogins(), Duration.ofMinutes(settings.lockMinutes()),
                settings.maxSessions());
        StaffAuthenticator authenticator = new StaffAuthenticator(storage, sessions, throttle);
        this.app = new ApplicationHandler(new StaffApplication(new EngineCalls(port, workers.executor()), authenticator, sessions, services));
    }

    /** What the resources use beyond the engine; the staff console shares them (one set of ILL partners, ...). */
    public StaffServices services() {
        return services;
    }

    /** The live bearer tokens; for monitoring and tests. */
    public StaffSessions sessions() {
        return sessions;
    }

    /** The failed-login counts; the staff console shares them, so guesses against both count together. */
    public StaffLoginThrottle throttle() {
        return throttle;
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
        return workers.handle(app, BASE, uri, request, StaffSecurityContext.UNAUTHENTICATED, REQUEST_TIMEOUT,
                () -> problem(new Problem("about:blank", "Service Unavailable", 503, "Too many requests at once; try again.", null, null)),
                () -> problem(new Problem("about:blank", "Service Unavailable", 503,
                        "No answer in time; the request may still complete. Retry with the same Idempotency-Key.", null, null)));
    }

    /**
     * {@code GET /api/openapi.json}: the OpenAPI document of the resources this endpoint serves (generated once, on
     * the first call, from the classes Jersey was configured with).
     */
    public CompletionStage<FullHttpResponse> openApi(FullHttpRequest request, String version) {
        if (!request.method().name().equals("GET") && !request.method().name().equals("HEAD")) {
            return CompletableFuture.completedFuture(problem(new Problem("about:blank", "Method Not Allowed", 405,
                    "Only GET is allowed here.", null, null)));
        }
        return CompletableFuture.supplyAsync(() -> {
            byte[] doc = openApiDocument(version);
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(doc));
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
            r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, doc.length);
            return r;
        }, workers.executor());
    }

    private volatile byte[] openApi;

    byte[] openApiDocument(String version) {
        byte[] doc = openApi;
        if (doc == null) {
            doc = StaffOpenApi.json(resourceClasses(), version);
            openApi = doc;
        }
        return doc;
    }

    /** The classes Jersey serves, resources and providers; {@link StaffOpenApi} picks the resources. */
    public java.util.Set<Class<?>> resourceClasses() {
        return app.getConfiguration().getClasses();
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
        workers.close();
    }
}
