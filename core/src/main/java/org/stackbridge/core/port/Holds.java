package org.stackbridge.core.port;

import java.util.List;
import java.util.Optional;
import org.stackbridge.core.model.Hold;

public interface Holds {
    Optional<Hold> byId(long id);

    /** Open holds on the bib in queue order (placed time, then id). */
    List<Hold> openForBib(long bibId);

    List<Hold> openForPatron(long patronId);

    Optional<Hold> openTrappingItem(long itemId);

    Hold insert(Hold hold);

    void update(Hold hold);
}
