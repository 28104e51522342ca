package org.stackbridge.core.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.model.CodeEntry;
import org.stackbridge.core.model.CodeKind;
import org.stackbridge.core.model.TerminalAccount;
import org.stackbridge.core.policy.CirculationRule;
import org.stackbridge.core.policy.ClosedDayStrategy;
import org.stackbridge.core.policy.PeriodUnit;
import org.stackbridge.core.port.RuleStore.StoredRule;

/** The administration stores: rules by id, code lists, the settings revision and disabled terminal accounts. */
public interface AdministrationContract extends StoreFixture {

    private static CirculationRule rule(String library, int loanPeriod) {
        return new CirculationRule(library, null, "BOOK", loanPeriod, PeriodUnit.DAYS, 1, 7, 5, new BigDecimal("0.25"), 1,
                null, true, 3, ClosedDayStrategy.KEEP, "db");
    }

    @Test
    default void storedRulesKeepTheirIdsThroughChangesAndRemovals() {
        long first = write(tx -> tx.rules().insert(rule("MAIN", 7)));
        long second = write(tx -> tx.rules().insert(rule("EAST", 14)));
        assertTrue(second > first);
        boolean replaced = write(tx -> tx.rules().replace(first, rule("MAIN", 3)));
        assertTrue(replaced);
        assertEquals(List.of(new StoredRule(first, rule("MAIN", 3)), new StoredRule(second, rule("EAST", 14))), read(tx -> tx.rules().stored()));
        assertEquals(List.of(rule("MAIN", 3), rule("EAST", 14)), read(tx -> tx.rules().all()));
        boolean removed = write(tx -> tx.rules().remove(first));
        boolean again = write(tx -> tx.rules().remove(first));
        boolean replacedGone = write(tx -> tx.rules().replace(first, rule("MAIN", 1)));
        assertTrue(removed);
        assertFalse(again);
        assertFalse(replacedGone);
        assertEquals(List.of(new StoredRule(second, rule("EAST", 14))), read(tx -> tx.rules().stored()));
    }

    @Test
    default void codeEntriesAreKeptPerKindInCodeOrder() {
        write(tx -> {
            tx.codes().save(new CodeEntry(CodeKind.PATRON_CATEGORY, "CHILD", "Under 14", true));
            tx.codes().save(new CodeEntry(CodeKind.PATRON_CATEGORY, "ADULT", null, false));
            tx.codes().save(new CodeEntry(CodeKind.ITEM_TYPE, "ADULT", null, false));
            return null;
        });
        assertEquals(List.of(new CodeEntry(CodeKind.PATRON_CATEGORY, "ADULT", null, false),
                new CodeEntry(CodeKind.PATRON_CATEGORY, "CHILD", "Under 14", true)), read(tx -> tx.codes().all(CodeKind.PATRON_CATEGORY)));
        write(tx -> {
            tx.codes().save(new CodeEntry(CodeKind.PATRON_CATEGORY, "CHILD", "Under 12", false));
            return null;
        });
        assertEquals(Optional.of(new CodeEntry(CodeKind.PATRON_CATEGORY, "CHILD", "Under 12", false)),
                read(tx -> tx.codes().find(CodeKind.PATRON_CATEGORY, "CHILD")));
        boolean removed = write(tx -> tx.codes().remove(CodeKind.PATRON_CATEGORY, "ADULT"));
        boolean again = write(tx -> tx.codes().remove(CodeKind.PATRON_CATEGORY, "ADULT"));
        assertTrue(removed);
        assertFalse(again);
        assertEquals(Optional.of(new CodeEntry(CodeKind.ITEM_TYPE, "ADULT", null, false)), read(tx -> tx.codes().find(CodeKind.ITEM_TYPE, "ADULT")));
    }

    @Test
    default void theSettingsRevisionCountsCommittedChangesOnly() {
        long start = read(tx -> tx.revision().current());
        write(tx -> {
            tx.revision().bump();
            tx.revision().bump();
            return null;
        });
        long afterTwo = read(tx -> tx.revision().current());
        assertEquals(start + 2, afterTwo);
        writeFailure(tx -> {
            tx.revision().bump();
            throw new IllegalStateException("rolled back");
        });
        long afterRollback = read(tx -> tx.revision().current());
        assertEquals(start + 2, afterRollback);
    }

    @Test
    default void aDisabledTerminalAccountStaysDisabled() {
        write(tx -> {
            tx.accounts().save(new TerminalAccount("k1", "hash", "MAIN", "default", false));
            return null;
        });
        assertFalse(read(tx -> tx.accounts().find("k1")).orElseThrow().enabled());
        assertTrue(new TerminalAccount("k2", "hash", "MAIN", null).enabled(), "accounts are enabled unless said otherwise");
    }
}
