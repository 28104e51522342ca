package org.stackbridge.staff.server;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import jakarta.ws.rs.core.SecurityContext;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a Jersey application for Netty requests on a bounded pool of worker threads, never on the event loop: turns a
 * {@link FullHttpRequest} into a {@link ContainerRequest}, hands it to {@link ApplicationHandler#handle} and completes
 * with what {@link StaffResponseWriter} collected. Shared by the staff API and the staff console.
 */
public final class JerseyWorkers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JerseyWorkers.class);

    private final String name;
    private final ThreadPoolExecutor pool;

    /** @param name names the threads ({@code name-1}, ...) and the busy warning */
    public JerseyWorkers(String name, int threads, int queue) {
        this.name = name;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The worker threads, for work that must finish off the engine's threads. */
    public Executor executor() {
        return pool;
    }

    /**
     * Runs {@code request} (already bounded in size; {@code uri} parsed) through {@code app} as {@code security}. Completes
     * with {@code busy} when the queue is full and with {@code late} when no answer came within {@code timeout}.
     */
    public CompletableFuture<FullHttpResponse> handle(ApplicationHandler app, URI base, URI uri, FullHttpRequest request,
                                                      SecurityContext security, Duration timeout, Supplier<FullHttpResponse> busy,
                                                      Supplier<FullHttpResponse> late) {
        ContainerRequest jersey = new ContainerRequest(base, uri, request.method().name(), security, new MapPropertiesDelegate(),
                app.getConfiguration());
        for (Map.Entry<String, String> h : request.headers()) {
            jersey.header(h.getKey(), h.getValue());
        }
        jersey.setEntityStream(new ByteArrayInputStream(ByteBufUtil.getBytes(request.content())));
        StaffResponseWriter writer = new StaffResponseWriter();
        jersey.setWriter(writer);
        try {
            pool.execute(() -> app.handle(jersey));
        } catch (RejectedExecutionException e) {
            LOG.warn("{} busy: {} requests queued", name, pool.getQueue().size());
            return CompletableFuture.completedFuture(busy.get());
        }
        return writer.response().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).exceptionally(e -> late.get());
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        }
    }
}
