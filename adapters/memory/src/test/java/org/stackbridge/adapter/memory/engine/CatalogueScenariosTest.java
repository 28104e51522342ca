package org.stackbridge.adapter.memory.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stackbridge.adapter.memory.World;
import org.stackbridge.core.cataloguing.CatalogueCommands;
import org.stackbridge.core.cataloguing.CatalogueViews;
import org.stackbridge.core.cataloguing.CataloguingEngine;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.policy.ItemStatusSettings;
import org.stackbridge.core.policy.RecordVerification;

/** Records and items: add, verify, overlay, add items. */
class CatalogueScenariosTest {

    private static final String ISBN = "9780306406157";

    private World world;

    @BeforeEach
    void setUp() {
        world = new World();
        CataloguingEngine.registerWith(world.circ.engine(), ItemStatusSettings.defaults());
        world.patron("P1");
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    private static BibRecord bib(String cn, String title, byte[] marc) {
        return new BibRecord(0, cn, title, "Author", null, null, "2026", marc);
    }

    private CatalogueCommands.AddBib add(String cn, String title, String isbn, boolean allowDuplicate) {
        return new CatalogueCommands.AddBib(world.ctx(), bib(cn, title, MarcTestRecords.book(cn, title, isbn)), allowDuplicate);
    }

    @Test
    void aRecordIsAddedWithItsIdentifiersAndLogged() {
        CatalogueViews.BibSaved saved = world.ok(add("r1", "First", ISBN, false));
        assertTrue(saved.created());
        assertTrue(saved.verification().passed());
        assertEquals(RecordVerification.CHECKS, saved.verification().checks());
        assertEquals("r1", saved.record().biblio().controlNumber());
        assertEquals(ISBN, saved.record().biblio().identifiers().get(0).value());
        assertTrue(world.events().stream().anyMatch(e -> e.type() == EventType.BIB_CREATED && e.detail().contains("r1")));
        world.refusedWithoutChange(add("r1", "Again", null, false), RefusalReason.DUPLICATE);
    }

    @Test
    void aDuplicateByIsbnIsReportedAndAddedOnlyWhenAllowed() {
        world.ok(add("r1", "First", ISBN, false));
        Outcome.Refused<CatalogueViews.BibSaved> dup = world.refusedWithoutChange(add("r2", "Copy", "0-306-40615-2", false), RefusalReason.DUPLICATE);
        RecordVerification.Report report = (RecordVerification.Report) dup.context();
        assertEquals(1, report.duplicates().size());
        assertEquals("r1", report.duplicates().get(0).controlNumber());
        assertEquals("ISBN", report.duplicates().get(0).identifier());
        CatalogueViews.BibSaved allowed = world.ok(add("r2", "Copy", "0-306-40615-2", true));
        assertEquals(1, allowed.verification().duplicates().size());
    }

    @Test
    void aRecordFailingVerificationIsRefusedNamingTheFields() {
        Outcome.Refused<CatalogueViews.BibSaved> bad = world.refusedWithoutChange(add("r3", "Bad", "9780306406158", false),
                RefusalReason.INVALID_REQUEST);
        RecordVerification.Report report = (RecordVerification.Report) bad.context();
        assertEquals("020", report.errors().get(0).field());
        byte[] no245 = MarcTestRecords.record("001 r4", "022   $a0317-8472");
        RecordVerification.Report missing = (RecordVerification.Report) world.refusedWithoutChange(
                new CatalogueCommands.AddBib(world.ctx(), bib("r4", "", no245), false), RefusalReason.INVALID_REQUEST).context();
        List<String> fields = missing.errors().stream().map(RecordVerification.Finding::field).toList();
        assertTrue(fields.containsAll(List.of("245", "008", "022")), fields.toString());
        assertTrue(RecordVerification.issnValid("0317-8471"));
    }

    @Test
    void anOverlayReplacesTheRecordAndKeepsItsItems() {
        world.ok(add("r1", "First", ISBN, false));
        world.ok(new CatalogueCommands.AddItem(world.ctx(), "r1", "NEW1", "MAIN", "Stacks", "QA 1", "BOOK", Money.of("9.99", "USD")));
        CatalogueViews.BibSaved overlaid = world.ok(new CatalogueCommands.OverlayBib(world.ctx(), "r1",
                bib("r1", "First, revised", MarcTestRecords.book("r1", "First, revised", ISBN)), false));
        assertEquals("First, revised", overlaid.record().biblio().title());
        assertEquals(List.of("NEW1"), overlaid.record().items().stream().map(Views.ItemInfo::barcode).toList());
        assertTrue(world.events().stream().anyMatch(e -> e.type() == EventType.BIB_UPDATED
                && e.detail().contains("title: First -> First, revised")), world.events().toString());
        world.refusedWithoutChange(new CatalogueCommands.OverlayBib(world.ctx(), "nope", bib("nope", "x", MarcTestRecords.book("nope", "x", null)),
                false), RefusalReason.UNKNOWN_BIB);
    }

    @Test
    void anItemNeedsAKnownRecordLibraryAndANewBarcode() {
        world.ok(add("r1", "First", null, false));
        Views.ItemInfo item = world.ok(new CatalogueCommands.AddItem(world.ctx(), "r1", "NEW1", "BRANCH", null, null, "BOOK", null));
        assertEquals("BRANCH", item.homeLibrary());
        assertEquals("r1", item.bibControlNumber());
        world.refusedWithoutChange(new CatalogueCommands.AddItem(world.ctx(), "r1", "NEW1", "MAIN", null, null, "BOOK", null),
                RefusalReason.DUPLICATE);
        world.refusedWithoutChange(new CatalogueCommands.AddItem(world.ctx(), "r9", "NEW2", "MAIN", null, null, "BOOK", null),
                RefusalReason.UNKNOWN_BIB);
        world.refusedWithoutChange(new CatalogueCommands.AddItem(world.ctx(), "r1", "NEW2", "NOWHERE", null, null, "BOOK", null),
                RefusalReason.UNKNOWN_LIBRARY);
        world.refusedWithoutChange(new CatalogueCommands.AddItem(world.ctx(), "r1", "NEW2", "OTHER", null, null, "BOOK", null),
                RefusalReason.OUT_OF_INSTITUTION);
        CatalogueViews.BibDetail detail = world.ok(new CatalogueCommands.LookupBib(world.ctx(), "r1"));
        assertEquals(1, detail.items().size());
    }

    @Test
    void editingAnItemKeepsWhatIsNotGivenAndLogsBeforeAndAfter() {
        world.ok(add("r1", "First", null, false));
        world.ok(new CatalogueCommands.AddItem(world.ctx(), "r1", "NEW1", "MAIN", "Stacks", "QA 1", "BOOK", Money.of("9.99", "USD")));
        CatalogueViews.ItemChanged edited = world.ok(new CatalogueCommands.ChangeItem(world.ctx(), "NEW1",
                new CatalogueCommands.ItemEdit("DVD", null, null, null, Money.of("12.00", "USD")), null, null, null, null));
        assertEquals("DVD", edited.item().itemType());
        assertEquals("Stacks", edited.item().location());
        assertEquals("QA 1", edited.item().callNumber());
        assertEquals(Money.of("12.00", "USD"), edited.item().price());
        assertTrue(world.events().stream().anyMatch(e -> e.type() == EventType.ITEM_UPDATED
                && e.detail().contains("item_type: BOOK -> DVD") && e.detail().contains("price: 9.99 -> 12.00")), world.events().toString());
    }
}
