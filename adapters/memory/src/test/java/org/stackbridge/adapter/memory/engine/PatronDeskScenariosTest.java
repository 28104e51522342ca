package org.stackbridge.adapter.memory.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stackbridge.adapter.memory.World;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.PatronCommands;
import org.stackbridge.core.command.PatronCommands.PatronField;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.BlockType;
import org.stackbridge.core.model.Changes;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.CirculationEvent;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.NoticePreference;
import org.stackbridge.core.outcome.PatronFlag;
import org.stackbridge.core.outcome.PatronViews;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.policy.MembershipPolicy;
import org.stackbridge.core.security.PinSettings;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.core.service.EngineSettings;

/** The patron desk's rules: typed blocks and Patron Enable, lost cards, creation, changes, membership, anonymisation, PINs. */
class PatronDeskScenariosTest {

    private static final EngineSettings SETTINGS = new EngineSettings(Currency.getInstance("USD"), new BigDecimal("10.00"), 10,
            Duration.ofDays(7), PinSettings.DEFAULTS, new MembershipPolicy(Set.of("ADULT", "CHILD"), Map.of("CHILD", Period.ofYears(2))));

    private final AtomicInteger slowChecks = new AtomicInteger();
    private final World world = new World(SETTINGS, (pin, hash) -> {
        slowChecks.incrementAndGet();
        return SecretHasher.verify(pin, hash);
    });

    @AfterEach
    void tearDown() {
        world.close();
    }

    private static RequestContext staff() {
        return new RequestContext(Channel.API, "grace", "staff-api", "MAIN", "MAIN", null, null);
    }

    private PatronCommands.PatronDetails details(String barcode, String category) {
        return new PatronCommands.PatronDetails(barcode, "Reader " + barcode, category, "MAIN", null, null, null, null, null, null, null);
    }

    private CirculationEvent lastEvent() {
        List<CirculationEvent> events = world.events();
        return events.get(events.size() - 1);
    }

    // ------------------------------------------------------------ blocks and Patron Enable

    @Test
    void patronEnableLiftsOnlyKioskBlocksNeverAStaffBlock() {
        world.patron("P1");
        world.ok(new PatronCommands.PlaceBlock(staff(), "P1", BlockType.ADDRESS_UNKNOWN, null, "mail returned", null));
        world.ok(new Commands.BlockPatron(world.ctx(), "P1", "Card left in machine", false));
        Views.PatronInfo enabled = world.ok(new Commands.UnblockPatron(world.ctx(), "P1"));
        assertEquals(1, enabled.blocks().size(), enabled.blocks().toString());
        assertEquals(BlockType.ADDRESS_UNKNOWN, enabled.blocks().get(0).type());
        assertEquals("mail returned", enabled.blocks().get(0).note());
        assertEquals("grace", enabled.blocks().get(0).placedBy());
        assertTrue(enabled.flags().contains(PatronFlag.CHARGE_PRIVILEGES_DENIED));
        assertEquals("kiosk blocks lifted: 1, staff blocks kept: 1", lastEvent().detail());
    }

    @Test
    void repeatedKioskBlocksDoNotPileUp() {
        world.patron("P1");
        for (int i = 0; i < 3; i++) {
            world.ok(new Commands.BlockPatron(world.ctx(), "P1", "Card left in machine", false));
        }
        PatronViews.PatronBlocks blocks = world.ok(new PatronCommands.ListBlocks(staff(), "P1"));
        assertEquals(1, blocks.blocks().size(), blocks.toString());
        assertEquals(BlockType.KIOSK, blocks.blocks().get(0).type());
        assertEquals(1, world.events().stream().filter(e -> e.type() == EventType.PATRON_BLOCKED).count());
    }

    @Test
    void staffCannotPlaceAKioskBlockAndLiftingAnUnknownBlockIsRefused() {
        world.patron("P1");
        world.refusedWithoutChange(new PatronCommands.PlaceBlock(staff(), "P1", BlockType.KIOSK, null, null, null), RefusalReason.INVALID_REQUEST);
        world.refusedWithoutChange(new PatronCommands.RemoveBlock(staff(), "P1", 42), RefusalReason.UNKNOWN_BLOCK);
        Views.BlockLine b = world.ok(new PatronCommands.PlaceBlock(staff(), "P1", BlockType.FEES, "Pay first", null, null));
        world.ok(new PatronCommands.RemoveBlock(staff(), "P1", b.blockId()));
        assertTrue(world.info("P1").canBorrow());
        Changes.Parsed lifted = Changes.parse(lastEvent().detail());
        assertEquals("block lifted", lifted.summary());
        assertEquals(new Changes.Change("block." + b.blockId() + ".type", "FEES", null), lifted.changes().get(0));
    }

    // ------------------------------------------------------------ cards

    @Test
    void aReplacedCardAnswersCardLostEverywhereAndNeverTheAccount() {
        world.patron("P1");
        world.item("I1", world.bib("b1"));
        Views.PatronInfo replaced = world.ok(new PatronCommands.ReplaceCard(staff(), "P1", "P1B"));
        assertEquals("P1B", replaced.patron().barcode());
        world.refusedWithoutChange(world.lookup("P1"), RefusalReason.CARD_LOST);
        world.refusedWithoutChange(world.checkout("P1", "I1"), RefusalReason.CARD_LOST);
        world.refusedWithoutChange(world.renew("P1", "I1"), RefusalReason.CARD_LOST);
        world.refusedWithoutChange(new PatronCommands.CreatePatron(staff(), details("P1", "ADULT"), null), RefusalReason.DUPLICATE);
        world.ok(world.checkout("P1B", "I1"));
        world.refused(world.lookup("NEVER"), RefusalReason.UNKNOWN_PATRON);
    }

    // ------------------------------------------------------------ create and update

    @Test
    void createChecksCategoryLibraryAndBarcodeBeforeWritingAnything() {
        world.patron("P1");
        assertEquals("category", ((PatronViews.FieldProblem) world.refusedWithoutChange(
                new PatronCommands.CreatePatron(staff(), details("N1", "PIRATE"), null), RefusalReason.INVALID_REQUEST).context()).field());
        PatronCommands.PatronDetails elsewhere = new PatronCommands.PatronDetails("N1", "X", "ADULT", "OTHER", null, null, null, null, null,
                null, null);
        assertEquals("home_library", ((PatronViews.FieldProblem) world.refusedWithoutChange(
                new PatronCommands.CreatePatron(staff(), elsewhere, null), RefusalReason.INVALID_REQUEST).context()).field());
        world.refusedWithoutChange(new PatronCommands.CreatePatron(staff(), details("P1", "ADULT"), null), RefusalReason.DUPLICATE);
        world.refusedWithoutChange(new PatronCommands.CreatePatron(staff(), details("N1", "ADULT"), "1234"), RefusalReason.INVALID_REQUEST);

        Views.PatronInfo created = world.ok(new PatronCommands.CreatePatron(staff(), details("N1", "ADULT"), new SecretHasher(1_000).hash("9876")));
        assertEquals(NoticePreference.PRINT, created.patron().noticePreference());
        assertEquals(Views.PinCheck.VALID, world.ok(new Commands.LookupPatron(world.ctx(), "N1", "9876")).pin());
        assertEquals(EventType.PATRON_CREATED, lastEvent().type());
        assertEquals("grace", lastEvent().actor());
    }

    @Test
    void anUpdateLogsTheBeforeAndAfterOfChangedFieldsOnly() {
        world.patron("P1");
        PatronCommands.PatronPatch patch = new PatronCommands.PatronPatch(Set.of(PatronField.EMAIL, PatronField.LANGUAGE, PatronField.NAME),
                "Patron P1", null, null, "p1@example.org", null, null, null, null, null, "fr");
        Views.PatronInfo info = world.ok(new PatronCommands.UpdatePatron(staff(), "P1", patch));
        assertEquals("p1@example.org", info.patron().email());
        CirculationEvent e = lastEvent();
        assertEquals(EventType.PATRON_UPDATED, e.type());
        assertEquals("grace", e.actor());
        assertEquals(List.of(new Changes.Change("email", "P1@example.org", "p1@example.org"), new Changes.Change("language", null, "fr")),
                Changes.parse(e.detail()).changes(), "the unchanged name is not recorded");
        int before = world.events().size();
        world.ok(new PatronCommands.UpdatePatron(staff(), "P1", patch));
        assertEquals(before, world.events().size(), "a change to the same values logs nothing");
        world.refusedWithoutChange(new PatronCommands.UpdatePatron(staff(), "P1", new PatronCommands.PatronPatch(Set.of(PatronField.CATEGORY),
                null, "PIRATE", null, null, null, null, null, null, null, null)), RefusalReason.INVALID_REQUEST);
    }

    // ------------------------------------------------------------ membership

    @Test
    void membershipRenewsByTheCategoryPeriodElseTheGivenDateElseAYear() {
        world.ok(new PatronCommands.CreatePatron(staff(), details("A1", "ADULT"), null));
        world.ok(new PatronCommands.CreatePatron(staff(), details("C1", "CHILD"), null));
        LocalDate today = LocalDate.of(2026, 3, 2);
        assertEquals(today.plusYears(2), world.ok(new PatronCommands.ChangeMembership(staff(), "C1",
                PatronCommands.MembershipAction.RENEW, null)).patron().expires());
        world.refusedWithoutChange(new PatronCommands.ChangeMembership(staff(), "C1", PatronCommands.MembershipAction.RENEW,
                today.plusMonths(3)), RefusalReason.INVALID_REQUEST);
        assertEquals(today.plusMonths(3), world.ok(new PatronCommands.ChangeMembership(staff(), "A1",
                PatronCommands.MembershipAction.RENEW, today.plusMonths(3))).patron().expires());
        assertEquals(today.plusMonths(3).plusYears(1), world.ok(new PatronCommands.ChangeMembership(staff(), "A1",
                PatronCommands.MembershipAction.RENEW, null)).patron().expires(), "a running membership renews from its expiry");
        Views.PatronInfo ended = world.ok(new PatronCommands.ChangeMembership(staff(), "A1", PatronCommands.MembershipAction.EXPIRE, null));
        assertEquals(today.minusDays(1), ended.patron().expires());
        assertFalse(ended.canBorrow());
    }

    // ------------------------------------------------------------ anonymisation

    @Test
    void anonymisingIsRefusedWithLoansOrFeesAndKeepsTheRecordsHistoryWithoutThePatron() {
        world.patron("P1");
        world.item("I1", world.bib("b1"));
        world.ok(world.checkout("P1", "I1"));
        world.refusedWithoutChange(new PatronCommands.AnonymisePatron(staff(), "P1"), RefusalReason.INVALID_REQUEST);
        world.ok(world.checkin("I1"));
        world.ok(world.assess("P1", "2.50"));
        world.refusedWithoutChange(new PatronCommands.AnonymisePatron(staff(), "P1"), RefusalReason.INVALID_REQUEST);
        world.ok(world.pay("P1", "2.50", null, "t1"));
        world.ok(new PatronCommands.ReplaceCard(staff(), "P1", "P1B"));
        world.ok(new PatronCommands.PlaceBlock(staff(), "P1B", BlockType.MANUAL, "x", "private note", null));

        Views.PatronView anon = world.ok(new PatronCommands.AnonymisePatron(staff(), "P1B"));
        assertTrue(anon.barcode().startsWith("ANON-"), anon.barcode());
        assertNull(anon.email());
        assertNull(anon.birthDate());
        world.refused(world.lookup("P1B"), RefusalReason.UNKNOWN_PATRON);
        world.refused(world.lookup("P1"), RefusalReason.UNKNOWN_PATRON);
        PatronViews.PatronBlocks blocks = world.ok(new PatronCommands.ListBlocks(staff(), anon.barcode()));
        assertTrue(blocks.blocks().isEmpty());
        PatronViews.HistoryPage history = world.ok(new PatronCommands.PatronHistory(staff(), anon.barcode(), 1, 100));
        // the closed loan lost its patron link (the loan-history anonymisation step) but is still in the item's history
        assertTrue(history.events().stream().noneMatch(h -> h.type() == EventType.CHECKOUT), "the loan is no longer the patron's");
        long itemId = world.circ.store().runNow(tx -> tx.items().byBarcode("I1")).orElseThrow().id();
        assertTrue(world.circ.store().runNow(tx -> tx.events().forItem(itemId, 100)).stream()
                .anyMatch(e -> e.type() == EventType.CHECKOUT && e.patronId() == null), "loans still count, without the patron");
        assertTrue(history.events().stream().anyMatch(h -> h.type() == EventType.FEE_PAID), "fees paid still count");
        assertEquals(EventType.PATRON_ANONYMISED, history.events().get(0).type());
    }

    // ------------------------------------------------------------ PINs

    @Test
    void aPinResetForgetsTheRememberedOldPin() {
        world.patron("P1");
        assertEquals(Views.PinCheck.VALID, world.ok(new Commands.LookupPatron(world.ctx(), "P1", World.PIN)).pin());
        assertEquals(Views.PinCheck.VALID, world.ok(new Commands.LookupPatron(world.ctx(), "P1", World.PIN)).pin());
        assertEquals(1, slowChecks.get(), "the second check was remembered");
        world.ok(new PatronCommands.ResetPin(staff(), "P1", new SecretHasher(1_000).hash("5678")));
        assertEquals(Views.PinCheck.INVALID, world.ok(new Commands.LookupPatron(world.ctx(), "P1", World.PIN)).pin());
        assertEquals(Views.PinCheck.VALID, world.ok(new Commands.LookupPatron(world.ctx(), "P1", "5678")).pin());
        assertFalse(lastEvent().detail().contains("5678"));
        world.refusedWithoutChange(new PatronCommands.ResetPin(staff(), "P1", "5678"), RefusalReason.INVALID_REQUEST);
    }

    // ------------------------------------------------------------ search and history

    @Test
    void searchMatchesPrefixesOfFoldedNamesAndPhoneDigits() {
        world.ok(new PatronCommands.CreatePatron(staff(), new PatronCommands.PatronDetails("S1", "Émile Zola", "ADULT", "MAIN",
                "emile@zola.example", "+33 (1) 42 00", null, null, null, null, null), null));
        world.ok(new PatronCommands.CreatePatron(staff(), details("S2", "ADULT"), null));
        PatronViews.PatronPage byName = world.ok(new PatronCommands.SearchPatrons(staff(),
                new org.stackbridge.core.model.PatronSearch(null, "emile", null, null, null), 1, 10));
        assertEquals(List.of("S1"), byName.patrons().stream().map(Views.PatronView::barcode).toList());
        PatronViews.PatronPage byPhone = world.ok(new PatronCommands.SearchPatrons(staff(),
                new org.stackbridge.core.model.PatronSearch("331420", null, null, null, null), 1, 10));
        assertEquals(List.of("S1"), byPhone.patrons().stream().map(Views.PatronView::barcode).toList());
        PatronViews.PatronPage all = world.ok(new PatronCommands.SearchPatrons(staff(),
                new org.stackbridge.core.model.PatronSearch("reader", null, null, null, null), 1, 10));
        assertEquals(List.of("S2"), all.patrons().stream().map(Views.PatronView::barcode).toList());
    }
}
