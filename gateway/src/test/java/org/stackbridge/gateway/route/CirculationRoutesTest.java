package org.stackbridge.gateway.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.stackbridge.adapter.memory.InMemoryCirculation;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.service.EngineSettings;
import org.stackbridge.gateway.bridge.CamelCirculationPort;
import org.stackbridge.gateway.bridge.CamelEventSink;

class CirculationRoutesTest extends CamelTestSupport {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-02T10:00:00Z"), ZoneOffset.UTC);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CamelEventSink sink = new CamelEventSink();
    private InMemoryCirculation circ;

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        circ = new InMemoryCirculation(clock, EngineSettings.defaults(), sink);
        circ.library("MAIN", "MAIN");
        circ.patron("P1", "1234", "ADULT", "MAIN");
        BibRecord bib = circ.bib("b1", "Dune", "Herbert");
        circ.item("I1", bib, "BOOK", "MAIN");
        BackendRegistry backends = new BackendRegistry(circ.port(), Map.of());
        return new RoutesBuilder[] {new GatewayErrorHandling(), new CirculationRoutes(backends, meters),
                new EventRoutes(meters, "mock:sink")};
    }

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    private RequestContext ctx() {
        return RequestContext.of(Channel.SIP2, "kiosk", "MAIN");
    }

    @Test
    void commandTravelsThroughTheRouteAndEventsReachMetricsAndSink() throws Exception {
        context.start();
        sink.attach(template);
        MockEndpoint sinkEndpoint = getMockEndpoint("mock:sink");
        sinkEndpoint.expectedMessageCount(1);
        NotifyBuilder eventsDone = new NotifyBuilder(context).fromRoute(EventRoutes.ROUTE_ID).whenDone(1).create();
        CamelCirculationPort port = new CamelCirculationPort(template);

        Outcome<Views.CheckedOut> outcome = port.execute(new Commands.CheckOut(ctx(), "P1", "I1", null, false, false, false))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertTrue(outcome.isSuccess(), outcome.toString());
        assertTrue(eventsDone.matches(10, TimeUnit.SECONDS));
        sinkEndpoint.assertIsSatisfied();
        String json = sinkEndpoint.getExchanges().get(0).getMessage().getBody(String.class);
        assertTrue(json.contains("\"type\":\"CHECKOUT\"") && json.endsWith("\n"), json);
        assertEquals(1.0, meters.get("stackbridge.events").tag("type", "checkout").counter().count());
        assertEquals(1, meters.get("stackbridge.operation").tag("command", "CheckOut").tag("outcome", "success").timer().count());
    }

    @Test
    void refusalsAreTaggedByReason() throws Exception {
        context.start();
        CamelCirculationPort port = new CamelCirculationPort(template);
        Outcome<Views.CheckedOut> outcome = port.execute(new Commands.CheckOut(ctx(), "NOBODY", "I1", null, false, false, false))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        Outcome.Refused<Views.CheckedOut> refused = assertInstanceOf(Outcome.Refused.class, outcome);
        assertEquals(RefusalReason.UNKNOWN_PATRON, refused.reason());
        assertEquals(1, meters.get("stackbridge.operation").tag("outcome", "unknown_patron").timer().count());
    }

    @Test
    void aFailingBackendBecomesATypedSystemError() throws Exception {
        AdviceWith.adviceWith(context, CirculationRoutes.ROUTE_ID,
                a -> a.weaveById("backend-call").replace().throwException(new IllegalStateException("ILS unreachable")));
        context.start();
        CamelCirculationPort port = new CamelCirculationPort(template);
        Outcome<Views.ItemInfo> outcome = port.execute(new Commands.LookupItem(ctx(), "I1"))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        Outcome.Refused<Views.ItemInfo> refused = assertInstanceOf(Outcome.Refused.class, outcome);
        assertEquals(RefusalReason.SYSTEM_ERROR, refused.reason());
        // the patron-facing text never names an internal class; the cause goes to the log
        assertFalse(refused.message().contains("IllegalStateException"), refused.message());
    }
}
