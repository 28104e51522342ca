package org.stackbridge.core.port;

import java.util.List;
import org.stackbridge.core.model.CirculationEvent;

/** Receives events after the transaction that logged them has committed (metrics, brokers, files). */
public interface EventSink {
    void published(List<CirculationEvent> events);

    EventSink NONE = events -> { };
}
