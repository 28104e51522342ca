package org.stackbridge.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void amountsAreKeptAtScaleTwo() {
        assertEquals(new BigDecimal("1.50"), Money.of("1.5", "USD").amount());
        assertEquals(Money.of("1.50", "USD"), Money.of("1.5", "USD"));
        assertEquals("0.00", Money.of("0.005", "USD").toPlainString(), "half-even rounding");
        assertEquals("12.50 USD", Money.of("12.5", "USD").toString());
    }

    @Test
    void arithmeticStaysInOneCurrency() {
        Money a = Money.of("2.25", "USD");
        assertEquals(Money.of("3.00", "USD"), a.plus(Money.of("0.75", "USD")));
        assertEquals(Money.of("1.50", "USD"), a.minus(Money.of("0.75", "USD")));
        assertEquals(Money.of("6.75", "USD"), a.times(3));
        assertEquals(Money.of("0.75", "USD"), a.min(Money.of("0.75", "USD")));
        assertTrue(Money.zero(a.currency()).isZero());
        assertThrows(IllegalArgumentException.class, () -> a.plus(Money.of("1", "EUR")));
        assertThrows(IllegalArgumentException.class, () -> a.compareTo(Money.of("1", "EUR")));
    }
}
