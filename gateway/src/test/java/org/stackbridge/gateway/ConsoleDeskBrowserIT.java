package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.GenericMultipleBarcodeReader;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
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
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.core.testing.TestClock;
import org.stackbridge.z3950.interop.InteropTools;

/**
 * The console's desk override, patron screens and ID cards in a real headless Chromium against the whole gateway:
 * a librarian overrides a checkout refused for another patron's hold (the event log names her and the reason), a
 * technician sees no override and is refused (403) when posting it anyway; a new patron is created past a validation
 * error and the duplicate warning, gets a new card whose fee is charged and whose PDF's Code 128 barcode decodes back
 * to the patron's barcode; a patron is edited (before and after in the history); a block with a note is placed and
 * lifted; PIN reset and membership renewal; axe-core on every patron page. Takes {@code docs/console/patron-edit.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ConsoleDeskBrowserIT {

    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
    private static final String PASSWORD = "correct horse";
    private static final LocalDate ADA_BORN = LocalDate.of(1990, 5, 17);

    @TempDir
    static Path data;
    TestClock clock;
    Gateway gateway;
    ConsoleBrowser kit;
    ChromeDriver browser;
    String base;

    @BeforeAll
    void start() throws Exception {
        InteropTools.requireThat(Files.isExecutable(ConsoleBrowser.CHROMIUM) && Files.isExecutable(ConsoleBrowser.CHROMEDRIVER),
                "chromium or chromedriver not installed (apt-get install -y chromium chromium-driver)");
        clock = new TestClock(T0);
        gateway = TestGateways.start(data, clock,
                "libraries:",
                "  - {code: MAIN, name: Main Library}",
                "engine:",
                "  card-replacement-fee: 1.50");
        String hash = new SecretHasher(1_000).hash(PASSWORD);
        gateway.storage().write(tx -> {
            tx.staff().save(new StaffAccount("grace", hash, StaffRole.LIBRARIAN, "MAIN", true));
            tx.staff().save(new StaffAccount("tim", hash, StaffRole.TECHNICIAN, "MAIN", true));
            tx.patrons().insert(new Patron(0, "P1", null, "Ada Reader", "ADULT", "ada@example.org", null, null, LocalDate.of(2030, 1, 1), "MAIN",
                    false, ADA_BORN, null, null));
            tx.patrons().insert(new Patron(0, "P2", null, "Grace Holder", "ADULT", null, null, null, LocalDate.of(2030, 1, 1), "MAIN", false));
            tx.patrons().insert(new Patron(0, "P4", null, "Other Borrower", "ADULT", null, null, null, LocalDate.of(2030, 1, 1), "MAIN", false));
            tx.patrons().insert(new Patron(0, "P5", null, "Bea Blocked", "ADULT", null, null, null, LocalDate.of(2030, 1, 1), "MAIN", false));
            tx.patrons().insert(new Patron(0, "P6", null, "Tom Technic", "ADULT", null, null, null, LocalDate.of(2030, 1, 1), "MAIN", false));
            for (int i = 1; i <= 6; i++) {
                BibRecord bib = tx.bibs().insert(new BibRecord(0, "b" + i, "Title " + i, "Author", null, null, null, null));
                tx.items().insert(new Item(0, "I" + i, bib.id(), "BOOK", "MAIN", "MAIN", "Stacks", "QA " + i, BigDecimal.TEN,
                        ItemStatus.AVAILABLE, null, null));
            }
            return null;
        }).get(30, TimeUnit.SECONDS);
        // I3 and I4 wait on the hold shelf for P2: lent to P4, held for P2, returned
        for (String item : List.of("I3", "I4")) {
            engine(new Commands.CheckOut(setup(), "P4", item, null, false, false, false));
            engine(new Commands.PlaceHold(setup(), "P2", item, null, "MAIN", null));
            engine(new Commands.CheckIn(setup(), item, false));
        }
        kit = new ConsoleBrowser(gateway);
        browser = kit.driver;
        base = kit.base;
    }

    @AfterAll
    void stop() {
        ConsoleBrowser.closeAll(kit, gateway);
    }

    @BeforeEach
    void freshBrowser() {
        clock.set(T0);
        kit.signOutAll();
    }

    private static RequestContext setup() {
        return ConsoleBrowser.setupContext();
    }

    private <R> R engine(Command<R> command) throws Exception {
        return ConsoleBrowser.succeed(gateway, command);
    }

    private Outcome<Views.PatronInfo> lookup(String barcode) throws Exception {
        return gateway.port().execute(new Commands.LookupPatron(setup(), barcode, null)).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private List<CirculationEvent> events(EventType type) throws Exception {
        return gateway.storage().read(tx -> tx.events().between(T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(1)), 10_000))
                .get(30, TimeUnit.SECONDS).stream().filter(e -> e.type() == type).toList();
    }

    /** Submits the form {@code formSelector} with its button, as staff do, and waits for the next page. */
    private void submit(String formSelector) {
        WebElement form = browser.findElement(By.cssSelector(formSelector));
        // a mark on the old page: the next page has none
        browser.executeScript("window.__sbOldPage = true;");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        kit.waitFor(() -> {
            try {
                return Boolean.TRUE.equals(browser.executeScript("return window.__sbOldPage === undefined && document.readyState === 'complete';"));
            } catch (WebDriverException e) {
                return false; // the page is changing under the driver
            }
        });
    }

    private void type(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /** Sets a date field the way a date picker does (typing into it depends on the browser's locale). */
    private void setDate(String id, String isoDate) {
        browser.executeScript("arguments[0].value = arguments[1];", browser.findElement(By.id(id)), isoDate);
    }

    private byte[] fetch(String path) throws Exception {
        HttpResponse<byte[]> r = kit.http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Cookie", "sb_console=" + kit.sessionCookie()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), new String(r.body()));
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/pdf"), r.headers().toString());
        return r.body();
    }

    private static BufferedImage render(PDDocument pdf, int page) throws Exception {
        return new PDFRenderer(pdf).renderImageWithDPI(page, 300);
    }

    private static BinaryBitmap bitmap(BufferedImage image) {
        return new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
    }

    // ------------------------------------------------------------------ desk override

    @Test
    void aLibrarianOverridesARefusalForAnotherPatronsHoldWithAReasonTheEventLogKeeps() throws Exception {
        kit.signIn("grace", PASSWORD);
        kit.scan("P1");
        kit.scan("I1");
        assertTrue(kit.notice().startsWith("Checked out I1"), kit.notice());
        kit.scan("I2");
        assertTrue(kit.notice().startsWith("Checked out I2"), kit.notice());
        WebElement panel = kit.scan("I3");
        assertEquals("ITEM_ON_HOLD_FOR_OTHER", panel.findElement(By.cssSelector(".notice")).getAttribute("data-reason"));
        WebElement override = panel.findElement(By.id("override"));
        assertTrue(override.getText().contains("I3"), override.getText());

        // the reason is required: the server says so when it is blank
        String before = kit.panelMarker();
        browser.executeScript("document.getElementById('override-reason').removeAttribute('required');");
        override.findElement(By.cssSelector("button.override-button")).click();
        kit.waitFor(() -> !kit.panelMarker().equals(before));
        assertTrue(kit.notice().contains("Override reason: required"), kit.notice());
        assertTrue(lookup("P1").value().loans().stream().noneMatch(l -> l.itemBarcode().equals("I3")));

        String reason = "Grace Holder agreed by phone; <b>urgent</b>";
        browser.findElement(By.id("override-reason")).sendKeys(reason);
        String before2 = kit.panelMarker();
        browser.findElement(By.cssSelector("#override button.override-button")).click();
        kit.waitFor(() -> !kit.panelMarker().equals(before2));
        assertTrue(kit.notice().startsWith("Checked out with an override I3"), kit.notice());
        assertTrue(browser.findElements(By.id("override")).isEmpty(), "no override offered after the loan");
        assertEquals(List.of("I1", "I2", "I3"), lookup("P1").value().loans().stream().map(Views.LoanLine::itemBarcode).sorted().toList());

        List<CirculationEvent> overrides = events(EventType.CHECKOUT_OVERRIDE);
        assertEquals(1, overrides.size(), overrides.toString());
        assertEquals("grace", overrides.get(0).actor());
        assertEquals(Channel.DESK, overrides.get(0).channel());
        assertTrue(overrides.get(0).detail().contains(reason), overrides.get(0).detail());
        assertTrue(overrides.get(0).detail().contains("ITEM_ON_HOLD_FOR_OTHER"), overrides.get(0).detail());
    }

    @Test
    void aTechnicianSeesNoOverrideAndIsRefusedWhenPostingOneAnyway() throws Exception {
        kit.signIn("tim", PASSWORD);
        kit.scan("P6");
        WebElement panel = kit.scan("I4");
        assertEquals("ITEM_ON_HOLD_FOR_OTHER", panel.findElement(By.cssSelector(".notice")).getAttribute("data-reason"));
        assertTrue(browser.findElements(By.id("override")).isEmpty(), "no override form for a technician");
        assertTrue(browser.findElements(By.cssSelector("button.override-button")).isEmpty());
        assertTrue(panel.findElement(By.cssSelector(".override-hint")).getText().contains("librarian"));

        HttpResponse<String> forged = kit.post("/desk/override", "sb_console=" + kit.sessionCookie(), "_csrf=" + kit.csrfToken()
                + "&patron=P6&item=I4&reason=" + ConsoleBrowser.enc("I say so") + "&request_key=tech0123456789abcdef-o");
        assertEquals(403, forged.statusCode(), forged.body());
        assertTrue(forged.body().contains("override"), forged.body());
        assertTrue(lookup("P6").value().loans().isEmpty(), "nothing was lent");
        assertTrue(events(EventType.CHECKOUT_OVERRIDE).stream().noneMatch(e -> "tim".equals(e.actor())));
    }

    // ------------------------------------------------------------------ patrons and ID cards

    @Test
    void aNewPatronPassesValidationAndTheDuplicateWarningThenGetsACardWhosePdfBarcodeDecodes() throws Exception {
        kit.signIn("tim", PASSWORD);
        browser.get(base + "/patrons/new");
        type("f-barcode", "N100");
        type("f-name", "Ada Reader");
        setDate("f-birth_date", ADA_BORN.toString());
        type("f-email", "not-an-email");
        submit("form.patron-form");
        assertEquals("not an e-mail address", browser.findElement(By.id("e-email")).getText());
        assertEquals("true", browser.findElement(By.id("f-email")).getAttribute("aria-invalid"));
        assertEquals("Ada Reader", browser.findElement(By.id("f-name")).getAttribute("value"), "what was typed is kept");
        assertTrue(lookup("N100") instanceof Outcome.Refused<?>, "nothing created");

        type("f-email", "ada.two@example.org");
        submit("form.patron-form");
        WebElement duplicates = browser.findElement(By.cssSelector(".duplicates"));
        assertTrue(duplicates.getText().contains("P1") && duplicates.getText().contains("Ada Reader"), duplicates.getText());
        assertTrue(kit.notice().contains("may already have a record"), kit.notice());
        assertTrue(lookup("N100") instanceof Outcome.Refused<?>, "not created before confirming");
        assertEquals(List.of(), kit.axeViolations(), "the duplicate warning");

        submit("form.patron-form");
        kit.waitFor(() -> browser.getCurrentUrl().contains("/console/patrons/N100?done=created"));
        assertEquals("Patron created.", kit.notice());
        Views.PatronInfo created = lookup("N100").value();
        assertEquals(ADA_BORN, created.patron().birthDate());
        assertEquals("ada.two@example.org", created.patron().email());
        assertEquals("tim", events(EventType.PATRON_CREATED).get(0).actor());
        assertEquals(1, events(EventType.PATRON_CREATED).size(), "created once");

        // a new card: the old barcode is blocked as lost, the replacement fee charged
        type("new-barcode", "N100B");
        submit("form[action$='/card']");
        kit.waitFor(() -> browser.getCurrentUrl().contains("/console/patrons/N100B?done=card"));
        assertTrue(kit.notice().startsWith("New card issued"), kit.notice());
        assertEquals(RefusalReason.CARD_LOST, ((Outcome.Refused<Views.PatronInfo>) lookup("N100")).reason());
        Views.PatronInfo replaced = lookup("N100B").value();
        assertEquals(1, replaced.fees().size());
        assertEquals(FeeType.CARD_REPLACEMENT, replaced.fees().get(0).type());
        assertEquals(0, new BigDecimal("1.50").compareTo(replaced.fees().get(0).amount().amount()));

        // the card: credit-card size, the library, the patron, the expiry and a Code 128 barcode that reads back
        byte[] card = fetch("/patrons/N100B/card.pdf");
        try (PDDocument pdf = Loader.loadPDF(card)) {
            assertEquals(1, pdf.getNumberOfPages());
            PDRectangle size = pdf.getPage(0).getMediaBox();
            assertEquals(85.6, size.getWidth() / 72 * 25.4, 0.1);
            assertEquals(54.0, size.getHeight() / 72 * 25.4, 0.1);
            String text = new PDFTextStripper().getText(pdf);
            assertTrue(text.contains("Main Library") && text.contains("Ada Reader") && text.contains("N100B"), text);
            Result read = new MultiFormatReader().decode(bitmap(render(pdf, 0)), Map.of(DecodeHintType.POSSIBLE_FORMATS,
                    EnumSet.of(BarcodeFormat.CODE_128), DecodeHintType.TRY_HARDER, true));
            assertEquals(BarcodeFormat.CODE_128, read.getBarcodeFormat());
            assertEquals("N100B", read.getText());
        }

        // a batch on Letter paper: both cards on one sheet, both barcodes read back
        byte[] sheet = fetch("/cards/sheets.pdf?paper=letter&barcodes=" + ConsoleBrowser.enc("P1\nN100B"));
        try (PDDocument pdf = Loader.loadPDF(sheet)) {
            assertEquals(1, pdf.getNumberOfPages());
            assertEquals(PDRectangle.LETTER.getWidth(), pdf.getPage(0).getMediaBox().getWidth(), 0.5);
            Result[] all = new GenericMultipleBarcodeReader(new MultiFormatReader()).decodeMultiple(bitmap(render(pdf, 0)),
                    Map.of(DecodeHintType.POSSIBLE_FORMATS, EnumSet.of(BarcodeFormat.CODE_128), DecodeHintType.TRY_HARDER, true));
            Set<String> texts = Arrays.stream(all).map(Result::getText).collect(Collectors.toSet());
            assertEquals(Set.of("P1", "N100B"), texts);
        }
    }

    @Test
    void editingAPatronChangesOnlyWhatChangedAndTheHistoryShowsWhoAndBeforeAndAfter() throws Exception {
        kit.signIn("grace", PASSWORD);
        browser.get(base + "/patrons?q=" + ConsoleBrowser.enc("grace h"));
        browser.findElement(By.linkText("Grace Holder")).click();
        kit.waitFor(() -> browser.getCurrentUrl().endsWith("/console/patrons/P2"));
        browser.findElement(By.linkText("Edit patron")).click();
        kit.waitFor(() -> browser.getCurrentUrl().endsWith("/console/patrons/P2/edit"));
        type("f-email", "grace@@example");
        type("f-phone", "+1 555 0102");
        submit("form.patron-form");
        assertEquals("not an e-mail address", browser.findElement(By.id("e-email")).getText());
        assertEquals(List.of(), kit.axeViolations(), "the edit form with an error");
        assertEquals("f-email", browser.switchTo().activeElement().getAttribute("id"), "the refused field has the focus");
        kit.screenshot("patron-edit.png");
        assertEquals(null, lookup("P2").value().patron().phone(), "nothing changed while a field is invalid");

        type("f-email", "grace@example.org");
        submit("form.patron-form");
        kit.waitFor(() -> browser.getCurrentUrl().contains("/console/patrons/P2?done=updated"));
        Views.PatronView p2 = lookup("P2").value().patron();
        assertEquals("grace@example.org", p2.email());
        assertEquals("+1 555 0102", p2.phone());
        assertEquals("Grace Holder", p2.name());

        List<CirculationEvent> updates = events(EventType.PATRON_UPDATED);
        assertEquals(1, updates.size());
        assertEquals("grace", updates.get(0).actor());
        String row = browser.findElement(By.cssSelector("table.history tr[data-event='PATRON_UPDATED']")).getText();
        assertTrue(row.contains("grace") && row.contains("email: — → grace@example.org") && row.contains("phone: — → +1 555 0102"), row);
        assertFalse(row.contains("name:"), "unchanged fields are not sent: " + row);

        // the same search the API uses: by e-mail and by phone digits
        browser.get(base + "/patrons?q=" + ConsoleBrowser.enc("GRACE@example"));
        assertTrue(browser.findElement(By.cssSelector("table.results")).getText().contains("P2"));
        browser.get(base + "/patrons?q=" + ConsoleBrowser.enc("+1 555 01"));
        assertTrue(browser.findElement(By.cssSelector("table.results")).getText().contains("P2"));
    }

    @Test
    void aBlockWithANoteIsPlacedAndLiftedAndBothAreInTheHistory() throws Exception {
        kit.signIn("tim", PASSWORD);
        browser.get(base + "/patrons/P5");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("block-type"))).selectByValue("address_unknown");
        type("block-note", "Letters came back twice");
        submit("form[action$='/blocks']");
        kit.waitFor(() -> browser.getCurrentUrl().contains("done=blocked"));
        WebElement block = browser.findElement(By.cssSelector(".blocks-table tbody tr"));
        assertTrue(block.getText().contains("Letters came back twice") && block.getText().contains("tim"), block.getText());
        assertFalse(lookup("P5").value().canBorrow(), "the block stops borrowing");

        block.findElement(By.cssSelector("button")).click();
        kit.waitFor(() -> browser.getCurrentUrl().contains("done=lifted"));
        assertEquals("Block lifted.", kit.notice());
        assertTrue(browser.findElements(By.cssSelector(".blocks-table")).isEmpty());
        assertTrue(lookup("P5").value().blocks().isEmpty());
        CirculationEvent lifted = events(EventType.PATRON_UNBLOCKED).get(0);
        assertEquals("tim", lifted.actor());
        assertTrue(lifted.detail().contains("Letters came back twice"), lifted.detail());
        String history = browser.findElement(By.cssSelector("table.history")).getText();
        assertTrue(history.contains("patron blocked") && history.contains("patron unblocked"), history);
    }

    @Test
    void aPinResetAndAMembershipRenewal() throws Exception {
        kit.signIn("tim", PASSWORD);
        browser.get(base + "/patrons/P4");
        type("new-pin", "12");
        submit("form[action$='/pin']");
        assertEquals("must be 4-64 characters", browser.findElement(By.id("e-pin")).getText());
        type("new-pin", "4321");
        submit("form[action$='/pin']");
        kit.waitFor(() -> browser.getCurrentUrl().contains("done=pin"));
        assertEquals(Views.PinCheck.VALID, engine(new Commands.LookupPatron(setup(), "P4", "4321")).pin());
        assertTrue(events(EventType.PATRON_PIN_RESET).stream().allMatch(e -> !e.detail().contains("4321")), "the PIN is never logged");

        submit("form[action$='/membership']");
        kit.waitFor(() -> browser.getCurrentUrl().contains("done=renewed"));
        assertEquals(LocalDate.of(2031, 1, 1), lookup("P4").value().patron().expires());
    }

    @Test
    void axeFindsNoSeriousOrCriticalViolationsOnThePatronPages() throws Exception {
        kit.signIn("grace", PASSWORD);
        for (String page : List.of("/patrons?q=" + ConsoleBrowser.enc("a"), "/patrons/new", "/patrons/P1", "/patrons/P1/edit",
                "/patrons/P1/history", "/cards")) {
            browser.get(base + page);
            assertEquals(List.of(), kit.axeViolations(), page);
        }
        // the desk with the override offered
        browser.get(base + "/desk?patron=P4");
        kit.scan("I4");
        assertFalse(browser.findElements(By.id("override")).isEmpty());
        assertEquals(List.of(), kit.axeViolations(), "desk with the override form");
    }
}
