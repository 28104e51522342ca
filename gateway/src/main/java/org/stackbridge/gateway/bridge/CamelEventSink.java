package org.stackbridge.gateway.bridge;

import java.util.List;
import org.apache.camel.ProducerTemplate;
import org.stackbridge.core.model.CirculationEvent;
import org.stackbridge.core.port.EventSink;
import org.stackbridge.gateway.route.Endpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands committed events to the event route without blocking the committing thread. */
public final class CamelEventSink implements EventSink {

    private static final Logger LOG = LoggerFactory.getLogger(CamelEventSink.class);
    private volatile ProducerTemplate template;

    /** Connects the sink once Camel has started; events committed before that stay only in the event log. */
    public void attach(ProducerTemplate producer) {
        this.template = producer;
    }

    @Override
    public void published(List<CirculationEvent> events) {
        ProducerTemplate t = template;
        if (t == null) {
            LOG.debug("{} event(s) committed before the event route started", events.size());
            return;
        }
        t.asyncSendBody(Endpoints.CIRC_EVENTS, List.copyOf(events)).whenComplete((r, e) -> {
            if (e != null) {
                LOG.warn("event route failed for {} event(s); they remain in the event log", events.size(), e);
            }
        });
    }
}
