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

    /** A patron's events, newest first, skipping {@code offset}; at most {@code limit} (indexed by patron). */
    List<CirculationEvent> forPatron(long patronId, int offset, int limit);

    /** An item's events, newest first, skipping {@code offset}; at most {@code limit} (indexed by item). */
    List<CirculationEvent> forItemNewestFirst(long itemId, int offset, int limit);

    /** The item's latest event. The default reads all of them; stores should override it with an indexed query. */
    default java.util.Optional<CirculationEvent> lastForItem(long itemId) {
        List<CirculationEvent> all = forItem(itemId, Integer.MAX_VALUE);
        return all.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(all.get(all.size() - 1));
    }
}
