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

    /** Open holds with an id above {@code afterId}, in id order: the expiry job walks them a page at a time. */
    List<Hold> openPage(long afterId, int limit);

    /** The latest hold, open or closed, that trapped the item (e.g. one expired while its item stayed on the shelf). */
    Optional<Hold> lastTrapping(long itemId);

    Hold insert(Hold hold);

    void update(Hold hold);
}
