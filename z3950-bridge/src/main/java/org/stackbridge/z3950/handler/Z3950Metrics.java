package org.stackbridge.z3950.handler;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;

/** The {@code stackbridge.z3950.requests} counters (tags {@code pdu}, {@code outcome}), shared by all associations. */
public final class Z3950Metrics {

    private final MeterRegistry meters;
    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();

    public Z3950Metrics(MeterRegistry meters) {
        this.meters = meters;
    }

    public void count(String pdu, String outcome) {
        counter(pdu, outcome).increment();
    }

    public Counter counter(String pdu, String outcome) {
        return counters.computeIfAbsent(pdu + '|' + outcome, k -> Counter.builder("stackbridge.z3950.requests")
                .tag("pdu", pdu).tag("outcome", outcome).register(meters));
    }
}
