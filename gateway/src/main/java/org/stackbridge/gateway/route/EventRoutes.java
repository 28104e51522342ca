package org.stackbridge.gateway.route;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.apache.camel.builder.RouteBuilder;
import org.stackbridge.core.model.CirculationEvent;

/**
 * Events published after commit: one message per event, counted in Micrometer and, when configured, sent
 * as a JSON line to any Camel endpoint (file, broker, ...). The events are already in the event log.
 */
public final class EventRoutes extends RouteBuilder {

    public static final String ROUTE_ID = "circ-events";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final MeterRegistry meters;
    private final String sinkUri;

    public EventRoutes(MeterRegistry meters, String sinkUri) {
        this.meters = meters;
        this.sinkUri = sinkUri == null || sinkUri.isBlank() ? null : sinkUri;
    }

    @Override
    public void configure() {
        var split = from(Endpoints.CIRC_EVENTS)
                .routeId(ROUTE_ID)
                .routeConfigurationId(GatewayErrorHandling.ID)
                .split(body())
                .process(e -> {
                    CirculationEvent event = e.getMessage().getMandatoryBody(CirculationEvent.class);
                    meters.counter("stackbridge.events", "type", event.type().name().toLowerCase(Locale.ROOT),
                            "channel", event.channel().name().toLowerCase(Locale.ROOT)).increment();
                }).id("event-metrics");
        if (sinkUri != null) {
            split.process(e -> e.getMessage().setBody(toJson(e.getMessage().getMandatoryBody(CirculationEvent.class))))
                    .id("event-json")
                    .to(sinkUri).id("event-sink");
        }
        split.end();
    }

    public static String toJson(CirculationEvent event) {
        try {
            return JSON.writeValueAsString(event) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
