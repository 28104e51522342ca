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
 */
public record EngineSettings(Currency currency, BigDecimal feeLimit, int maxOverdue, Duration requestKeyTtl, PinSettings pins,
                             MembershipPolicy membership) {

    public EngineSettings {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(feeLimit, "feeLimit");
        requestKeyTtl = requestKeyTtl == null ? Duration.ofDays(7) : requestKeyTtl;
        pins = pins == null ? PinSettings.DEFAULTS : pins;
        membership = membership == null ? MembershipPolicy.ANY : membership;
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
