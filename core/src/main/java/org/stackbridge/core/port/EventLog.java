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

    /** The item's latest event. The default reads all of them; stores should override it with an indexed query. */
    default java.util.Optional<CirculationEvent> lastForItem(long itemId) {
        List<CirculationEvent> all = forItem(itemId, Integer.MAX_VALUE);
        return all.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(all.get(all.size() - 1));
    }
}
