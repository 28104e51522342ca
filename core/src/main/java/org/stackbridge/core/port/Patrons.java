package org.stackbridge.core.port;

import java.util.List;
import java.util.Optional;
import org.stackbridge.core.model.LostCard;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.model.PatronSearch;
import org.stackbridge.core.model.PatronBlock;

public interface Patrons {
    Optional<Patron> byBarcode(String barcode);

    Optional<Patron> byId(long id);

    /** @return the stored patron with its id; throws {@link StoreConflictException} on a duplicate barcode */
    Patron insert(Patron patron);

    void update(Patron patron);

    List<Patron> page(long afterId, int limit);

    List<PatronBlock> blocks(long patronId);

    PatronBlock addBlock(PatronBlock block);

    void removeBlock(long blockId);

    /**
     * Patrons matching {@code search}, ordered by folded name then id, skipping {@code offset}; at most {@code limit}.
     * Answered through indexes (see {@link PatronSearch}), not by reading every patron.
     */
    List<Patron> search(PatronSearch search, int offset, int limit);

    /** The replaced card with this barcode, if any (its patron is told the card is lost). */
    Optional<LostCard> lostCard(String barcode);

    /** Binds a replaced card's barcode to its patron; throws {@link StoreConflictException} if the barcode is bound. */
    void addLostCard(LostCard card);

    /** Forgets every replaced card of a patron (anonymisation). */
    void removeLostCards(long patronId);
}
