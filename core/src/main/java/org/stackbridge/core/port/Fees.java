package org.stackbridge.core.port;

import java.util.List;
import java.util.Optional;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.Fee;
import org.stackbridge.core.model.FeeCredit;

public interface Fees {
    /** Open debits of the patron, oldest first. */
    List<Fee> openForPatron(long patronId);

    Optional<Fee> byId(long id);

    Fee insert(Fee fee);

    void update(Fee fee);

    /** Throws {@link StoreConflictException} when (channel, reference) already exists. */
    FeeCredit insertCredit(FeeCredit credit);

    Optional<FeeCredit> creditByReference(Channel channel, String reference);
}
