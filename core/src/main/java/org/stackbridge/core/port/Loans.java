package org.stackbridge.core.port;

import java.util.List;
import java.util.Optional;
import org.stackbridge.core.model.Loan;

public interface Loans {
    Optional<Loan> openForItem(long itemId);

    List<Loan> openForPatron(long patronId);

    Optional<Loan> byId(long id);

    /** Throws {@link StoreConflictException} when the item already has an open loan. */
    Loan insert(Loan loan);

    void update(Loan loan);

    List<Loan> openPage(long afterId, int limit);
}
