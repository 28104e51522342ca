package org.stackbridge.core.service;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Currency;
import java.util.Objects;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.policy.MembershipPolicy;
import org.stackbridge.core.security.PinSettings;

/**
 * Engine-wide settings.
 *
 * @param feeLimit        a balance at or above this blocks borrowing (excessive fines/fees)
 * @param maxOverdue      this many overdue items block borrowing
 * @param requestKeyTtl   how long outcomes of keyed requests are kept for replay
 * @param pins            the patron PIN check cache and failed-PIN lock
 * @param membership      the patron categories and their membership periods
 * @param cardReplacementFee charged (as a {@code CARD_REPLACEMENT} fee) when staff replace a patron's card and do not
 *                        waive it; zero or null charges nothing
 */
public record EngineSettings(Currency currency, BigDecimal feeLimit, int maxOverdue, Duration requestKeyTtl, PinSettings pins,
                             MembershipPolicy membership, BigDecimal cardReplacementFee) {

    public EngineSettings {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(feeLimit, "feeLimit");
        requestKeyTtl = requestKeyTtl == null ? Duration.ofDays(7) : requestKeyTtl;
        pins = pins == null ? PinSettings.DEFAULTS : pins;
        membership = membership == null ? MembershipPolicy.ANY : membership;
        cardReplacementFee = cardReplacementFee == null ? BigDecimal.ZERO : cardReplacementFee;
        if (cardReplacementFee.signum() < 0) {
            throw new IllegalArgumentException("cardReplacementFee must not be negative");
        }
    }

    /** Settings without a card replacement fee. */
    public EngineSettings(Currency currency, BigDecimal feeLimit, int maxOverdue, Duration requestKeyTtl, PinSettings pins,
                          MembershipPolicy membership) {
        this(currency, feeLimit, maxOverdue, requestKeyTtl, pins, membership, BigDecimal.ZERO);
    }

    /** These settings with {@code fee} charged for a replaced card (zero: nothing). */
    public EngineSettings withCardReplacementFee(BigDecimal fee) {
        return new EngineSettings(currency, feeLimit, maxOverdue, requestKeyTtl, pins, membership, fee);
    }

    /** The fee a replaced card costs, when there is one. */
    public java.util.Optional<Money> cardReplacementFeeMoney() {
        return cardReplacementFee.signum() > 0 ? java.util.Optional.of(new Money(cardReplacementFee, currency)) : java.util.Optional.empty();
    }

    /** Settings accepting any patron category, without membership periods. */
    public EngineSettings(Currency currency, BigDecimal feeLimit, int maxOverdue, Duration requestKeyTtl, PinSettings pins) {
        this(currency, feeLimit, maxOverdue, requestKeyTtl, pins, MembershipPolicy.ANY);
    }

    /** Settings with the default PIN cache and lock. */
    public EngineSettings(Currency currency, BigDecimal feeLimit, int maxOverdue, Duration requestKeyTtl) {
        this(currency, feeLimit, maxOverdue, requestKeyTtl, PinSettings.DEFAULTS, MembershipPolicy.ANY);
    }

    public static EngineSettings defaults() {
        return new EngineSettings(Currency.getInstance("USD"), new BigDecimal("10.00"), 10, Duration.ofDays(7));
    }

    public Money feeLimitMoney() {
        return new Money(feeLimit, currency);
    }
}
