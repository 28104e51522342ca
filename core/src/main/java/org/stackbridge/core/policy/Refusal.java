package org.stackbridge.core.policy;

import java.io.Serializable;
import java.util.Objects;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;

/** Why a rule says no: the reason code listeners map to wire codes, and the text shown to the patron. */
public record Refusal(RefusalReason reason, String text) implements Serializable {

    public Refusal {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(text, "text");
    }

    public <T> Outcome<T> outcome() {
        return Outcome.refused(reason, text);
    }

    /** The refusal with context for the response (e.g. the item that could not be lent or renewed). */
    public <T> Outcome<T> outcome(Serializable context) {
        return Outcome.refused(reason, text, context);
    }
}
