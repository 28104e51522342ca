package org.stackbridge.adapter.memory.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stackbridge.core.policy.RuleBuilder.rule;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stackbridge.adapter.memory.World;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.CirculationEvent;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.policy.CheckoutOverrides;
import org.stackbridge.core.policy.PeriodUnit;

/** A desk checkout with an override lets the overridable refusals through, and the event log says which and why. */
class CheckoutOverrideScenariosTest {

    private World world;
    private BibRecord bib;
    private final RequestContext desk = new RequestContext(Channel.API, "grace", "staff-api", "MAIN", "MAIN", null, null);

    @BeforeEach
    void setUp() {
        world = new World();
        world.patron("P1");
        world.patron("P2");
        bib = world.bib("b1");
        world.item("I1", bib);
        world.item("I2", bib);
        world.item("I3", bib);
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    private Commands.CheckOut checkout(String patron, String item, String reason) {
        return new Commands.CheckOut(desk, patron, item, null, false, false, false,
                reason == null ? null : new Commands.CheckoutOverride(reason));
    }

    private List<CirculationEvent> overrides() {
        return world.events().stream().filter(e -> e.type() == EventType.CHECKOUT_OVERRIDE).toList();
    }

    @Test
    void theLoanLimitIsOverriddenAndTheOverrideIsLoggedWithTheReasonAndTheStaffLogin() {
        world.rule(rule().maxLoans(1).build());
        world.ok(checkout("P1", "I1", null));
        world.refusedWithoutChange(checkout("P1", "I2", null), RefusalReason.TOO_MANY_LOANS);

        Views.CheckedOut out = world.ok(checkout("P1", "I2", "exam week"));
        assertEquals("I2", out.item().barcode());
        assertEquals(2, world.openLoans("P1").size());
        CirculationEvent e = overrides().get(0);
        assertEquals("grace", e.actor());
        assertTrue(e.detail().contains("TOO_MANY_LOANS") && e.detail().contains("reason=exam week"), e.detail());
        assertEquals(1, overrides().size());
    }

    @Test
    void aBlockedPatronOverTheFeeLimitIsLetThroughOnceWithBothRefusalsRecorded() {
        world.ok(new Commands.BlockPatron(world.ctx(), "P1", "address unknown", false));
        world.ok(world.assess("P1", "12.00"));
        world.refusedWithoutChange(checkout("P1", "I1", null), RefusalReason.PATRON_BLOCKED);

        world.ok(checkout("P1", "I1", "manager approved"));
        String detail = overrides().get(0).detail();
        assertTrue(detail.contains("PATRON_BLOCKED") && detail.contains("EXCESSIVE_FINES"), detail);
    }

    @Test
    void anItemOnHoldForAnotherPatronIsOverridden() {
        world.ok(world.itemHold("P2", "I1", "MAIN"));
        world.refusedWithoutChange(checkout("P1", "I1", null), RefusalReason.ITEM_ON_HOLD_FOR_OTHER);
        world.ok(checkout("P1", "I1", "P2 agreed"));
        assertTrue(overrides().get(0).detail().contains("ITEM_ON_HOLD_FOR_OTHER"));
    }

    @Test
    void anItemNotForLoanIsOverridden() {
        world.rule(rule().loan(0, PeriodUnit.DAYS).build());
        world.refusedWithoutChange(checkout("P1", "I1", null), RefusalReason.ITEM_NOT_CIRCULATING);
        Views.CheckedOut out = world.ok(checkout("P1", "I1", "reference copy for the evening"));
        assertTrue(out.dueAt().isAfter(World.START), "a not-for-loan item still gets a due date");
    }

    @Test
    void refusalsThatAreNotOverridableStayRefused() {
        world.ok(checkout("P1", "I1", null));
        world.refusedWithoutChange(checkout("P2", "I1", "please"), RefusalReason.ITEM_CHECKED_OUT_TO_OTHER);
        world.patron("LOST", java.time.LocalDate.of(2030, 1, 1), true);
        world.refusedWithoutChange(checkout("LOST", "I2", "please"), RefusalReason.CARD_LOST);
        world.refusedWithoutChange(checkout("NOPE", "I2", "please"), RefusalReason.UNKNOWN_PATRON);
        assertTrue(overrides().isEmpty());
        assertTrue(!CheckoutOverrides.overridable(RefusalReason.CARD_LOST) && CheckoutOverrides.overridable(RefusalReason.TOO_MANY_LOANS));
    }

    @Test
    void anOverrideNeedsAReasonAndIsNotLoggedWhenNothingWasOverridden() {
        world.refusedWithoutChange(checkout("P1", "I1", " "), RefusalReason.INVALID_REQUEST);
        world.ok(checkout("P1", "I1", "not needed"));
        assertTrue(overrides().isEmpty());
    }
}
