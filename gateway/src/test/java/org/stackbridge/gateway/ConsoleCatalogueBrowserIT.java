package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.marc4j.marc.DataField;
import org.marc4j.marc.Record;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.stackbridge.core.cataloguing.CatalogueCommands;
import org.stackbridge.core.cataloguing.CatalogueViews;
import org.stackbridge.core.command.Command;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.CirculationEvent;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.FeeType;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.model.StaffAccount;
import org.stackbridge.core.model.StaffRole;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.core.testing.TestClock;
import org.stackbridge.gateway.CataloguingApiContract.MarcFixtures;

/**
 * The items, catalogue and copy-cataloguing screens of the console in a real headless Chromium against the whole
 * gateway: an item looked up and marked lost bills its borrower, its check-in gives the replacement fee back; a
 * claims-returned loan; a technician sees no status form and is refused when posting it anyway; a record copied from a
 * second gateway used as the Z39.50 target (two hits compared side by side, one imported with its verification
 * report, an item added) is found by the first gateway's catalogue search. Without the browser the tests skip, or
 * fail when {@code STACKBRIDGE_REQUIRE_INTEROP=true} (CI). {@code docs/console/copycat.png} is taken here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ConsoleCatalogueBrowserIT {

    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
    private static final String PASSWORD = "correct horse";
    private static final String TITLE = "Tides of the Ringed Sea";
    private static final String ISBN_3RD = "9780306406157";
    private static final String ISBN_2ND = "9781861972712";

    @TempDir
    static Path data;
    TestClock clock;
    Gateway remote;
    Gateway gateway;
    ConsoleBrowser kit;
    ChromeDriver browser;
    String base;

    @BeforeAll
    void start() throws Exception {
        clock = new TestClock(T0);
        // the second gateway: the Z39.50 target, with two editions of one title in its catalogue
        remote = TestGateways.start(Files.createDirectories(data.resolve("remote")), clock, "libraries:", "  - {code: MAIN, name: Remote Library}");
        Record third = MarcFixtures.record("rem-3rd", TITLE, "Okafor, Ngozi", ISBN_3RD, "(OCoLC)777001");
        ((DataField) third.getVariableField("250")).getSubfield('a').setData("3rd ed.");
        Record second = MarcFixtures.record("rem-2nd", TITLE, "Okafor, Ngozi", ISBN_2ND, "(OCoLC)777001");
        remote.storage().write(tx -> {
            tx.bibs().insert(MarcFixtures.bib(third));
            tx.bibs().insert(MarcFixtures.bib(second));
            return null;
        }).get(30, TimeUnit.SECONDS);
        remote.catalogue().rebuild();

        gateway = TestGateways.start(Files.createDirectories(data.resolve("local")), clock,
                "libraries:",
                "  - {code: MAIN, name: Main Library}",
                "items: {lost-replacement-fee: 30.00, lost-processing-fee: 5.00, lost-item-return: refund-replacement}",
                "federation:",
                "  targets:",
                "    remote: {type: z3950, host: 127.0.0.1, port: " + remote.boundPorts().get("z3950") + ", database: Default, timeout-seconds: 10}");
        String hash = new SecretHasher(1_000).hash(PASSWORD);
        gateway.storage().write(tx -> {
            tx.staff().save(new StaffAccount("grace", hash, StaffRole.LIBRARIAN, "MAIN", true));
            tx.staff().save(new StaffAccount("tim", hash, StaffRole.TECHNICIAN, "MAIN", true));
            tx.patrons().insert(new Patron(0, "P1", null, "Ada Reader", "ADULT", null, null, null, LocalDate.of(2030, 1, 1), "MAIN", false));
            tx.patrons().insert(new Patron(0, "P2", null, "Ben Claimer", "ADULT", null, null, null, LocalDate.of(2030, 1, 1), "MAIN", false));
            BibRecord bib = tx.bibs().insert(MarcFixtures.bib(MarcFixtures.record("loc-1", "The Lathe of Heaven", "Le Guin, Ursula K.",
                    null, null)));
            tx.items().insert(new Item(0, "I1", bib.id(), "BOOK", "MAIN", "MAIN", "Stacks", "PS3562 L3", new BigDecimal("20.00"),
                    ItemStatus.AVAILABLE, null, null));
            tx.items().insert(new Item(0, "I2", bib.id(), "BOOK", "MAIN", "MAIN", "Stacks", "PS3562 L3 c.2", new BigDecimal("20.00"),
                    ItemStatus.AVAILABLE, null, null));
            tx.items().insert(new Item(0, "I3", bib.id(), "BOOK", "MAIN", "MAIN", "Stacks", "PS3562 L3 c.3", null, ItemStatus.AVAILABLE, null, null));
            return null;
        }).get(30, TimeUnit.SECONDS);
        gateway.catalogue().rebuild();
        engine(new Commands.CheckOut(desk(), "P1", "I1", null, false, false, false));
        engine(new Commands.CheckOut(desk(), "P2", "I2", null, false, false, false));

        kit = new ConsoleBrowser(gateway);
        browser = kit.driver;
        base = kit.base;
    }

    @AfterAll
    void stop() {
        ConsoleBrowser.closeAll(kit, gateway, remote);
    }

    @BeforeEach
    void freshBrowser() {
        clock.set(T0);
        kit.signOutAll();
    }

    private static RequestContext desk() {
        return ConsoleBrowser.setupContext();
    }

    private <R> R engine(Command<R> command) throws Exception {
        return ConsoleBrowser.succeed(gateway, command);
    }

    private Views.PatronInfo patron(String barcode) throws Exception {
        return engine(new Commands.LookupPatron(desk(), barcode, null));
    }

    private List<CirculationEvent> events(String itemBarcode) throws Exception {
        return gateway.storage().read(tx -> tx.items().byBarcode(itemBarcode).map(i -> tx.events().forItem(i.id(), 1000)).orElse(List.of()))
                .get(30, TimeUnit.SECONDS);
    }

    private String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private void submit(WebElement button) {
        String before = kit.panelMarker();
        button.click();
        kit.waitFor(() -> !kit.panelMarker().equals(before));
    }

    // ------------------------------------------------------------------ items

    @Test
    void anItemMarkedLostBillsItsBorrowerAndItsCheckInGivesTheReplacementFeeBack() throws Exception {
        kit.signIn("grace", PASSWORD);
        browser.get(base + "/items");
        kit.scan("I1");
        assertEquals("checked out", text(".item-status"));
        assertTrue(text(".item-details").contains("P1"), text(".item-details"));
        assertTrue(text(".item-details").contains("PS3562 L3"), text(".item-details"));
        assertEquals(List.of(), kit.axeViolations(), "axe-core on the item page");

        new Select(browser.findElement(By.id("status"))).selectByValue("LOST");
        browser.findElement(By.id("note")).sendKeys("not returned after three notices");
        submit(browser.findElement(By.cssSelector("form[action$='/status'] button")));
        String notice = kit.notice();
        assertTrue(notice.contains("Marked I1 lost") && notice.contains("loan is marked lost") && notice.contains("Ada Reader")
                && notice.contains("lost 20.00 USD") && notice.contains("processing 5.00 USD"), notice);
        assertEquals("lost", text(".item-status"));
        Views.PatronInfo billed = patron("P1");
        assertEquals(new BigDecimal("25.00"), billed.balance().amount());
        assertTrue(billed.fees().stream().anyMatch(f -> f.type() == FeeType.LOST), billed.fees().toString());
        assertTrue(events("I1").stream().anyMatch(e -> e.type() == EventType.ITEM_STATUS_CHANGED && "grace".equals(e.actor())),
                "the event log names the librarian");

        // found: checked in at the desk, the unpaid replacement fee is cancelled, the processing fee stays
        browser.get(base + "/desk/checkin");
        kit.scan("I1");
        assertTrue(kit.notice().contains("Checked in I1"), kit.notice());
        assertEquals(new BigDecimal("5.00"), patron("P1").balance().amount());
        browser.get(base + "/items?barcode=I1");
        assertEquals("available", text(".item-status"));
    }

    @Test
    void aClaimsReturnedLoanIsRecordedAndATechnicianCannotChangeAStatus() throws Exception {
        kit.signIn("tim", PASSWORD);
        browser.get(base + "/items?barcode=I2");
        assertEquals("checked out", text(".item-status"));
        assertTrue(browser.findElements(By.id("status")).isEmpty(), "no status form for a technician");
        browser.findElement(By.id("claim_note")).sendKeys("says it went back in the book drop");
        submit(browser.findElement(By.cssSelector("form[action$='/claims-returned'] button")));
        assertTrue(kit.notice().contains("Claims returned recorded for Ben Claimer"), kit.notice());
        assertEquals("claims returned", text(".item-status"));
        assertTrue(events("I2").stream().anyMatch(e -> e.type() == EventType.CLAIMED_RETURNED && "tim".equals(e.actor())));

        // the server refuses the status form to a technician even when posted with a valid token and key
        String csrf = kit.csrfToken();
        HttpResponse<String> refused = kit.post("/items/I2/status", "sb_console=" + kit.sessionCookie(),
                "status=WITHDRAWN&request_key=abcdefghijklmnopqrstuv&_csrf=" + ConsoleBrowser.enc(csrf));
        assertEquals(403, refused.statusCode(), refused.body());
        assertEquals(ItemStatus.CLAIMS_RETURNED, engine(new Commands.LookupItem(desk(), "I2")).status());
    }

    @Test
    void badItemFormsAreAnsweredNamingTheFieldAndChangeNothing() throws Exception {
        kit.signIn("grace", PASSWORD);
        browser.get(base + "/items?barcode=NO-SUCH");
        assertTrue(kit.notice().contains("No item with barcode NO-SUCH"), kit.notice());
        browser.get(base + "/items?barcode=I3");
        String cookie = "sb_console=" + kit.sessionCookie();
        String csrf = "&_csrf=" + ConsoleBrowser.enc(kit.csrfToken());
        HttpResponse<String> badStatus = kit.post("/items/I3/status", cookie, "status=ON_LOAN&request_key=abcdefghijklmnopqrstu1" + csrf);
        assertEquals(400, badStatus.statusCode());
        assertTrue(badStatus.body().contains("Status: choose one of"), badStatus.body());
        HttpResponse<String> badFee = kit.post("/items/I3/status", cookie, "status=DAMAGED&repair_fee=12.345&request_key=abcdefghijklmnopqrstu2" + csrf);
        assertEquals(400, badFee.statusCode());
        assertTrue(badFee.body().contains("Repair fee: an amount such as 12.50"), badFee.body());
        HttpResponse<String> feeNotDamaged = kit.post("/items/I3/status", cookie, "status=MISSING&repair_fee=3.00&request_key=abcdefghijklmnopqrstu3" + csrf);
        assertEquals(400, feeNotDamaged.statusCode());
        assertTrue(feeNotDamaged.body().contains("only when marking the item damaged"), feeNotDamaged.body());
        HttpResponse<String> noKey = kit.post("/items/I3/status", cookie, "status=MISSING" + csrf);
        assertEquals(400, noKey.statusCode());
        // never lent: there is nobody to bill a repair fee to, and the engine says so
        HttpResponse<String> nobody = kit.post("/items/I3/status", cookie, "status=DAMAGED&repair_fee=3.00&request_key=abcdefghijklmnopqrstu4" + csrf);
        assertEquals(409, nobody.statusCode(), nobody.body());
        assertTrue(nobody.body().contains("Not marked damaged"), nobody.body());
        assertTrue(nobody.body().contains("no last borrower"), nobody.body());
        assertEquals(ItemStatus.AVAILABLE, engine(new Commands.LookupItem(desk(), "I3")).status());
        // named: the repair fee is billed to that patron
        HttpResponse<String> named = kit.post("/items/I3/status", cookie,
                "status=DAMAGED&repair_fee=3.00&patron=P2&note=water+damage&request_key=abcdefghijklmnopqrstu8" + csrf);
        assertEquals(200, named.statusCode(), named.body());
        assertTrue(named.body().contains("Billed Ben Claimer (P2): damage 3.00 USD"), named.body());
        assertTrue(patron("P2").fees().stream().anyMatch(f -> f.type() == FeeType.DAMAGE && "I3".equals(f.itemBarcode())));
        HttpResponse<String> badPrice = kit.post("/catalogue/records/loc-1/items", cookie,
                "barcode=I9&library=MAIN&item_type=BOOK&price=free&request_key=abcdefghijklmnopqrstu5" + csrf);
        assertEquals(400, badPrice.statusCode());
        assertTrue(badPrice.body().contains("Price: an amount") && badPrice.body().contains("value=\"I9\""), badPrice.body());
        HttpResponse<String> taken = kit.post("/catalogue/records/loc-1/items", cookie,
                "barcode=I1&library=MAIN&item_type=BOOK&request_key=abcdefghijklmnopqrstu6" + csrf);
        assertEquals(409, taken.statusCode(), taken.body());
        assertEquals(3, engine(new CatalogueCommands.LookupBib(desk(), "loc-1")).items().size());

        // the same status form sent twice acts once
        String once = "status=WITHDRAWN&note=beyond+repair&request_key=abcdefghijklmnopqrstu7" + csrf;
        assertEquals(200, kit.post("/items/I3/status", cookie, once).statusCode());
        assertEquals(200, kit.post("/items/I3/status", cookie, once).statusCode());
        assertEquals(2, events("I3").stream().filter(e -> e.type() == EventType.ITEM_STATUS_CHANGED).count(), "damaged, then withdrawn once");
    }

    // ------------------------------------------------------------------ copy cataloguing

    @Test
    void aRecordCopiedFromASecondGatewayIsComparedImportedWithItsReportGetsAnItemAndIsFoundInTheCatalogue() throws Exception {
        kit.signIn("grace", PASSWORD);
        browser.get(base + "/copycat");
        assertEquals("remote", new Select(browser.findElement(By.id("target"))).getFirstSelectedOption().getText());
        browser.findElement(By.id("title")).sendKeys("ringed sea");
        submit(browser.findElement(By.cssSelector("form[role=search] button")));
        List<WebElement> hits = browser.findElements(By.cssSelector("table.hits tbody tr"));
        assertEquals(2, hits.size(), text("#panel"));
        String table = text("table.hits");
        assertTrue(table.contains(TITLE) && table.contains("Okafor, Ngozi") && table.contains("Example Press") && table.contains("3rd ed")
                && table.contains("2nd ed") && table.contains(ISBN_3RD), table);

        // two hits side by side: the edition and the ISBN differ
        hits.forEach(row -> row.findElement(By.cssSelector("input[type=checkbox]")).click());
        submit(browser.findElement(By.cssSelector("#compare-form button")));
        List<WebElement> differing = browser.findElements(By.cssSelector("table.compare tr.differs"));
        assertTrue(differing.stream().anyMatch(r -> r.getText().startsWith("Edition") && r.getText().contains("3rd ed")
                && r.getText().contains("2nd ed")), text("table.compare"));
        assertTrue(differing.stream().anyMatch(r -> r.getText().startsWith("020")), text("table.compare"));
        kit.screenshot("copycat.png");

        // import the third edition (the column whose edition says so)
        WebElement edition = browser.findElements(By.cssSelector("table.compare tbody tr")).stream()
                .filter(r -> r.getText().startsWith("Edition")).findFirst().orElseThrow();
        boolean leftIsThird = edition.findElement(By.cssSelector("td.left")).getText().contains("3rd");
        submit(browser.findElement(By.cssSelector("table.compare tfoot td:nth-child(" + (leftIsThird ? 2 : 3) + ") button")));
        assertTrue(kit.notice().contains("Imported as record rem-3rd"), kit.notice());
        List<WebElement> checks = browser.findElements(By.cssSelector(".report > li"));
        assertEquals(6, checks.size(), text(".report"));
        assertTrue(checks.stream().allMatch(c -> c.getAttribute("class").contains("check-passed")), text(".report"));
        assertTrue(text(".report").contains("isbn-check-digits") && text(".report").contains("duplicate-isbn"), text(".report"));

        // add an item to it
        browser.findElement(By.id("new_barcode")).sendKeys("NEW-1");
        browser.findElement(By.id("new_call_number")).sendKeys("PR9387 O33");
        submit(browser.findElement(By.cssSelector("form[action$='/items'] button")));
        assertTrue(kit.notice().contains("Added item NEW-1 at MAIN"), kit.notice());
        assertTrue(text("table.items").contains("NEW-1") && text("table.items").contains("PR9387 O33"), text("table.items"));
        CatalogueViews.BibDetail stored = engine(new CatalogueCommands.LookupBib(desk(), "rem-3rd"));
        assertEquals(List.of("NEW-1"), stored.items().stream().map(Views.ItemInfo::barcode).toList());
        assertTrue(events("NEW-1").stream().anyMatch(e -> e.type() == EventType.ITEM_CREATED && "grace".equals(e.actor())));

        // the first gateway's catalogue finds it, by words and by ISBN, with its new item
        browser.get(base + "/catalogue");
        kit.scan("ringed tide");
        assertTrue(text("#hit-count").contains("of 1"), text("#hit-count"));
        assertTrue(text(".hit").contains(TITLE) && text(".hit").contains("NEW-1") && text(".hit").contains("1 available"), text(".hit"));
        kit.scan("978-0-306-40615-7");
        assertTrue(text(".hit").contains("rem-3rd"), text(".hit"));

        // the second edition shares the third's OCLC number: refused as a duplicate, then imported all the same
        browser.get(base + "/copycat?target=remote&isbn=" + ISBN_2ND);
        browser.findElement(By.cssSelector("table.hits tbody tr a")).click();
        kit.waitFor(() -> browser.getCurrentUrl().contains("/copycat/records/"));
        submit(browser.findElement(By.cssSelector(".import-form button")));
        assertTrue(kit.notice().startsWith("Not imported"), kit.notice());
        WebElement oclc = browser.findElement(By.cssSelector(".report > li[data-check=duplicate-oclc]"));
        assertTrue(oclc.getAttribute("class").contains("check-failed") && oclc.getText().contains("rem-3rd"), oclc.getText());
        submit(browser.findElement(By.cssSelector(".import-form input[name=allow_duplicate] ~ button")));
        assertTrue(kit.notice().contains("Imported as record rem-2nd") && kit.notice().contains("Duplicates allowed: 1"), kit.notice());
        engine(new CatalogueCommands.LookupBib(desk(), "rem-2nd"));
    }

    @Test
    void aTechnicianHasNoCopyCataloguing() throws Exception {
        kit.signIn("tim", PASSWORD);
        assertTrue(browser.findElements(By.cssSelector("nav a[href='/console/copycat']")).isEmpty());
        browser.get(base + "/copycat");
        assertFalse(browser.findElements(By.cssSelector("[data-status='403']")).isEmpty(), text("main"));
        HttpResponse<String> imported = kit.post("/copycat/imports", "sb_console=" + kit.sessionCookie(),
                "ref=remote.1&request_key=abcdefghijklmnopqrstuv&_csrf=" + ConsoleBrowser.enc(kit.csrfToken()));
        assertEquals(403, imported.statusCode(), imported.body());
    }
}
