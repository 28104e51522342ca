package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stackbridge.adapter.memory.InMemoryStore;
import org.stackbridge.core.policy.CirculationRule;
import org.stackbridge.gateway.config.ConfigLoader;

class PoliciesTest {

    @Test
    void aNarrowRuleTakesWhatItLeavesOutFromTheWildcardRule() {
        ConfigLoader.Loaded loaded = new ConfigLoader().load(Path.of("..", "conf", "stackbridge.yaml"), Map.of(), List.of());
        try (InMemoryStore store = new InMemoryStore()) {
            Policies policies = new Policies();
            policies.reload(loaded.config(), loaded.file(), store);
            CirculationRule dvd = policies.table().find("MAIN", "ADULT", "DVD").orElseThrow();
            assertEquals(7, dvd.loanPeriod());
            assertEquals(1, dvd.renewalsAllowed());
            assertEquals(25, dvd.maxLoans(), "max-loans is not set on the DVD rule: it comes from (*, *, *)");
            assertEquals(0, new BigDecimal("1.00").compareTo(dvd.finePerDay()));
            CirculationRule book = policies.table().find("MAIN", "ADULT", "BOOK").orElseThrow();
            assertEquals(21, book.loanPeriod());
            assertEquals(0, policies.table().find("MAIN", "ADULT", "REFERENCE").orElseThrow().loanPeriod());
        }
    }
}
