package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.adapter.memory.InMemoryStore;
import org.stackbridge.core.policy.CirculationRule;
import org.stackbridge.gateway.config.ConfigLoader;

class PoliciesTest {

    @TempDir
    Path dir;

    @Test
    void aNarrowRuleTakesWhatItLeavesOutFromTheWildcardRule() throws IOException {
        // the rules the shipped conf/stackbridge.yaml shows as (commented) examples
        Path config = dir.resolve("stackbridge.yaml");
        Files.writeString(config, String.join("\n",
                "policies:",
                "  - {library: '*', category: '*', item-type: '*', loan-period: 21, renewals: 2, max-loans: 25, fine-per-day: 0.25}",
                "  - {library: '*', category: '*', item-type: DVD, loan-period: 7, renewals: 1, fine-per-day: 1.00}",
                "  - {library: '*', category: '*', item-type: REFERENCE, loan-period: 0, holds-allowed: false}",
                ""));
        ConfigLoader.Loaded loaded = new ConfigLoader().load(config, Map.of(), List.of());
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
