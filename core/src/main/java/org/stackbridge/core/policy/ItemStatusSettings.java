package org.stackbridge.core.policy;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

/**
 * Settings of the item status policies ({@code items:} in the gateway's config).
 *
 * @param lostReplacementFee default replacement charge for a lost item that has no price (default 25.00)
 * @param lostProcessingFee  processing fee billed with every lost item on loan; zero bills none (default 5.00)
 * @param lostItemReturn     what a check-in of an item billed as lost gives back (default refund-replacement)
 */
public record ItemStatusSettings(BigDecimal lostReplacementFee, BigDecimal lostProcessingFee, LostItemReturn lostItemReturn) {

    public static final BigDecimal DEFAULT_REPLACEMENT = new BigDecimal("25.00");
    public static final BigDecimal DEFAULT_PROCESSING = new BigDecimal("5.00");

    /** What a lost item found and checked in gives back to its borrower. */
    public enum LostItemReturn {
        /** The replacement charge is cancelled (or refunded where paid); the processing fee stays. */
        REFUND_REPLACEMENT,
        /** Replacement and processing fee are both cancelled or refunded. */
        REFUND_ALL,
        /** Nothing: the patron keeps what was billed. */
        NONE;

        /** The setting's spelling in the config file ({@code refund-replacement}). */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** The value by its config spelling, in any case; empty for anything else. */
        public static java.util.Optional<LostItemReturn> parse(String text) {
            if (text == null) {
                return java.util.Optional.empty();
            }
            for (LostItemReturn r : values()) {
                if (r.label().equalsIgnoreCase(text.trim())) {
                    return java.util.Optional.of(r);
                }
            }
            return java.util.Optional.empty();
        }
    }

    public ItemStatusSettings {
        lostReplacementFee = lostReplacementFee == null ? DEFAULT_REPLACEMENT : lostReplacementFee;
        lostProcessingFee = lostProcessingFee == null ? DEFAULT_PROCESSING : lostProcessingFee;
        lostItemReturn = lostItemReturn == null ? LostItemReturn.REFUND_REPLACEMENT : lostItemReturn;
        Objects.requireNonNull(lostItemReturn);
    }

    public static ItemStatusSettings defaults() {
        return new ItemStatusSettings(null, null, null);
    }

    /** The first setting out of range as {@code key: problem}, or null. */
    public String problem() {
        if (lostReplacementFee.signum() < 0 || lostReplacementFee.compareTo(new BigDecimal("100000")) > 0) {
            return "lost-replacement-fee: must be between 0 and 100000";
        }
        if (lostProcessingFee.signum() < 0 || lostProcessingFee.compareTo(new BigDecimal("100000")) > 0) {
            return "lost-processing-fee: must be between 0 and 100000";
        }
        return null;
    }
}
