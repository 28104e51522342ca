package org.stackbridge.core.port;

import java.time.Instant;
import java.util.List;
import org.stackbridge.core.model.CirculationEvent;

/** The append-only event log. */
public interface EventLog {
    CirculationEvent append(CirculationEvent event);

    /** Events in [from, to), in order; for statistics and audit. */
    List<CirculationEvent> between(Instant from, Instant to, int limit);

    List<CirculationEvent> forItem(long itemId, int limit);
}
