package org.stackbridge.core.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.Fee;
import org.stackbridge.core.model.FeeCredit;
import org.stackbridge.core.model.FeeDispute;

public interface Fees {
    /** Open debits of the patron, oldest first. */
    List<Fee> openForPatron(long patronId);

    Optional<Fee> byId(long id);

    Fee insert(Fee fee);

    void update(Fee fee);

    /** Throws {@link StoreConflictException} when (channel, reference) already exists. */
    FeeCredit insertCredit(FeeCredit credit);

    Optional<FeeCredit> creditByReference(Channel channel, String reference);

    // ------------------------------------------------------------ the fee ledger for the desk (fees, receipts, disputes)

    /** Every debit of the patron, open or closed, oldest first. */
    List<Fee> forPatron(long patronId);

    /** A credit with its allocations. */
    Optional<FeeCredit> creditById(long id);

    /** Every credit of the patron with its allocations, oldest first. */
    List<FeeCredit> creditsForPatron(long patronId);

    /** Credits taken at {@code library} in [from, to), oldest first, with their allocations (the cashier summary). */
    List<FeeCredit> creditsAt(String library, Instant from, Instant to);

    FeeDispute insertDispute(FeeDispute dispute);

    void updateDispute(FeeDispute dispute);

    Optional<FeeDispute> disputeById(long id);

    /** Every dispute of the patron's fees, oldest first. */
    List<FeeDispute> disputesForPatron(long patronId);

    /** The patron's disputes not yet resolved, oldest first. */
    List<FeeDispute> openDisputesForPatron(long patronId);
}
