package org.stackbridge.core.model;

import java.io.Serializable;
import java.time.Instant;

/** A manual block on a patron; each flag says what it blocks. {@code expires} null means until lifted. */
public record PatronBlock(long id, long patronId, String source, boolean borrow, boolean renew, boolean request,
                          String reason, Instant created, Instant expires) implements Serializable {

    public boolean activeAt(Instant at) {
        return expires == null || expires.isAfter(at);
    }

    public PatronBlock withId(long newId) {
        return new PatronBlock(newId, patronId, source, borrow, renew, request, reason, created, expires);
    }
}
