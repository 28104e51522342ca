package org.stackbridge.adapter.memory.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stackbridge.core.policy.RuleBuilder.rule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stackbridge.adapter.memory.World;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.ill.IllCommands;
import org.stackbridge.core.ill.IllEngine;
import org.stackbridge.core.ill.IllViews;
import org.stackbridge.core.model.PatronBlock;
import org.stackbridge.core.outcome.PatronFlag;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.policy.HoldShelfPolicy;

/**
 * Where circulation, holds, ILL and the patron-status view used to disagree: each test fails on the engine
 * before the eligibility policies were shared.
 */
class EligibilityDriftTest {

    private final World world = new World();

    @AfterEach
    void close() {
        world.close();
    }

    private IllCommands.ReceiveItem receive(RequestContext ctx, String ext) {
        return new IllCommands.ReceiveItem(ctx, "reshare", ext, "P1", null, IllViews.Citation.of("Borrowed " + ext), null, null, null, null);
    }

    private void block(boolean borrow, boolean request, Instant expires) {
        world.circ.store().runNow(tx -> tx.patrons().addBlock(new PatronBlock(0, tx.patrons().byBarcode("P1").orElseThrow().id(),
                "MANUAL", borrow, false, request, "test block", World.START, expires)));
    }

    private LocalDate shelfExpiryOfAnIllArrival(int ruleShelfDays) {
        world.rule(rule().holds(true, ruleShelfDays).build());
        IllEngine.registerWith(world.circ.engine());
        world.patron("P1");
        return world.itemInfo(world.ok(receive(world.ctx(), "s1")).itemBarcode()).holdShelfExpires();
    }

    @Test
    void illArrivalWaitsTheShelfDaysOfTheRuleLikeALocalHold() {
        assertEquals(LocalDate.of(2026, 3, 7), shelfExpiryOfAnIllArrival(5), "five days as the rule says, not at least fourteen");
    }

    @Test
    void illArrivalWithoutShelfDaysInTheRuleTakesTheOneDefault() {
        assertEquals(LocalDate.of(2026, 3, 2).plusDays(HoldShelfPolicy.DEFAULT_SHELF_DAYS), shelfExpiryOfAnIllArrival(0));
    }

    @Test
    void illArrivalIsNotRefusedForABlockOnBorrowingOnlyAsHoldsAreNot() {
        world.rule(rule().build());
        IllEngine.registerWith(world.circ.engine());
        world.patron("P1");
        world.item("I1", world.bib("b1"));
        block(true, false, null);
        world.ok(world.titleHold("P1", "b1", "MAIN"));
        world.ok(receive(world.ctx(), "s1"));
    }

    @Test
    void illArrivalIsJudgedAtTheCommandsOwnTime() {
        world.rule(rule().build());
        IllEngine.registerWith(world.circ.engine());
        world.patron("P1");
        block(false, true, World.START.plus(Duration.ofHours(1)));
        world.advance(Duration.ofHours(2));
        RequestContext offline = world.ctx().withOccurredAt(World.START.plus(Duration.ofMinutes(30)));
        world.refusedWithoutChange(receive(offline, "s1"), RefusalReason.PATRON_BLOCKED);
        world.ok(receive(world.ctx(), "s2"));
    }

    @Test
    void holdIsJudgedAtTheCommandsOwnTimeForCardExpiry() {
        world.rule(rule().build());
        world.patron("P1", LocalDate.of(2026, 3, 3), false);
        world.item("I1", world.bib("b1"));
        world.advanceDays(2);
        world.refused(world.titleHold("P1", "b1", "MAIN"), RefusalReason.PATRON_EXPIRED);
        RequestContext offline = world.ctx().withOccurredAt(World.START);
        world.ok(new Commands.PlaceHold(offline, "P1", null, "b1", "MAIN", null));
    }

    @Test
    void kioskStatusUsesTheLoanLimitOfTheKiosksLibraryAsCheckoutDoes() {
        world.rule(rule().maxLoans(10).build());
        world.rule(rule().scope("BRANCH", null, null).maxLoans(1).build());
        world.patron("P1");
        world.item("I1", world.bib("b1"));
        world.item("I2", world.bib("b2"), "BOOK", "BRANCH");
        world.ok(world.checkout("P1", "I1"));

        Views.PatronInfo atBranch = world.ok(new Commands.LookupPatron(world.at("BRANCH"), "P1", null));
        assertFalse(atBranch.canBorrow(), atBranch.flags()::toString);
        assertTrue(atBranch.flags().contains(PatronFlag.TOO_MANY_ITEMS_CHARGED));
        assertEquals(1, atBranch.maxLoans());
        world.refused(new Commands.CheckOut(world.at("BRANCH"), "P1", "I2", null, false, false, false), RefusalReason.TOO_MANY_LOANS);

        assertTrue(world.info("P1").canBorrow(), "at MAIN the wildcard limit of 10 applies");
    }
}
