package org.stackbridge.adapter.memory.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stackbridge.adapter.memory.World;
import org.stackbridge.core.command.PatronCommands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.CirculationEvent;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.Fee;
import org.stackbridge.core.model.FeeType;
import org.stackbridge.core.outcome.PatronViews;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.service.EngineSettings;

/** Card replacement with the configured replacement fee, and the possible-duplicate rule for new patrons. */
class PatronCardScenariosTest {

    private final World world = new World(EngineSettings.defaults().withCardReplacementFee(new BigDecimal("2.50")));

    @AfterEach
    void tearDown() {
        world.close();
    }

    private static RequestContext staff() {
        return new RequestContext(Channel.DESK, "grace", "staff-console", "MAIN", "MAIN", null, null);
    }

    private void create(String barcode, String name, LocalDate birth, String email) {
        world.ok(new PatronCommands.CreatePatron(staff(), new PatronCommands.PatronDetails(barcode, name, "ADULT", "MAIN", email, null, null,
                null, birth, null, null), null));
    }

    private List<String> duplicates(String name, LocalDate birth, String email) {
        PatronViews.PatronPage page = world.ok(new PatronCommands.FindDuplicatePatrons(staff(), name, birth, email));
        return page.patrons().stream().map(Views.PatronView::barcode).toList();
    }

    @Test
    void aReplacedCardIsChargedTheConfiguredFeeInTheSameTransaction() {
        world.patron("P1");
        world.ok(new PatronCommands.ReplaceCard(staff(), "P1", "P1B", true));
        List<Fee> fees = world.openFees("P1B");
        assertEquals(1, fees.size());
        assertEquals(FeeType.CARD_REPLACEMENT, fees.get(0).type());
        assertEquals(0, new BigDecimal("2.50").compareTo(fees.get(0).amount().amount()));
        List<CirculationEvent> events = world.events();
        CirculationEvent replaced = events.stream().filter(e -> e.type() == EventType.PATRON_CARD_REPLACED).findFirst().orElseThrow();
        assertEquals("grace", replaced.actor());
        assertTrue(replaced.detail().contains("replacement fee 2.50 USD charged"), replaced.detail());
        assertEquals(EventType.FEE_ASSESSED, events.get(events.size() - 1).type());
    }

    @Test
    void staffMayWaiveTheReplacementFee() {
        world.patron("P1");
        world.ok(new PatronCommands.ReplaceCard(staff(), "P1", "P1B", false));
        assertEquals(List.of(), world.openFees("P1B"));
        assertTrue(world.events().get(world.events().size() - 1).detail().contains("no replacement fee charged"));
    }

    @Test
    void withoutAConfiguredFeeAReplacementChargesNothing() {
        try (World free = new World()) {
            free.patron("P1");
            free.ok(new PatronCommands.ReplaceCard(staff(), "P1", "P1B"));
            assertEquals(List.of(), free.openFees("P1B"));
        }
    }

    @Test
    void aRefusedReplacementChargesNothing() {
        world.patron("P1");
        world.patron("P2");
        world.refusedWithoutChange(new PatronCommands.ReplaceCard(staff(), "P1", "P2", true), RefusalReason.DUPLICATE);
    }

    @Test
    void aPossibleDuplicateHasTheSameNameAndBirthDateOrTheSameEmail() {
        LocalDate birth = LocalDate.of(1990, 5, 17);
        create("D1", "Zoë  Martin", birth, "zoe@example.org");
        create("D2", "Zoe Martinez", birth, null);
        create("D3", "Zoe Martin", LocalDate.of(1991, 5, 17), null);
        create("D4", "Someone Else", null, "ZOE.M@example.org");

        assertEquals(List.of("D1"), duplicates("zoe martin", birth, null), "folded name and same birth date; a longer name is not the same");
        assertEquals(List.of(), duplicates("Zoe Martin", LocalDate.of(1980, 1, 1), null), "same name, other birth date");
        assertEquals(List.of(), duplicates("Zoe Martin", null, null), "a name alone is not enough");
        assertEquals(List.of("D4"), duplicates("New Name", null, "zoe.m@EXAMPLE.org"), "same e-mail, case ignored");
        assertEquals(List.of(), duplicates("New Name", null, "zoe.m@example.org.uk"), "an e-mail that only starts the same");
        assertEquals(List.of("D1", "D4"), duplicates("Zoe Martin", birth, "zoe.m@example.org"));
    }
}
