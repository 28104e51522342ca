package org.stackbridge.ncip.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.internal.ThreadExecutorMap;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.core.port.CirculationPort;
import org.stackbridge.ncip.config.NcipSettings;
import org.stackbridge.ncip.mapping.NcipProblems;
import org.stackbridge.ncip.service.NcipDispatcher;

/**
 * The NCIP endpoint as a function from an HTTP request to an HTTP response, for any Netty HTTP server (the
 * gateway's, or {@link NcipHttpServer}). The body is copied on the calling thread, so the caller may release
 * the request as soon as this returns. Small messages are parsed and answered on the event loop (pure CPU work,
 * microseconds), large ones on a bounded worker pool; engine calls are asynchronous and never block the caller.
 * Every error answer is NCIP XML.
 */
public final class NcipHttpHandler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NcipHttpHandler.class);
    private static final int QUEUE = 1024;
    /** How long an answer may take before the partner gets Temporary Processing Failure (brokers retry). */
    static final long TIMEOUT_SECONDS = 30;
    /** Bodies up to this size are parsed on the event loop (a typical NCIP message is 1-3 KB; parsing one takes microseconds). */
    static final int INLINE_PARSE_BYTES = 16 * 1024;

    /** Replaced whole by {@link #reconfigure}; a request reads it once. */
    private volatile NcipSettings settings;
    private volatile NcipDispatcher dispatcher;
    private final CirculationPort port;
    private final MeterRegistry meters;
    private final NcipTrace trace;
    private final ThreadPoolExecutor workers;
    // fixed answers, written once here so the event loop never marshals XML
    private final byte[] notFound = body(NcipProblems.UNSUPPORTED_SERVICE, "No NCIP endpoint at this path");
    private final byte[] health = body(NcipProblems.NEEDED_DATA_MISSING, "Stackbridge NCIP responder is up; POST an NCIP message here");
    private final byte[] wrongMethod = body("Protocol Error", "Use POST");
    private final byte[] tooLarge;
    private final byte[] empty = body("Invalid Message Syntax Error", "Empty message");
    private final byte[] busy = body(NcipProblems.TEMPORARY_FAILURE, "Server busy; please retry");
    private final byte[] timedOut = body(NcipProblems.TEMPORARY_FAILURE, "Timed out; please retry");
    private final byte[] failed = body(NcipProblems.TEMPORARY_FAILURE, "Temporary processing failure");

    public NcipHttpHandler(NcipSettings settings, CirculationPort port, MeterRegistry meters) {
        this.settings = settings;
        this.tooLarge = body("Protocol Error", "Message larger than " + settings.maxBodyBytes() + " bytes");
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(settings.workerThreads(), settings.workerThreads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), r -> {
                    Thread t = new Thread(r, "ncip-xml-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        this.port = port;
        this.meters = meters;
        this.dispatcher = new NcipDispatcher(settings, port, meters, workers);
        this.trace = new NcipTrace(() -> this.settings); // a reload changes the agencies it knows
    }

    /** The per-agency trace switches of this handler (this node). */
    public NcipTrace trace() {
        return trace;
    }

    /**
     * Serves the partner agencies, library map, defaults and open mode of {@code next} from the next request on
     * (requests under way finish with the settings they started with). The path, body limit, worker threads and read
     * timeout are fixed at start: {@code next} must keep them.
     *
     * @throws IllegalArgumentException naming the setting that only a restart can change
     */
    public void reconfigure(NcipSettings next) {
        NcipSettings now = settings;
        if (!now.path().equals(next.path())) {
            throw new IllegalArgumentException("ncip.path needs a restart");
        }
        if (!now.maxBodyBytes().equals(next.maxBodyBytes())) {
            throw new IllegalArgumentException("ncip.max-body-bytes needs a restart");
        }
        if (!now.workerThreads().equals(next.workerThreads())) {
            throw new IllegalArgumentException("ncip.worker-threads needs a restart");
        }
        if (!now.readTimeoutSeconds().equals(next.readTimeoutSeconds())) {
            throw new IllegalArgumentException("ncip.read-timeout-seconds needs a restart");
        }
        NcipDispatcher d = new NcipDispatcher(next, port, meters, workers);
        this.dispatcher = d;
        this.settings = next;
        LOG.info("NCIP settings reloaded: {} agencies", next.agencies().size());
    }

    public NcipSettings settings() {
        return settings;
    }

    /** Whether this handler serves the request's path (the configured path or a partner's own path). */
    public boolean serves(String uri) {
        return settings.servesPath(new QueryStringDecoder(uri).path());
    }

    /**
     * Answers a request; called on the connection's event loop, whose executor Netty knows, or on any thread
     * (then all XML work runs on the worker pool).
     */
    public CompletionStage<FullHttpResponse> handle(FullHttpRequest request, InetSocketAddress remote) {
        return handle(request, remote, ThreadExecutorMap.currentExecutor());
    }

    /**
     * Answers a request that arrived on {@code loop} (may be null). A small body is parsed right here on the event
     * loop and a small answer written there: both are short CPU work, cheaper than two thread hand-offs. Larger
     * bodies (over {@link #INLINE_PARSE_BYTES}) and answers that grow with the data go to the worker pool.
     * Engine calls are asynchronous, so nothing here blocks.
     */
    public CompletionStage<FullHttpResponse> handle(FullHttpRequest request, InetSocketAddress remote, EventExecutor loop) {
        String path = new QueryStringDecoder(request.uri()).path();
        NcipSettings settings = this.settings;
        NcipDispatcher dispatcher = this.dispatcher;
        if (!settings.servesPath(path)) {
            return done(xml(HttpResponseStatus.NOT_FOUND, notFound));
        }
        if (HttpMethod.GET.equals(request.method()) || HttpMethod.HEAD.equals(request.method())) {
            // partners' connection tests
            return done(xml(HttpResponseStatus.OK, health));
        }
        if (!HttpMethod.POST.equals(request.method())) {
            FullHttpResponse r = xml(HttpResponseStatus.METHOD_NOT_ALLOWED, wrongMethod);
            r.headers().set(HttpHeaderNames.ALLOW, "POST, GET");
            return done(r);
        }
        int length = request.content().readableBytes();
        if (length > settings.maxBodyBytes()) {
            return done(tooLargeResponse());
        }
        if (length == 0) {
            return done(xml(HttpResponseStatus.OK, empty));
        }
        byte[] body = ByteBufUtil.getBytes(request.content());
        String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE, "").toLowerCase(Locale.ROOT);
        InetAddress address = remote == null ? null : remote.getAddress();
        boolean onLoop = loop != null && loop.inEventLoop();
        Executor smallAnswers = onLoop ? loop : workers;
        CompletableFuture<FullHttpResponse> answer = new CompletableFuture<>();
        Runnable work = () -> {
            try {
                byte[] xml = contentType.startsWith("application/x-www-form-urlencoded") ? formField(body) : body;
                NcipTrace.Exchange traced = trace.request(xml, path, remote);
                dispatcher.handle(xml, address, path, smallAnswers).whenComplete((bytes, error) -> {
                    if (error != null) {
                        LOG.error("NCIP request failed", error);
                    }
                    byte[] out = error != null ? failed : bytes;
                    if (traced != null) {
                        traced.answer(out);
                    }
                    answer.complete(xml(HttpResponseStatus.OK, out));
                });
            } catch (RuntimeException e) {
                LOG.error("NCIP request failed", e);
                answer.complete(xml(HttpResponseStatus.OK, failed));
            }
        };
        if (onLoop && length <= INLINE_PARSE_BYTES) {
            work.run();
        } else {
            try {
                workers.execute(work);
            } catch (RejectedExecutionException e) {
                FullHttpResponse r = xml(HttpResponseStatus.SERVICE_UNAVAILABLE, busy);
                r.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
                return done(r);
            }
        }
        if (answer.isDone()) {
            return answer;
        }
        if (onLoop) {
            // the loop's own timer: no lock, no extra thread (CompletableFuture's delayer costs both per request)
            ScheduledFuture<?> timer = loop.schedule(() -> answer.complete(xml(HttpResponseStatus.OK, timedOut)), TIMEOUT_SECONDS, TimeUnit.SECONDS);
            answer.whenComplete((r, e) -> timer.cancel(false));
            return answer;
        }
        return answer.completeOnTimeout(xml(HttpResponseStatus.OK, timedOut), TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** The XML of a form post ({@code xml=} or {@code XForms:Model=}), as some clients send it. */
    private static byte[] formField(byte[] body) {
        QueryStringDecoder form = new QueryStringDecoder(new String(body, StandardCharsets.UTF_8), StandardCharsets.UTF_8, false, 64);
        for (String name : List.of("xml", "XForms:Model", "NCIPMessage")) {
            List<String> v = form.parameters().get(name);
            if (v != null && !v.isEmpty()) {
                return v.get(0).getBytes(StandardCharsets.UTF_8);
            }
        }
        return body;
    }

    /** 413 with an NCIP Problem, for the pipeline's aggregator. */
    public FullHttpResponse tooLargeResponse() {
        return xml(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, tooLarge);
    }

    /** A temporary-failure answer, for the pipeline. */
    public FullHttpResponse failureResponse() {
        return xml(HttpResponseStatus.OK, failed);
    }

    /** A fixed answer for malformed HTTP, for the pipeline. */
    public FullHttpResponse badRequestResponse() {
        return xml(HttpResponseStatus.BAD_REQUEST, badRequest);
    }

    private final byte[] badRequest = body("Protocol Error", "Malformed HTTP request");

    private static byte[] body(String type, String detail) {
        String scheme = "Invalid Message Syntax Error".equals(type) || "Protocol Error".equals(type) ? NcipProblems.MESSAGING : NcipProblems.GENERAL;
        return NcipDispatcher.messageProblem(NcipProblems.problem(scheme, type, detail, null, null));
    }

    static FullHttpResponse xml(HttpResponseStatus status, byte[] bytes) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/xml; charset=UTF-8");
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        r.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        return r;
    }

    private static CompletionStage<FullHttpResponse> done(FullHttpResponse r) {
        return CompletableFuture.completedFuture(r);
    }

    @Override
    public void close() {
        workers.shutdown();
    }
}
