package org.stackbridge.gateway.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.stackbridge.core.command.Command;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.Loan;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.port.CirculationPort;
import org.stackbridge.core.port.TransactionRunner;

/**
 * {@code /health}, {@code /metrics} and the read-only JSON admin API ({@code /api/patrons/B},
 * {@code /api/patrons/B/loans}, {@code /api/items/B}, {@code /api/loans}). The API answers through the
 * same operation port as every protocol; an optional bearer token guards it.
 */
public final class AdminApi {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final String JSON_TYPE = "application/json; charset=utf-8";

    private final CirculationPort port;
    private final TransactionRunner storage;
    private final PrometheusMeterRegistry prometheus;
    private final String token;

    public AdminApi(CirculationPort port, TransactionRunner storage, PrometheusMeterRegistry prometheus, String token) {
        this.port = port;
        this.storage = storage;
        this.prometheus = prometheus;
        this.token = token == null || token.isBlank() ? null : token;
    }

    public void mountOn(AdminHttpServer server) {
        server.mount("/health", this::health);
        server.mount("/metrics", (req, remote) -> CompletableFuture.supplyAsync(() ->
                AdminHttpServer.text(HttpResponseStatus.OK, "text/plain; version=0.0.4; charset=utf-8", prometheus.scrape())));
        server.mount("/api", this::api);
    }

    private CompletionStage<FullHttpResponse> health(FullHttpRequest req, InetSocketAddress remote) {
        if (!storage.available()) {
            // the storage circuit breaker is open: answer at once instead of waiting for a connection timeout
            return done(health(0, "DOWN: unreachable (circuit open; requests are answered 'service unavailable')"));
        }
        return storage.read(tx -> tx.libraries().all().size())
                .orTimeout(5, TimeUnit.SECONDS)
                .handle((n, e) -> health(e == null ? n : -1, e == null ? "UP" : "DOWN: " + rootMessage(e)));
    }

    /** The health answer; {@code libraries} below 0 or a database state other than UP is 503. */
    private static FullHttpResponse health(int libraries, String database) {
        boolean up = database.equals("UP");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("database", database);
        body.put("libraries", Math.max(0, libraries));
        body.put("version", BuildInfo.current().version());
        body.put("build", BuildInfo.current().build());
        body.put("commit", BuildInfo.current().commit());
        return json(up ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE, body);
    }

    private CompletionStage<FullHttpResponse> api(FullHttpRequest req, InetSocketAddress remote) {
        if (token != null && !authorized(req)) {
            return done(json(HttpResponseStatus.UNAUTHORIZED, Map.of("error", "missing or wrong bearer token")));
        }
        if (!req.method().equals(HttpMethod.GET)) {
            return done(json(HttpResponseStatus.METHOD_NOT_ALLOWED, Map.of("error", "read-only API: GET only")));
        }
        QueryStringDecoder q = new QueryStringDecoder(req.uri());
        String[] parts = q.path().split("/");
        RequestContext ctx = RequestContext.of(Channel.API, "admin-api", null);
        // parts: "", "api", kind, barcode?, sub?
        if (parts.length == 4 && parts[2].equals("patrons")) {
            return answer(new Commands.LookupPatron(ctx, parts[3], null), info -> info);
        }
        if (parts.length == 5 && parts[2].equals("patrons") && parts[4].equals("loans")) {
            return answer(new Commands.LookupPatron(ctx, parts[3], null), info -> info.loans());
        }
        if (parts.length == 4 && parts[2].equals("items")) {
            return answer(new Commands.LookupItem(ctx, parts[3]), item -> item);
        }
        if (parts.length == 3 && parts[2].equals("loans")) {
            long after = longParam(q, "after", 0);
            int limit = (int) Math.min(1000, Math.max(1, longParam(q, "limit", 100)));
            return storage.read(tx -> tx.loans().openPage(after, limit)).thenApply(this::loans);
        }
        return done(json(HttpResponseStatus.NOT_FOUND, Map.of("error", "unknown API path " + q.path())));
    }

    private FullHttpResponse loans(List<Loan> loans) {
        return json(HttpResponseStatus.OK, loans);
    }

    private <R> CompletionStage<FullHttpResponse> answer(Command<R> command, java.util.function.Function<R, Object> view) {
        return port.execute(command).thenApply(outcome -> {
            if (outcome instanceof Outcome.Success<R> s) {
                return json(HttpResponseStatus.OK, view.apply(s.result()));
            }
            Outcome.Refused<R> r = (Outcome.Refused<R>) outcome;
            HttpResponseStatus status = switch (r.reason()) {
                case UNKNOWN_PATRON, UNKNOWN_ITEM -> HttpResponseStatus.NOT_FOUND;
                case SYSTEM_ERROR, SERVICE_UNAVAILABLE -> HttpResponseStatus.SERVICE_UNAVAILABLE;
                default -> HttpResponseStatus.BAD_REQUEST;
            };
            return json(status, Map.of("error", r.message(), "reason", r.reason().name()));
        });
    }

    private boolean authorized(FullHttpRequest req) {
        String h = req.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (h == null || !h.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(h.substring(7).getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }

    private static long longParam(QueryStringDecoder q, String name, long dflt) {
        List<String> v = q.parameters().get(name);
        try {
            return v == null || v.isEmpty() ? dflt : Long.parseLong(v.get(0));
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    static FullHttpResponse json(HttpResponseStatus status, Object body) {
        try {
            return AdminHttpServer.text(status, JSON_TYPE, JSON.writeValueAsString(body) + "\n");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return AdminHttpServer.text(HttpResponseStatus.INTERNAL_SERVER_ERROR, JSON_TYPE, "{\"error\":\"serialisation\"}\n");
        }
    }

    private static CompletionStage<FullHttpResponse> done(FullHttpResponse r) {
        return CompletableFuture.completedFuture(r);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
    }
}
