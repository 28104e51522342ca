package org.stackbridge.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.model.PatronBlock;
import org.stackbridge.core.outcome.PatronFlag;
import org.stackbridge.core.outcome.RefusalReason;

class EligibilityPoliciesTest {

    private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");

    private static PatronStanding standing(boolean cardLost, LocalDate expires, List<PatronBlock> blocks, int loans, String owed) {
        Patron p = new Patron(1, "P", null, "P", "ADULT", null, null, null, expires, "MAIN", cardLost);
        return new PatronStanding(p, AT, LocalDate.of(2026, 3, 2), blocks, loans, 0, Money.of(owed, "USD"), false, 3,
                new BigDecimal("10.00"), 2);
    }

    private static PatronBlock block(boolean borrow, boolean renew, boolean request, Instant expires) {
        return new PatronBlock(1, 1, "MANUAL", borrow, renew, request, "r", AT.minusSeconds(60), expires);
    }

    @Test
    void aPatronInGoodStandingMayDoEverything() {
        PatronStanding s = standing(false, null, List.of(), 0, "0.00");
        assertEquals(Optional.empty(), EligibilityPolicies.BORROW.firstRefusal(s));
        assertEquals(Set.of(), EligibilityPolicies.BORROW.flags(s));
        assertEquals(Optional.empty(), EligibilityPolicies.PLACE_HOLD.firstRefusal(new HoldCase(s, Optional.of(RuleBuilder.rule().build()), false)));
    }

    @Test
    void theFirstRefusalDecidesButEveryRuleRaisesItsFlags() {
        PatronStanding s = standing(true, LocalDate.of(2026, 3, 1), List.of(), 3, "12.00");
        assertEquals(RefusalReason.CARD_LOST, EligibilityPolicies.BORROW.firstRefusal(s).orElseThrow().reason());
        assertEquals(Set.of(PatronFlag.CARD_REPORTED_LOST, PatronFlag.CHARGE_PRIVILEGES_DENIED, PatronFlag.TOO_MANY_ITEMS_CHARGED,
                PatronFlag.EXCESSIVE_OUTSTANDING_FEES), EligibilityPolicies.BORROW.flags(s));
        assertEquals(Set.of(PatronFlag.HOLD_PRIVILEGES_DENIED, PatronFlag.RECALL_PRIVILEGES_DENIED), EligibilityPolicies.REQUEST_PATRON.flags(s));
    }

    @Test
    void blocksCountAtTheDecisionsOwnTime() {
        PatronStanding s = standing(false, null, List.of(block(false, false, true, AT.plusSeconds(1)), block(true, false, false, AT)), 0, "0");
        assertEquals("Holds blocked: r", EligibilityPolicies.ILL_BORROW.firstRefusal(s).orElseThrow().text());
        assertEquals(Optional.empty(), EligibilityPolicies.BORROW.firstRefusal(s), "a block expiring at the instant no longer counts");
    }

    @Test
    void holdsAndIllAskTheSameRules() {
        assertEquals(EligibilityPolicies.REQUEST_PATRON.ruleNames(), EligibilityPolicies.ILL_BORROW.ruleNames());
        // a lending hold stands for one partner request: the partner's one patron account may hold a title more than once
        java.util.List<String> lend = new java.util.ArrayList<>(EligibilityPolicies.PLACE_HOLD.ruleNames());
        lend.remove(EligibilityPolicies.NO_DUPLICATE_HOLD.name());
        assertEquals(lend, EligibilityPolicies.ILL_LEND.ruleNames());
        assertTrue(EligibilityPolicies.PLACE_HOLD.ruleNames().containsAll(EligibilityPolicies.ILL_BORROW.ruleNames()));
        assertEquals(5, EligibilityPolicies.allCurrentPolicies().size());
    }

    @Test
    void theOneShelfDefaultAppliesWhenTheRuleNamesNone() {
        assertEquals(HoldShelfPolicy.DEFAULT_SHELF_DAYS, HoldShelfPolicy.shelfDays(Optional.empty()));
        assertEquals(HoldShelfPolicy.DEFAULT_SHELF_DAYS, HoldShelfPolicy.shelfDays(Optional.of(RuleBuilder.rule().holds(true, 0).build())));
        assertEquals(3, HoldShelfPolicy.shelfDays(Optional.of(RuleBuilder.rule().holds(true, 3).build())));
    }
}
