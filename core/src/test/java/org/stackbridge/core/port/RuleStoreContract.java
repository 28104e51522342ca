package org.stackbridge.core.port;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.policy.CirculationRule;
import org.stackbridge.core.policy.ClosedDayStrategy;
import org.stackbridge.core.policy.PeriodUnit;

public interface RuleStoreContract extends StoreFixture {

    @Test
    default void rulesComeBackInTheOrderTheyWereAdded() {
        assertEquals(List.of(), read(tx -> tx.rules().all()));
        CirculationRule wildcard = new CirculationRule(null, null, null, 14, PeriodUnit.DAYS, 2, 14, 10, new BigDecimal("0.25"), 2,
                new BigDecimal("5.00"), true, 7, ClosedDayStrategy.NEXT_OPEN_DAY, "db");
        CirculationRule specific = new CirculationRule("MAIN", "CHILD", "DVD", 4, PeriodUnit.HOURS, 0, 0, 2, new BigDecimal("0.125"), 0,
                null, false, 0, ClosedDayStrategy.KEEP, "db");
        CirculationRule partial = new CirculationRule("EAST", null, "BOOK", 0, PeriodUnit.DAYS, 1, 7, 5, BigDecimal.ZERO, 1,
                new BigDecimal("10"), true, 3, ClosedDayStrategy.PREVIOUS_OPEN_DAY, "import");
        write(tx -> {
            tx.rules().add(wildcard);
            tx.rules().add(specific);
            return null;
        });
        write(tx -> {
            tx.rules().add(partial);
            return null;
        });
        assertEquals(List.of(wildcard, specific, partial), read(tx -> tx.rules().all()));
    }
}
