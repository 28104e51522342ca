package org.stackbridge.core.model;

import java.util.Locale;
import java.util.Optional;

/** How a patron paid at the desk; stored (lower case) as the payment's method and totalled by the cashier summary. */
public enum PaymentType {
    CASH, CARD, CHEQUE, ONLINE, OTHER;

    /** The lower-case name stored and shown ({@code cash}, {@code card} ...). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<PaymentType> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (PaymentType t : values()) {
            if (t.name().equalsIgnoreCase(text.strip())) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
