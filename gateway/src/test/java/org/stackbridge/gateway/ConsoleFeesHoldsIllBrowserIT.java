package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.stackbridge.core.command.Command;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.ill.IllCommands;
import org.stackbridge.core.ill.IllRef;
import org.stackbridge.core.ill.IllViews;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.CirculationEvent;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.FeeType;
import org.stackbridge.core.model.IllState;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.model.StaffAccount;
import org.stackbridge.core.model.StaffRole;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.core.testing.TestClock;
import org.stackbridge.z3950.interop.InteropTools;

/**
 * The console's fee, cashier, holds and ILL screens in a real headless Chromium against the whole gateway: a partial
 * payment and its receipt, a dispute opened and upheld, a waiver and a refund, each checked in the ledger and the event
 * log; a hold placed at the console shown on the pull list, the clear-shelf and transit lists, a title's queue and a
 * cancellation; an ILL request found by the partner's request id, its timeline, advanced by a librarian and refused
 * to a technician; a borrowing request started for a patron. axe-core on the fees page; {@code docs/console/fees.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConsoleFeesHoldsIllBrowserIT {

    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
    private static final String PASSWORD = "correct horse";
    private static final String PARTNER_REQUEST_ID = "RS-REQ-4711";

    @TempDir
    static Path data;
    TestClock clock;
    Gateway gateway;
    ConsoleBrowser kit;
    ChromeDriver browser;
    String base;
    long overdueFee;
    long damageFee;
    long waiveFee;
    long lendingRequest;

    @BeforeAll
    void start() throws Exception {
        InteropTools.requireThat(Files.isExecutable(ConsoleBrowser.CHROMIUM) && Files.isExecutable(ConsoleBrowser.CHROMEDRIVER),
                "chromium or chromedriver not installed (apt-get install -y chromium chromium-driver)");
        clock = new TestClock(T0);
        gateway = TestGateways.start(data, clock,
                "libraries:",
                "  - {code: MAIN, name: Main Library}",
                "  - {code: NORTH, name: North Library, institution: MAIN}",
                "ncip:",
                "  libraries: {MAIN: MAIN}",
                "  agencies:",
                "    reshare:",
                "      dialect: reshare",
                "      defaults: {lending-patron: ILL-PARTNER, pickup-library: MAIN}",
                "    relais:",
                "      dialect: relais");
        String hash = new SecretHasher(1_000).hash(PASSWORD);
        gateway.storage().write(tx -> {
            tx.staff().save(new StaffAccount("grace", hash, StaffRole.LIBRARIAN, "MAIN", true));
            tx.staff().save(new StaffAccount("tim", hash, StaffRole.TECHNICIAN, "MAIN", true));
            for (String[] p : new String[][] {{"P1", "Ada Payer"}, {"P2", "Ben Holder"}, {"P3", "Cleo Shelf"}, {"P4", "Dan Borrower"},
                {"P5", "Eve Waiver"}}) {
                tx.patrons().insert(new Patron(0, p[0], null, p[1], "ADULT", null, null, null, LocalDate.of(2030, 1, 1), "MAIN", false));
            }
            tx.patrons().insert(new Patron(0, "ILL-PARTNER", null, "Partner library", "ILL", null, null, null, LocalDate.of(2030, 1, 1),
                    "MAIN", false));
            String[] titles = {"Solaris", "The Cyberiad", "His Master's Voice", "Fiasco", "Eden", "Golem XIV"};
            for (int i = 1; i <= titles.length; i++) {
                BibRecord bib = tx.bibs().insert(new BibRecord(0, "b" + i, titles[i - 1], "Lem, Stanisław", null, null, null, null));
                String home = i == 5 ? "NORTH" : "MAIN";
                tx.items().insert(new Item(0, "I" + i, bib.id(), "BOOK", home, "MAIN", "Stacks", "PG7158 " + i, BigDecimal.TEN,
                        ItemStatus.AVAILABLE, null, null));
            }
            return null;
        }).get(30, TimeUnit.SECONDS);
        Money five = money("5.00");
        overdueFee = engine(new Commands.AssessFee(desk(), "P1", FeeType.OVERDUE, five, null, "late return")).feeId();
        damageFee = engine(new Commands.AssessFee(desk(), "P1", FeeType.DAMAGE, money("12.00"), null, "water damage")).feeId();
        waiveFee = engine(new Commands.AssessFee(desk(), "P5", FeeType.MANUAL, money("8.00"), null, "lost headphones")).feeId();
        // I3 sat on the hold shelf for P3 a month ago and was never collected: the clear-shelf list names it
        clock.set(T0.minus(Duration.ofDays(30)));
        engine(new Commands.CheckOut(desk(), "P4", "I3", null, false, false, false));
        engine(new Commands.PlaceHold(desk(), "P3", "I3", null, "MAIN", null));
        engine(new Commands.CheckIn(desk(), "I3", false));
        clock.set(T0);
        // I5 belongs to NORTH: returned at MAIN it travels home
        engine(new Commands.CheckOut(desk(), "P4", "I5", null, false, false, false));
        engine(new Commands.CheckIn(desk(), "I5", false));
        // a partner asks for I6 (NCIP RequestItem): a lending request under the partner's id
        lendingRequest = engine(new IllCommands.RequestLending(RequestContext.of(Channel.NCIP, "reshare", "MAIN"), "reshare",
                PARTNER_REQUEST_ID, "ILL-PARTNER", "I6", null, "MAIN")).request().id();

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

    // ------------------------------------------------------------------ helpers

    private static RequestContext desk() {
        return ConsoleBrowser.setupContext();
    }

    private static Money money(String amount) {
        return new Money(new BigDecimal(amount), java.util.Currency.getInstance("USD"));
    }

    private <R> R engine(Command<R> command) throws Exception {
        return ConsoleBrowser.succeed(gateway, command);
    }

    private Views.FeeDetail fee(String patron, long id) throws Exception {
        return engine(new Commands.ListFees(desk(), patron, true, 1, 100)).fees().stream().filter(f -> f.feeId() == id).findFirst()
                .orElseThrow();
    }

    private List<CirculationEvent> events(EventType type) throws Exception {
        return gateway.storage().read(tx -> tx.events().between(T0.minus(Duration.ofDays(60)), T0.plus(Duration.ofDays(60)), 10_000))
                .get(30, TimeUnit.SECONDS).stream().filter(e -> e.type() == type).toList();
    }

    /** Fills the fields (id, value) and clicks the button, then waits until the panel was answered. */
    private void submit(WebElement button, String... fields) {
        for (int i = 0; i < fields.length; i += 2) {
            WebElement field = browser.findElement(By.id(fields[i]));
            if ("select".equals(field.getTagName())) {
                new Select(field).selectByValue(fields[i + 1]);
            } else {
                field.clear();
                field.sendKeys(fields[i + 1]);
            }
        }
        String before = kit.panelMarker();
        button.click();
        kit.waitFor(() -> !kit.panelMarker().equals(before));
    }

    private WebElement row(long fee) {
        return browser.findElement(By.cssSelector("table.ledger tr[data-fee='" + fee + "']"));
    }

    /** Opens the named action ({@code waive}, {@code refund}, {@code dispute-open}, {@code resolve}) of a fee and answers its button. */
    private WebElement action(long fee, String action) {
        WebElement details = row(fee).findElement(By.cssSelector("details." + action));
        details.findElement(By.tagName("summary")).click();
        return details.findElement(By.cssSelector("button[type=submit]"));
    }

    // ------------------------------------------------------------------ fees

    @Test
    void aPartialPaymentPrintsItsReceiptAndADisputeIsOpenedThenUpheld() throws Exception {
        kit.signIn("tim", PASSWORD);
        browser.get(base + "/patrons/P1");
        browser.findElement(By.partialLinkText("Fees")).click();
        kit.waitFor(() -> browser.getCurrentUrl().endsWith("/console/patrons/P1/fees"));
        assertTrue(browser.findElement(By.cssSelector(".balance")).getText().contains("17.00 USD"));
        assertEquals(List.of(), kit.axeViolations(), "fees page");
        kit.screenshot("fees.png");

        // a partial payment on the overdue fee, by card
        submit(browser.findElement(By.cssSelector("#pay-form button")), "pay-amount", "2.00", "pay-type", "card", "pay-fee",
                String.valueOf(overdueFee));
        assertTrue(kit.notice().startsWith("Paid 2.00 USD (card), receipt"), kit.notice());
        assertTrue(kit.notice().contains("Balance now 15.00 USD"), kit.notice());
        assertEquals("3.00 USD", row(overdueFee).findElement(By.cssSelector(".owed")).getText());
        assertEquals("3.00", fee("P1", overdueFee).outstanding().amount().toPlainString(), "the ledger");
        assertEquals("12.00", fee("P1", damageFee).outstanding().amount().toPlainString(), "the other fee untouched");
        CirculationEvent paid = events(EventType.FEE_PAID).stream().filter(e -> "tim".equals(e.actor())).findFirst().orElseThrow();
        assertEquals(Channel.DESK, paid.channel());
        assertEquals("staff-console", paid.terminal());

        browser.findElement(By.id("receipt-link")).click();
        kit.waitFor(() -> browser.getCurrentUrl().contains("/fees/receipts/"));
        String receipt = browser.findElement(By.cssSelector(".receipt")).getText();
        assertTrue(receipt.contains("Main Library") && receipt.contains("Ada Payer (P1)") && receipt.contains("late return"), receipt);
        assertEquals("2.00 USD", browser.findElement(By.cssSelector(".receipt-paid")).getText());
        assertEquals("15.00 USD", browser.findElement(By.cssSelector(".receipt-balance")).getText());
        assertTrue(receipt.contains("by card") && receipt.contains("Served by tim"), receipt);
        assertTrue(browser.findElement(By.cssSelector("button[data-print]")).isDisplayed());

        // a dispute of the damage fee: opened, then upheld (what it owes is waived)
        browser.findElement(By.linkText("Back to the fees")).click();
        kit.waitFor(() -> browser.getCurrentUrl().endsWith("/console/patrons/P1/fees"));
        submit(action(damageFee, "dispute-open"), "dispute-note-" + damageFee, "The damage was there when I borrowed it");
        assertTrue(kit.notice().startsWith("Dispute opened on fee " + damageFee), kit.notice());
        assertEquals("open", row(damageFee).findElement(By.cssSelector(".dispute")).getAttribute("data-dispute-state"));
        Views.FeeDetail disputed = fee("P1", damageFee);
        assertTrue(disputed.disputed());
        assertEquals("3.00", engine(new Commands.ListFees(desk(), "P1", false, 1, 100)).blockingBalance().amount().toPlainString(),
                "an open dispute does not count towards the fee block");

        submit(action(damageFee, "resolve"), "resolve-outcome-" + damageFee, "upheld", "resolve-note-" + damageFee, "Checkout note confirms it");
        assertTrue(kit.notice().startsWith("Dispute on fee " + damageFee + " resolved: upheld"), kit.notice());
        Views.FeeDetail upheld = fee("P1", damageFee);
        assertEquals("upheld", upheld.dispute().state());
        assertEquals("Checkout note confirms it", upheld.dispute().resolutionNote());
        assertEquals(0, upheld.outstanding().amount().signum(), "upheld: nothing owed");
        assertEquals("tim", upheld.dispute().openedBy());
        assertEquals("tim", upheld.dispute().resolvedBy());
        assertEquals(1, events(EventType.FEE_DISPUTED).stream().filter(e -> "tim".equals(e.actor())).count());
        assertEquals(1, events(EventType.FEE_DISPUTE_RESOLVED).stream().filter(e -> "tim".equals(e.actor())).count());
        assertEquals("upheld", row(damageFee).findElement(By.cssSelector(".dispute")).getAttribute("data-dispute-state"));

        // the cashier's day shows tim's payment
        browser.findElement(By.linkText("Cashier")).click();
        kit.waitFor(() -> browser.getCurrentUrl().contains("/console/cashier"));
        assertEquals("MAIN on 2026-11-02", browser.findElement(By.cssSelector("#panel h2")).getText());
        Views.CashierSummary day = engine(new Commands.SummariseCashier(desk(), "MAIN", LocalDate.of(2026, 11, 2)));
        Views.StaffTotal byTim = day.byStaff().stream().filter(s -> s.staff().equals("tim")).findFirst().orElseThrow();
        assertTrue(byTim.paid().amount().compareTo(new BigDecimal("2.00")) >= 0, byTim.toString());
        assertEquals(day.paid().amount().toPlainString() + " USD", browser.findElement(By.cssSelector(".cashier-paid")).getText());
        WebElement tim = browser.findElement(By.cssSelector("table.by-staff tr[data-staff='tim']"));
        assertTrue(tim.getText().contains(byTim.paid().amount().toPlainString() + " USD"), tim.getText());
        assertTrue(browser.findElement(By.cssSelector("table.by-type")).getText().contains("card"));
    }

    @Test
    void aTechnicianWaivesAndRefundsWithAReasonAndABadAmountChangesNothing() throws Exception {
        kit.signIn("tim", PASSWORD);
        browser.get(base + "/patrons/P5/fees");
        submit(action(waiveFee, "waive"), "waive-amount-" + waiveFee, "1.234", "waive-reason-" + waiveFee, "goodwill");
        assertTrue(kit.notice().contains("amount: must be positive"), kit.notice());
        assertEquals("8.00", fee("P5", waiveFee).outstanding().amount().toPlainString(), "nothing waived");

        submit(action(waiveFee, "waive"), "waive-amount-" + waiveFee, "3.00", "waive-reason-" + waiveFee, "goodwill");
        assertTrue(kit.notice().startsWith("Waived 3.00 USD on fee " + waiveFee + ". It still owes 5.00 USD"), kit.notice());
        assertEquals("3.00", fee("P5", waiveFee).waived().amount().toPlainString());

        submit(browser.findElement(By.cssSelector("#pay-form button")), "pay-amount", "5.00", "pay-type", "cash");
        assertEquals(0, fee("P5", waiveFee).outstanding().amount().signum());
        submit(action(waiveFee, "refund"), "refund-amount-" + waiveFee, "6.00", "refund-reason-" + waiveFee, "found them");
        assertTrue(kit.notice().startsWith("Not refunded"), "more than was paid: " + kit.notice());
        submit(action(waiveFee, "refund"), "refund-amount-" + waiveFee, "5.00", "refund-reason-" + waiveFee, "found them");
        assertTrue(kit.notice().startsWith("Refunded 5.00 USD"), kit.notice());
        assertEquals("5.00", fee("P5", waiveFee).refunded().amount().toPlainString());
        assertTrue(events(EventType.FEE_REFUNDED).stream().anyMatch(e -> "tim".equals(e.actor()) && e.detail().contains("found them")));
        assertTrue(events(EventType.FEE_WAIVED).stream().anyMatch(e -> "tim".equals(e.actor()) && e.detail().contains("goodwill")));
    }

    @Test
    void aPaymentFormSentTwicePaysOnceAndWithoutTheCsrfTokenNotAtAll() throws Exception {
        long fee = engine(new Commands.AssessFee(desk(), "P4", FeeType.MANUAL, money("4.00"), null, "twice")).feeId();
        kit.signIn("tim", PASSWORD);
        browser.get(base + "/patrons/P4/fees");
        String cookie = "sb_console=" + kit.sessionCookie();
        String key = browser.findElement(By.cssSelector("#pay-form input[name=request_key]")).getAttribute("value");
        String form = "amount=1.00&currency=USD&payment_type=cash&fee=" + fee + "&request_key=" + key;
        HttpResponse<String> forged = kit.post("/patrons/P4/fees/payments", cookie, form);
        assertEquals(403, forged.statusCode());
        assertEquals("4.00", fee("P4", fee).outstanding().amount().toPlainString());
        String signed = form + "&_csrf=" + ConsoleBrowser.enc(kit.csrfToken());
        assertEquals(200, kit.post("/patrons/P4/fees/payments", cookie, signed).statusCode());
        HttpResponse<String> again = kit.post("/patrons/P4/fees/payments", cookie, signed);
        assertEquals(200, again.statusCode());
        assertEquals("3.00", fee("P4", fee).outstanding().amount().toPlainString(), "paid once");
        assertEquals("1.00", fee("P4", fee).paid().amount().toPlainString());
    }

    // ------------------------------------------------------------------ holds

    @Test
    void aHoldPlacedAtTheConsoleIsOnThePullListAndCanBeCancelled() throws Exception {
        kit.signIn("tim", PASSWORD);
        browser.get(base + "/patrons/P2");
        browser.findElement(By.partialLinkText("Holds: place")).click();
        kit.waitFor(() -> browser.getCurrentUrl().endsWith("/console/patrons/P2/holds"));
        submit(browser.findElement(By.cssSelector("#place-hold button")), "hold-target", "b2");
        assertTrue(kit.notice().startsWith("Hold "), kit.notice());
        List<Views.HoldView> holds = engine(new Commands.ListHolds(desk(), "P2", null));
        assertEquals(1, holds.size(), holds.toString());
        long hold = holds.get(0).holdId();
        assertEquals("b2", holds.get(0).bibControlNumber());
        assertTrue(events(EventType.HOLD_PLACED).stream().anyMatch(e -> "tim".equals(e.actor()) && e.channel() == Channel.DESK));

        browser.findElement(By.linkText("Hold lists")).click();
        kit.waitFor(() -> browser.getCurrentUrl().endsWith("/console/holds"));
        WebElement pull = browser.findElement(By.cssSelector("table.pull-list tr[data-hold='" + hold + "']"));
        assertTrue(pull.getText().contains("I2") && pull.getText().contains("Ben Holder (P2)") && pull.getText().contains("PG7158 2"),
                pull.getText());
        WebElement shelf = browser.findElement(By.cssSelector("table.clear-shelf"));
        assertTrue(shelf.getText().contains("I3") && shelf.getText().contains("Cleo Shelf"), shelf.getText());
        WebElement outgoing = browser.findElement(By.cssSelector("table.transits-out"));
        assertTrue(outgoing.getText().contains("I5") && outgoing.getText().contains("NORTH"), outgoing.getText());
        assertTrue(browser.findElements(By.cssSelector("table.transits-in")).isEmpty(), "nothing travels to MAIN");

        // the title's queue, from the pull list
        pull.findElement(By.linkText("The Cyberiad")).click();
        kit.waitFor(() -> browser.getCurrentUrl().contains("/console/holds/queue?biblio=b2"));
        WebElement queued = browser.findElement(By.cssSelector("table.queue tr[data-hold='" + hold + "']"));
        assertTrue(queued.getText().startsWith("1 Ben Holder"), queued.getText());

        // cancelled from the patron's holds
        queued.findElement(By.linkText("Ben Holder")).click();
        kit.waitFor(() -> browser.getCurrentUrl().endsWith("/console/patrons/P2/holds"));
        submit(browser.findElement(By.cssSelector("tr[data-hold='" + hold + "'] button")), "cancel-reason-" + hold, "changed their mind");
        assertTrue(kit.notice().startsWith("Hold " + hold + " on The Cyberiad cancelled."), kit.notice());
        assertTrue(engine(new Commands.ListHolds(desk(), "P2", null)).isEmpty());
        assertTrue(events(EventType.HOLD_CANCELLED).stream().anyMatch(e -> "tim".equals(e.actor()) && e.detail() != null
                && e.detail().contains("changed their mind")));
    }

    @Test
    void aHoldTheEngineRefusesIsShownWithItsReason() throws Exception {
        kit.signIn("tim", PASSWORD);
        browser.get(base + "/patrons/P2/holds");
        submit(browser.findElement(By.cssSelector("#place-hold button")), "hold-target", "NO-SUCH-TITLE");
        WebElement notice = browser.findElement(By.cssSelector("#panel .notice"));
        assertTrue(notice.getText().startsWith("No hold placed on NO-SUCH-TITLE."), notice.getText());
        assertEquals("alert", notice.getAttribute("role"));
        assertFalse(notice.getAttribute("data-reason").isEmpty());
    }

    // ------------------------------------------------------------------ ILL

    @Test
    void anIllRequestFoundByThePartnersIdShowsItsTimelineAndAdvances() throws Exception {
        kit.signIn("grace", PASSWORD);
        browser.findElement(By.linkText("ILL")).click();
        kit.waitFor(() -> browser.getCurrentUrl().endsWith("/console/ill"));
        browser.findElement(By.id("ill-prid")).sendKeys(PARTNER_REQUEST_ID);
        browser.findElement(By.cssSelector("form.filters button")).click();
        kit.waitFor(() -> browser.getCurrentUrl().contains("partner_request_id=" + PARTNER_REQUEST_ID));
        List<WebElement> rows = browser.findElements(By.cssSelector("table.ill-queue tbody tr"));
        assertEquals(1, rows.size());
        assertEquals(String.valueOf(lendingRequest), rows.get(0).getAttribute("data-ill"));
        rows.get(0).findElement(By.linkText(String.valueOf(lendingRequest))).click();
        kit.waitFor(() -> browser.getCurrentUrl().endsWith("/console/ill/" + lendingRequest));
        assertEquals("REQUESTED", browser.findElement(By.cssSelector(".ill-state")).getText());
        assertEquals(PARTNER_REQUEST_ID, browser.findElement(By.cssSelector(".ill-external")).getText());
        List<WebElement> timeline = browser.findElements(By.cssSelector("table.timeline tbody tr"));
        assertEquals(1, timeline.size());
        assertTrue(timeline.get(0).getText().contains("NEW REQUESTED reshare NCIP"), timeline.get(0).getText());
        List<String> next = new Select(browser.findElement(By.id("advance-to"))).getOptions().stream().map(o -> o.getAttribute("value")).toList();
        assertTrue(next.contains("PICKED") && !next.contains("COMPLETE"), "the states the ILL table allows by hand: " + next);

        submit(browser.findElement(By.cssSelector("#advance-form button")), "advance-to", "PICKED", "advance-note", "on the trolley");
        assertEquals("ILL request " + lendingRequest + " is now PICKED.", kit.notice());
        assertEquals("PICKED", browser.findElement(By.cssSelector(".ill-state")).getText());
        timeline = browser.findElements(By.cssSelector("table.timeline tbody tr"));
        assertEquals(2, timeline.size());
        assertTrue(timeline.get(1).getText().contains("REQUESTED PICKED grace DESK on the trolley"), timeline.get(1).getText());
        IllViews.Detail detail = engine(new IllCommands.ShowRequest(desk(), IllRef.byId(lendingRequest)));
        assertEquals(IllState.PICKED, detail.request().state());
        assertEquals("grace", detail.history().get(1).actor());
    }

    @Test
    void aTechnicianMayNotOpenOrAdvanceIllRequests() throws Exception {
        kit.signIn("tim", PASSWORD);
        assertTrue(browser.findElements(By.linkText("ILL")).isEmpty(), "no ILL link for a technician");
        browser.get(base + "/ill/" + lendingRequest);
        assertEquals("Not allowed", browser.findElement(By.tagName("h1")).getText());
        assertTrue(browser.findElement(By.cssSelector(".notice")).getText().contains("ill permission"),
                browser.findElement(By.cssSelector(".notice")).getText());
        String cookie = "sb_console=" + kit.sessionCookie();
        HttpResponse<String> refused = kit.post("/ill/" + lendingRequest + "/transitions", cookie,
                "to=CANCELLED&request_key=abcdefghijklmnopqrstuv&_csrf=" + ConsoleBrowser.enc(kit.csrfToken()));
        assertEquals(403, refused.statusCode());
        IllState state = engine(new IllCommands.ShowRequest(desk(), IllRef.byId(lendingRequest))).request().state();
        assertTrue(state != IllState.CANCELLED, "nothing changed: " + state);
    }

    @Test
    void aLibrarianStartsABorrowingRequestForAPatronToAConfiguredPartner() throws Exception {
        kit.signIn("grace", PASSWORD);
        browser.get(base + "/patrons/P4");
        browser.findElement(By.linkText("ILL borrowing request")).click();
        kit.waitFor(() -> browser.getCurrentUrl().contains("/console/ill/new?patron=P4"));
        assertEquals("P4", browser.findElement(By.id("borrow-patron")).getAttribute("value"));
        // both a record and a citation: refused naming the field, nothing started
        browser.findElement(By.id("borrow-biblio")).sendKeys("b1");
        browser.findElement(By.id("borrow-title")).sendKeys("Return from the Stars");
        browser.findElement(By.cssSelector("#borrow-form button")).click();
        kit.waitFor(() -> !browser.findElements(By.cssSelector("#panel .notice")).isEmpty());
        assertTrue(kit.notice().contains("biblio: give either biblio"), kit.notice());
        assertEquals("Return from the Stars", browser.findElement(By.id("borrow-title")).getAttribute("value"), "the form keeps what was typed");

        browser.findElement(By.id("borrow-biblio")).clear();
        new Select(browser.findElement(By.id("borrow-partner"))).selectByValue("relais");
        browser.findElement(By.id("borrow-author")).sendKeys("Lem");
        browser.findElement(By.cssSelector("#borrow-form button")).click();
        kit.waitFor(() -> browser.findElements(By.cssSelector(".ill-state")).size() == 1);
        assertTrue(kit.notice().startsWith("Borrowing request ") && kit.notice().contains("sent to relais as SB-"), kit.notice());
        assertEquals("REQUESTED", browser.findElement(By.cssSelector(".ill-state")).getText());
        var found = engine(new IllCommands.SearchRequests(desk(), null, null, "relais", null, null, 1, 10)).items();
        assertEquals(1, found.size());
        assertEquals("P4", found.get(0).patronBarcode());
        assertEquals("Return from the Stars", found.get(0).title());
    }
}
