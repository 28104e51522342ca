package org.stackbridge.sip2.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.spec.FieldCode;
import org.stackbridge.sip2.spec.FixedField;

/**
 * SIP2 meters: {@code stackbridge.sip2.requests} (timer; tags message, outcome), {@code stackbridge.sip2.errors}
 * (counter; tag kind) and {@code stackbridge.sip2.connections} (gauge).
 */
public final class Sip2Metrics {

    private final MeterRegistry registry;
    private final AtomicInteger connections = new AtomicInteger();
    private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> errors = new ConcurrentHashMap<>();

    public Sip2Metrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("stackbridge.sip2.connections", connections, AtomicInteger::get)
                .description("open SIP2 connections").register(registry);
    }

    public AtomicInteger connections() {
        return connections;
    }

    /** {@code message} is a two-digit code (bounded set), {@code outcome} ok | refused | replayed | error. */
    public void request(String message, String outcome, long nanos) {
        timers.computeIfAbsent(message + '/' + outcome, k -> Timer.builder("stackbridge.sip2.requests")
                .description("SIP2 requests by message code and outcome").tag("message", message).tag("outcome", outcome)
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** {@code kind}: checksum, malformed, unknown-message, oversize, login-timeout, idle-timeout, connection-limit, login-failed, tls. */
    public void error(String kind) {
        errors.computeIfAbsent(kind, k -> Counter.builder("stackbridge.sip2.errors").description("SIP2 protocol errors and limits hit")
                .tag("kind", k).register(registry)).increment();
    }

    /** The outcome tag of a response: refused when it says no (ok 0 / N, BL N, off-line, no title), else ok. */
    static String outcome(Sip2Message r) {
        switch (r.type()) {
            case PATRON_STATUS_RESPONSE, PATRON_INFORMATION_RESPONSE, PATRON_ENABLE_RESPONSE -> {
                return "N".equals(r.field(FieldCode.BL)) ? "refused" : "ok";
            }
            case ACS_STATUS_RESPONSE -> {
                return "Y".equals(r.fixed(FixedField.ONLINE_STATUS)) ? "ok" : "refused";
            }
            case ITEM_INFORMATION_RESPONSE -> {
                return r.field(FieldCode.AJ) == null || r.field(FieldCode.AJ).isEmpty()
                        ? "refused" : "ok";
            }
            default -> {
                List<String> fixed = r.fixedValues();
                String first = fixed.isEmpty() ? "1" : fixed.get(0);
                return "0".equals(first) || "N".equals(first) ? "refused" : "ok";
            }
        }
    }
}
