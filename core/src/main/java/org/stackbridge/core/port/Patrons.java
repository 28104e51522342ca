package org.stackbridge.core.port;

import java.util.List;
import java.util.Optional;
import org.stackbridge.core.model.Patron;
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
}
