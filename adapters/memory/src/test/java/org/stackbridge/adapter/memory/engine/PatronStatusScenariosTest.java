package org.stackbridge.adapter.memory.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stackbridge.adapter.memory.World;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.outcome.PatronFlag;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;

/**
 * LookupPatronBrief with PatronLines.NONE answers what LookupPatron answers, without the loan, hold and fee lines; with OWN_ROWS,
 * the lines but without their items' details.
 */
class PatronStatusScenariosTest {

    private final World world = new World();

    @AfterEach
    void tearDown() {
        world.close();
    }

    @Test
    void statusIsTheFullLookupWithoutItsLines() {
        patronWithEveryKindOfLine(1);

        Views.PatronInfo full = world.ok(new Commands.LookupPatron(world.ctx(), "P1", World.PIN));
        Views.PatronInfo status = world.ok(status("P1", World.PIN));
        assertFalse(full.loans().isEmpty() || full.holds().isEmpty() || full.fees().isEmpty(), "the full lookup has every kind of line");
        assertTrue(full.flags().contains(PatronFlag.EXCESSIVE_OUTSTANDING_FEES), full.flags().toString());
        assertEquals(withoutLines(full), status);
        assertEquals(Views.PinCheck.VALID, status.pin());
    }

    @Test
    void countsAreTheFullLookupWithoutItemDetails() {
        patronWithEveryKindOfLine(2);

        Views.PatronInfo full = world.ok(new Commands.LookupPatron(world.ctx(), "P1", World.PIN));
        Views.PatronInfo counts = world.ok(new Commands.LookupPatronBrief(new Commands.LookupPatron(world.ctx(), "P1", World.PIN), Commands.PatronLines.OWN_ROWS));
        assertEquals(2, full.loans().size());
        assertEquals(withoutItemDetails(full), counts);
        assertEquals(full.overdueLoans().size(), counts.overdueLoans().size());
        assertEquals(full.availableHolds().size(), counts.availableHolds().size());
        assertEquals(Views.PinCheck.INVALID,
                world.ok(new Commands.LookupPatronBrief(new Commands.LookupPatron(world.ctx(), "P1", "0000"), Commands.PatronLines.OWN_ROWS)).pin());
    }

    /**
     * P1 with {@code loans} loans (of I1, then I2), a title hold on b2 and a 25.00 fee, 60 days later: every loan
     * overdue, every kind of line present.
     */
    private void patronWithEveryKindOfLine(int loans) {
        world.patron("P1");
        BibRecord dune = world.bib("b1");
        BibRecord emma = world.bib("b2");
        world.item("I1", dune);
        world.item("I2", emma);
        world.item("I3", emma);
        for (int i = 1; i <= loans; i++) {
            world.ok(world.checkout("P1", "I" + i));
        }
        world.ok(world.titleHold("P1", "b2", "MAIN"));
        world.ok(world.assess("P1", "25.00"));
        world.advanceDays(60);
    }

    /** The lines as PatronLines.OWN_ROWS gives them: no item barcode or title, no queue position. */
    private static Views.PatronInfo withoutItemDetails(Views.PatronInfo i) {
        return new Views.PatronInfo(i.patron(), i.flags(), i.pin(), i.balance(), i.feeLimit(),
                i.loans().stream().map(l -> new Views.LoanLine(null, null, l.issuedAt(), l.dueAt(), l.renewals(), l.overdue())).toList(),
                i.holds().stream().map(h -> new Views.HoldLine(h.holdId(), null, null, null, h.pickupLibrary(), h.status(), 0, h.expiresOn(),
                        h.placedAt())).toList(),
                i.fees().stream().map(f -> new Views.FeeLine(f.feeId(), f.type(), f.amount(), f.remaining(), null, f.description(),
                        f.createdAt())).toList(),
                i.blocks(), i.maxLoans(), i.canBorrow(), i.pinLocked());
    }

    @Test
    void statusChecksThePinAndRefusesAnUnknownPatron() {
        world.patron("P1");
        assertEquals(Views.PinCheck.INVALID, world.ok(status("P1", "0000")).pin());
        assertEquals(Views.PinCheck.NOT_CHECKED, world.ok(status("P1", null)).pin());
        world.refusedWithoutChange(status("NOPE", null), RefusalReason.UNKNOWN_PATRON);
    }

    private Commands.LookupPatronBrief status(String barcode, String pin) {
        return new Commands.LookupPatronBrief(new Commands.LookupPatron(world.ctx(), barcode, pin), Commands.PatronLines.NONE);
    }

    private static Views.PatronInfo withoutLines(Views.PatronInfo i) {
        return new Views.PatronInfo(i.patron(), i.flags(), i.pin(), i.balance(), i.feeLimit(), List.of(), List.of(), List.of(), i.blocks(),
                i.maxLoans(), i.canBorrow(), i.pinLocked());
    }
}
