package org.stackbridge.core.model;

import java.io.Serializable;
import java.time.Instant;

/** A loan, made at {@code library} (whose rules and calendar apply); open while {@code returnedAt} is null. At most one open loan per item (a database constraint). */
public record Loan(long id, long itemId, long patronId, String library, Instant issuedAt, Instant dueAt, Instant returnedAt,
                   int renewals, Channel channel, String terminal) implements Serializable {

    public boolean isOpen() {
        return returnedAt == null;
    }

    public boolean isOverdue(Instant at) {
        return isOpen() && dueAt.isBefore(at);
    }

    public Loan withId(long newId) {
        return new Loan(newId, itemId, patronId, library, issuedAt, dueAt, returnedAt, renewals, channel, terminal);
    }

    public Loan renewed(Instant newDue) {
        return new Loan(id, itemId, patronId, library, issuedAt, newDue, null, renewals + 1, channel, terminal);
    }

    public Loan returned(Instant at) {
        return new Loan(id, itemId, patronId, library, issuedAt, dueAt, at, renewals, channel, terminal);
    }
}
