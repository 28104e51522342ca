package org.stackbridge.gateway.admin;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.core.port.TransactionRunner;

/**
 * {@code /health/live} and {@code /health/ready}, for a load balancer, systemd or a container runtime.
 * <ul>
 * <li>{@code /health/live}: 200 while the process answers HTTP at all (a supervisor restarts it when this fails).</li>
 * <li>{@code /health/ready}: 200 when the gateway can serve: every protocol listener bound, the database answering a
 * read, the catalogue index open, and no start-up work pending (the demo library still loading); otherwise 503 with
 * each check's state and a {@code reason} naming what is not ready.</li>
 * </ul>
 * The answer never waits for the database longer than {@link #DATABASE_BUDGET}: a database that hangs (stopped, a
 * network black hole) makes the check say so instead of making the caller time out. At most one database probe runs at
 * a time; while one hangs, later checks wait on the same probe, so a hung database does not pile up reads.
 */
public final class HealthChecks {

    /** How long a readiness check waits for the database's answer; the whole answer stays well within a second. */
    public static final Duration DATABASE_BUDGET = Duration.ofMillis(700);
    public static final String LIVE = "/health/live";
    public static final String READY = "/health/ready";
    private static final Logger LOG = LoggerFactory.getLogger(HealthChecks.class);
    private static final String UP = "UP";

    private final TransactionRunner storage;
    private final Supplier<List<String>> unboundListeners;
    private final BooleanSupplier indexOpen;
    private final StartupTasks startup;
    private CompletableFuture<String> probe;
    private volatile String lastDatabase = UP;

    /**
     * @param unboundListeners the listeners that are not bound (empty when all are)
     * @param indexOpen        whether the catalogue index is open
     * @param startup          work that must finish before the gateway is ready
     */
    public HealthChecks(TransactionRunner storage, Supplier<List<String>> unboundListeners, BooleanSupplier indexOpen,
                        StartupTasks startup) {
        this.storage = storage;
        this.unboundListeners = unboundListeners;
        this.indexOpen = indexOpen;
        this.startup = startup;
    }

    public void mountOn(AdminHttpServer server) {
        server.mount(LIVE, (req, remote) -> CompletableFuture.completedFuture(AdminApi.json(HttpResponseStatus.OK, body(UP, Map.of()))));
        server.mount(READY, this::ready);
    }

    private CompletionStage<FullHttpResponse> ready(FullHttpRequest req, InetSocketAddress remote) {
        return database().thenApply(db -> {
            Map<String, String> checks = new LinkedHashMap<>();
            List<String> unbound = unboundListeners.get();
            checks.put("listeners", unbound.isEmpty() ? UP : "DOWN: not bound: " + String.join(", ", unbound));
            checks.put("database", db);
            checks.put("catalogue_index", indexOpen.getAsBoolean() ? UP : "DOWN: closed (see the log; `stackbridge index rebuild` repairs it)");
            List<String> pending = startup.pending();
            checks.put("startup", pending.isEmpty() ? UP : "PENDING: " + String.join(", ", pending));
            boolean ready = checks.values().stream().allMatch(UP::equals);
            Map<String, Object> body = body(ready ? UP : "DOWN", checks);
            if (!ready) {
                body.put("reason", String.join("; ", checks.entrySet().stream().filter(e -> !e.getValue().equals(UP))
                        .map(e -> e.getKey() + ": " + e.getValue()).toList()));
            }
            return AdminApi.json(ready ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE, body);
        });
    }

    private static Map<String, Object> body(String status, Map<String, String> checks) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        if (!checks.isEmpty()) {
            body.put("checks", checks);
        }
        BuildInfo build = BuildInfo.current();
        body.put("version", build.version());
        body.put("build", build.build());
        body.put("commit", build.commit());
        return body;
    }

    /** The database's state: UP, or DOWN with why; complete within {@link #DATABASE_BUDGET}. */
    private CompletableFuture<String> database() {
        if (!storage.available()) {
            // the storage circuit breaker is open: answer at once without touching the database
            return CompletableFuture.completedFuture("DOWN: unreachable (circuit open; requests are answered 'service unavailable')");
        }
        return runningProbe().copy().completeOnTimeout("DOWN: no answer within " + DATABASE_BUDGET.toMillis() + " ms",
                DATABASE_BUDGET.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The probe in flight, or a new one when none is. */
    private synchronized CompletableFuture<String> runningProbe() {
        if (probe == null || probe.isDone()) {
            probe = storage.read(tx -> tx.libraries().all().size()).handle((n, e) -> {
                if (e != null) {
                    return failed(e);
                }
                lastDatabase = UP;
                return UP;
            });
        }
        return probe;
    }

    private String failed(Throwable e) {
        if (UP.equals(lastDatabase)) {
            LOG.warn("readiness: the database failed a read", e);
        }
        lastDatabase = "DOWN";
        return "DOWN: a read failed (details in the log)";
    }
}
