package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.PatronCommands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.BlockType;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.Fee;
import org.stackbridge.core.model.FeeType;
import org.stackbridge.core.model.Hold;
import org.stackbridge.core.model.HoldStatus;
import org.stackbridge.core.model.IllRequest;
import org.stackbridge.core.model.IllRole;
import org.stackbridge.core.model.IllState;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Loan;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.model.NoticePreference;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.model.StaffAccount;
import org.stackbridge.core.model.StaffRole;
import org.stackbridge.core.notice.NoticeState;
import org.stackbridge.core.notice.NoticeType;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.port.NoticeRuns;
import org.stackbridge.core.port.Notices;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.core.testing.Await;
import org.stackbridge.core.testing.TestClock;
import org.stackbridge.gateway.notice.NoticeMailer;
import org.stackbridge.sip2.client.Sip2Client;
import org.stackbridge.sip2.client.Sip2Requests;
import org.stackbridge.sip2.message.Sip2Message;

/**
 * Notices (issue #13) against the whole gateway and a real SMTP server (GreenMail on a free port), on H2 and on
 * PostgreSQL: every type's message and content, a hold trapped at a SIP2 checkin, a crash mid-batch and a restart,
 * the print batch, retries and an SMTP server that hangs while kiosks are served, and the API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class NoticesContract {

    Gateway gateway;
    private StaffApiClient api;

    abstract TestGateways.Store store();

    static final Instant T0 = Instant.parse("2026-11-02T14:00:00Z");
    static final LocalDate TODAY = LocalDate.of(2026, 11, 2);
    static final String PASSWORD = "correct horse";
    static final Duration DAY = Duration.ofDays(1);

    @TempDir
    static Path data;
    TestClock clock;
    GreenMail smtp;

    /** The gateway's YAML: one library, a fine rule, SMTP at {@code smtpPort}, a kiosk account. */
    static List<String> yaml(int smtpPort, String... more) {
        return yaml(smtpPort, 3, more);
    }

    static List<String> yaml(int smtpPort, int timeoutSeconds, String... more) {
        SecretHasher hasher = new SecretHasher(1_000);
        List<String> y = new ArrayList<>(List.of(
                "libraries:",
                "  - {code: MAIN, name: Main Library}",
                "sip2-accounts:",
                "  - {login: kiosk, password-hash: \"" + hasher.hash("kiosk") + "\", institution: MAIN, profile: default}",
                "policies:",
                "  - {library: '*', category: '*', item-type: '*', loan-period: 21, max-loans: 0, fine-per-day: 0.25, grace-days: 0,"
                        + " fine-cap: 50.00, hold-shelf-days: 7, closed-days: keep}",
                "engine: {maintenance-minutes: 0}",
                "notices:",
                "  from: library@main.example.org",
                "  smtp: {host: 127.0.0.1, port: " + smtpPort + ", starttls: false, timeout-seconds: " + timeoutSeconds + "}",
                "  libraries: {MAIN: {address: \"1 Library Square\", opening-hours: \"Mo-Fr 9-18\"}}"));
        y.addAll(List.of(more));
        return y;
    }

    @BeforeAll
    void start() throws Exception {
        clock = new TestClock(T0);
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        gateway = TestGateways.start(store(), Files.createDirectories(data.resolve("main")), clock,
                yaml(smtp.getSmtp().getPort()).toArray(String[]::new));
        seedStaff(gateway);
        api = new StaffApiClient(gateway::httpPort);
    }

    @AfterAll
    void stopMail() {
        smtp.stop();
        if (gateway != null) {
            gateway.close();
        }
    }

    @BeforeEach
    void resetClock() {
        clock.set(T0);
    }

    static void seedStaff(Gateway g) throws Exception {
        String hash = new SecretHasher(1_000).hash(PASSWORD);
        g.storage().write(tx -> {
            tx.staff().save(new StaffAccount("root", hash, StaffRole.ADMIN, null, true));
            tx.staff().save(new StaffAccount("tim", hash, StaffRole.TECHNICIAN, "MAIN", true));
            return null;
        }).get(30, TimeUnit.SECONDS);
    }

    // ------------------------------------------------------------------ seeding

    record Seeded(long patronId, Map<String, Long> items) {
    }

    static Patron patron(String barcode, String name, String email, NoticePreference pref, LocalDate expires) {
        return new Patron(0, barcode, null, name, "ADULT", email, null, "12 Elm Street\nSpringfield", expires, "MAIN", false,
                null, pref, "en");
    }

    static long item(org.stackbridge.core.port.StoreTx tx, String barcode, String title) {
        BibRecord bib = tx.bibs().insert(new BibRecord(0, "bib-" + barcode, title, "Author", null, null, null, null));
        return tx.items().insert(new Item(0, barcode, bib.id(), "BOOK", "MAIN", "MAIN", "Stacks", "QA", BigDecimal.TEN,
                ItemStatus.CHECKED_OUT, null, null)).id();
    }

    static void loan(org.stackbridge.core.port.StoreTx tx, long patron, long item, Instant due) {
        tx.loans().insert(new Loan(0, item, patron, "MAIN", due.minus(Duration.ofDays(21)), due, null, 0, Channel.DESK, null));
    }

    List<MimeMessage> mailTo(String address) throws Exception {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(address))) {
                out.add(m);
            }
        }
        return out;
    }

    static String text(MimeMessage m) throws Exception {
        Object c = m.getContent();
        if (c instanceof Multipart mp) {
            return String.valueOf(mp.getBodyPart(0).getContent());
        }
        return String.valueOf(c);
    }

    static String html(MimeMessage m) throws Exception {
        return String.valueOf(((Multipart) m.getContent()).getBodyPart(1).getContent());
    }

    static NoticeRuns.RunResult run(Gateway g) throws Exception {
        return g.notices().run("test").toCompletableFuture().get(90, TimeUnit.SECONDS);
    }

    static List<Notices.NoticeRecord> notices(Gateway g, String patron) {
        return g.notices().list(new Notices.Filter(patron, null, null, null, null, null), 0, 1000).notices();
    }

    // ------------------------------------------------------------------ every type

    @Test
    void everyTypeIsMailedOnceWithItsContent() throws Exception {
        gateway.storage().write(tx -> {
            long p = tx.patrons().insert(patron("E1", "Emma Types", "emma@example.org", NoticePreference.EMAIL, TODAY.plusDays(10))).id();
            loan(tx, p, item(tx, "E1-PRE", "The Courtesy Book"), T0.plus(Duration.ofDays(2)));
            loan(tx, p, item(tx, "E1-OD1", "First Overdue"), T0.minus(Duration.ofDays(4)));
            loan(tx, p, item(tx, "E1-OD2", "Second Overdue"), T0.minus(Duration.ofDays(15)));
            loan(tx, p, item(tx, "E1-OD3", "Third Overdue"), T0.minus(Duration.ofDays(30)));
            BibRecord held = tx.bibs().insert(new BibRecord(0, "bib-E1-HOLD", "Waiting Title", "Author", null, null, null, null));
            long shelf = tx.items().insert(new Item(0, "E1-HOLD", held.id(), "BOOK", "MAIN", "MAIN", "Stacks", "QA", BigDecimal.TEN,
                    ItemStatus.ON_HOLD_SHELF, null, null)).id();
            tx.holds().insert(new Hold(0, p, held.id(), null, "MAIN", T0.minus(DAY), null, HoldStatus.READY, shelf, TODAY.plusDays(1),
                    null, false, null));
            // billed as lost: its loan stays open and long overdue, but the patron gets the bill, not overdue notices
            BibRecord lostBib = tx.bibs().insert(new BibRecord(0, "bib-E1-LOST", "Lost Book", "Author", null, null, null, null));
            long lost = tx.items().insert(new Item(0, "E1-LOST", lostBib.id(), "BOOK", "MAIN", "MAIN", "Stacks", "QA", BigDecimal.TEN,
                    ItemStatus.LOST, null, null)).id();
            loan(tx, p, lost, T0.minus(Duration.ofDays(30)));
            tx.fees().insert(new Fee(0, p, FeeType.LOST, new Money(new BigDecimal("25.00"), Currency.getInstance("USD")),
                    new BigDecimal("25.00"), lost, null, "replacement", T0.minus(Duration.ofHours(1))));
            tx.fees().insert(new Fee(0, p, FeeType.MANUAL, new Money(new BigDecimal("1.50"), Currency.getInstance("USD")),
                    new BigDecimal("1.50"), null, null, "photocopies", T0.minus(Duration.ofHours(1))));
            tx.fees().insert(new Fee(0, p, FeeType.MANUAL, new Money(new BigDecimal("9.00"), Currency.getInstance("USD")),
                    new BigDecimal("9.00"), null, null, "an old charge", T0.minus(Duration.ofDays(30))));
            tx.ill().insert(new IllRequest(0, IllRole.BORROWING, IllState.RECEIVED, "PARTNER", "E1-ILL", p, null, null,
                    "Borrowed From Afar", "MAIN", T0.minus(Duration.ofDays(5)), T0.minus(Duration.ofHours(2))));
            return null;
        }).get(30, TimeUnit.SECONDS);

        NoticeRuns.RunResult first = run(gateway);
        assertTrue(first.ran(), first.toString());
        List<MimeMessage> mail = mailTo("emma@example.org");
        Map<String, MimeMessage> bySubject = new HashMap<>();
        for (MimeMessage m : mail) {
            bySubject.put(m.getSubject(), m);
        }
        assertEquals(10, mail.size(), bySubject.keySet().toString());
        assertEquals(10, bySubject.size(), "one message per notice");
        String pre = text(bySubject.get("Main Library: due soon"));
        assertTrue(pre.contains("Dear Emma Types") && pre.contains("The Courtesy Book (E1-PRE), due 2026-11-04"), pre);
        assertTrue(pre.contains("1 Library Square") && pre.contains("Mo-Fr 9-18"), pre);
        String od1 = text(bySubject.get("Main Library: overdue notice 1"));
        assertTrue(od1.contains("First Overdue (E1-OD1), due 2026-10-29; fine so far 1.00 USD"), od1);
        assertTrue(text(bySubject.get("Main Library: overdue notice 2")).contains("Second Overdue (E1-OD2)"));
        String od3 = text(bySubject.get("Main Library: overdue notice 3"));
        assertTrue(od3.contains("Third Overdue (E1-OD3)") && od3.contains("fine so far 7.50 USD"), od3);
        for (MimeMessage m : mail) {
            assertFalse(text(m).contains("(E1-LOST), due"), "no overdue notice for an item billed as lost: " + m.getSubject());
        }
        String ready = text(bySubject.get("Main Library: your hold is ready for pickup"));
        assertTrue(ready.contains("Waiting Title (E1-HOLD)") && ready.contains("by 2026-11-03"), ready);
        assertTrue(text(bySubject.get("Main Library: your hold is about to expire")).contains("Waiting Title"));
        String lost = text(bySubject.get("Main Library: item billed as lost"));
        assertTrue(lost.contains("Lost Book (E1-LOST)") && lost.contains("25.00 USD"), lost);
        String fee = text(bySubject.get("Main Library: a charge on your account"));
        assertTrue(fee.contains("1.50 USD") && fee.contains("photocopies"), fee);
        assertTrue(text(bySubject.get("Main Library: your interlibrary loan has arrived")).contains("Borrowed From Afar"));
        assertTrue(text(bySubject.get("Main Library: your library card expires soon")).contains("expires on 2026-11-12"));
        // the HTML part escapes what it prints
        assertTrue(html(bySubject.get("Main Library: due soon")).contains("<li>The Courtesy Book (E1-PRE), due 2026-11-04</li>"));
        for (MimeMessage m : mail) {
            assertEquals("library@main.example.org", m.getFrom()[0].toString());
            assertTrue(m.getMessageID().endsWith("@main.example.org>"), m.getMessageID());
        }

        // the outbox shows each one sent, with its Message-ID; a second run sends nothing more
        List<Notices.NoticeRecord> out = notices(gateway, "E1");
        assertEquals(10, out.size());
        assertTrue(out.stream().allMatch(n -> n.state() == NoticeState.SENT && n.sentAt() != null));
        assertEquals(out.stream().map(Notices.NoticeRecord::messageId).sorted().toList(),
                mail.stream().map(NoticesContract::messageId).sorted().toList());
        run(gateway);
        clock.advance(Duration.ofHours(3));
        run(gateway);
        assertEquals(10, mailTo("emma@example.org").size(), "nothing is sent twice");
    }

    static String messageId(MimeMessage m) {
        try {
            return m.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ SIP2 trap

    @Test
    void aHoldTrappedAtASip2CheckinMailsOneHoldReadyNotice() throws Exception {
        gateway.storage().write(tx -> {
            tx.patrons().insert(patron("H1", "Hugo Holds", "hugo@example.org", NoticePreference.EMAIL, LocalDate.of(2099, 1, 1)));
            tx.patrons().insert(patron("H2", "Other Borrower", null, NoticePreference.NONE, LocalDate.of(2099, 1, 1)));
            BibRecord bib = tx.bibs().insert(new BibRecord(0, "bib-H1", "Held Over SIP2", "Author", null, null, null, null));
            tx.items().insert(new Item(0, "H1-ITEM", bib.id(), "BOOK", "MAIN", "MAIN", "Stacks", "QA", BigDecimal.TEN,
                    ItemStatus.AVAILABLE, null, null));
            return null;
        }).get(30, TimeUnit.SECONDS);
        Sip2Requests rq = new Sip2Requests(clock, "MAIN");
        try (Sip2Client c = Sip2Client.connect("127.0.0.1", gateway.sip2().port())) {
            assertEquals("1", c.send(rq.login("kiosk", "kiosk", "MAIN")).fixed(org.stackbridge.sip2.spec.FixedField.OK));
            Sip2Message out = c.send(rq.checkout("H2", "H1-ITEM", null));
            assertEquals("1", out.fixed(org.stackbridge.sip2.spec.FixedField.OK), out.toString());
            RequestContext desk = RequestContext.of(Channel.DESK, "root", "MAIN");
            Outcome<?> hold = gateway.port().execute(new Commands.PlaceHold(desk, "H1", null, "bib-H1", "MAIN", null))
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertTrue(hold instanceof Outcome.Success<?>, hold.toString());
            run(gateway);
            assertEquals(0, mailTo("hugo@example.org").size(), "nothing is ready before the checkin");
            Sip2Message in = c.send(rq.checkin("H1-ITEM", "MAIN"));
            assertEquals("1", in.fixed(org.stackbridge.sip2.spec.FixedField.OK), in.toString());
        }
        run(gateway);
        run(gateway);
        List<MimeMessage> mail = mailTo("hugo@example.org");
        assertEquals(1, mail.size());
        assertEquals("Main Library: your hold is ready for pickup", mail.get(0).getSubject());
        assertTrue(text(mail.get(0)).contains("Held Over SIP2 (H1-ITEM)"), text(mail.get(0)));
    }

    /**
     * An item borrowed from a partner arrives (NCIP AcceptItem): it waits on the hold shelf for the patron, who gets the
     * "interlibrary loan has arrived" notice and not a second "hold ready" one for the same item.
     */
    @Test
    void anInterlibraryLoanArrivingMailsOneNoticeNotTwo() throws Exception {
        gateway.storage().write(tx -> {
            tx.patrons().insert(patron("IL1", "Iris Loan", "iris@example.org", NoticePreference.EMAIL, LocalDate.of(2099, 1, 1)));
            return null;
        }).get(30, TimeUnit.SECONDS);
        RequestContext partner = RequestContext.of(Channel.NCIP, "PARTNER", "MAIN");
        Outcome<?> received = gateway.port().execute(new org.stackbridge.core.ill.IllCommands.ReceiveItem(partner, "PARTNER", "IL1-REQ",
                "IL1", "IL1-ITEM", new org.stackbridge.core.ill.IllViews.Citation("Sent From Afar", null, null, null), "MAIN", null, null,
                T0.plus(Duration.ofDays(21)))).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertTrue(received instanceof Outcome.Success<?>, received.toString());
        run(gateway);
        List<MimeMessage> mail = mailTo("iris@example.org");
        assertEquals(List.of("Main Library: your interlibrary loan has arrived"),
                mail.stream().map(m -> {
                    try {
                        return m.getSubject();
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                }).toList());
        assertTrue(text(mail.get(0)).contains("Sent From Afar (IL1-ITEM)"), text(mail.get(0)));
    }

    // ------------------------------------------------------------------ paper

    @Test
    void paperNoticesArePrintedOnePagePerPatronInAValidPdf() throws Exception {
        gateway.storage().write(tx -> {
            long p = tx.patrons().insert(patron("PR1", "Paula Paper", "paula@example.org", NoticePreference.PRINT,
                    LocalDate.of(2099, 1, 1))).id();
            loan(tx, p, item(tx, "PR1-A", "Printed Matter"), T0.minus(Duration.ofDays(3)));
            loan(tx, p, item(tx, "PR1-B", "Ink On Paper"), T0.minus(Duration.ofDays(2)));
            long q = tx.patrons().insert(patron("PR2", "Noemail Nick", null, null, LocalDate.of(2099, 1, 1))).id();
            loan(tx, q, item(tx, "PR2-A", "No Mail For Me"), T0.minus(Duration.ofDays(3)));
            long none = tx.patrons().insert(patron("PR3", "Quiet Quentin", "q@example.org", NoticePreference.NONE,
                    LocalDate.of(2099, 1, 1))).id();
            loan(tx, none, item(tx, "PR3-A", "Never Noticed"), T0.minus(Duration.ofDays(3)));
            return null;
        }).get(30, TimeUnit.SECONDS);
        NoticeRuns.RunResult r = run(gateway);
        assertNotNull(r.batchId(), r.toString());
        assertTrue(r.printed() >= 3, r.toString());
        assertEquals(0, mailTo("paula@example.org").size(), "a paper patron gets no e-mail");
        assertEquals(0, mailTo("q@example.org").size());
        assertTrue(notices(gateway, "PR3").isEmpty(), "notice preference none: nothing recorded");

        String token = api.token("tim", PASSWORD);
        var pdf = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(base() + "/api/v1/notices/print-batch.pdf?batch=" + r.batchId()))
                        .header("Authorization", "Bearer " + token).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, pdf.statusCode());
        assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElse(""));
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            String all = new PDFTextStripper().getText(doc);
            assertTrue(all.contains("Paula Paper") && all.contains("Printed Matter") && all.contains("Ink On Paper"), all);
            assertTrue(all.contains("Noemail Nick") && all.contains("No Mail For Me"), all);
            assertFalse(all.contains("Never Noticed"), all);
            // one page per patron: Paula's two notices share hers
            PDFTextStripper page = new PDFTextStripper();
            int paulaPages = 0;
            for (int i = 1; i <= doc.getNumberOfPages(); i++) {
                page.setStartPage(i);
                page.setEndPage(i);
                String t = page.getText(doc);
                if (t.contains("Paula Paper")) {
                    paulaPages++;
                    assertTrue(t.contains("Printed Matter") && t.contains("Ink On Paper"), t);
                }
            }
            assertEquals(1, paulaPages);
        }
        assertTrue(notices(gateway, "PR1").stream().allMatch(n -> n.state() == NoticeState.SENT && r.batchId().equals(n.batchId())));
        assertEquals(0, run(gateway).printed(), "printed once");
    }

    String base() {
        return "http://127.0.0.1:" + gateway.boundPorts().get("http");
    }

    // ------------------------------------------------------------------ the API

    @Test
    void theApiListsNoticesRunsThemForAdminsOnlyAndNamesBadFilters() throws Exception {
        gateway.storage().write(tx -> {
            long p = tx.patrons().insert(patron("A1", "Api Reader", "api@example.org", NoticePreference.EMAIL, LocalDate.of(2099, 1, 1))).id();
            loan(tx, p, item(tx, "A1-A", "Api Title"), T0.minus(Duration.ofDays(3)));
            return null;
        }).get(30, TimeUnit.SECONDS);
        String tim = api.token("tim", PASSWORD);
        String root = api.token("root", PASSWORD);
        StaffApiClient.problem(api.post("/notices/run", tim, ""), 403);
        StaffApiClient.Answer ran = api.post("/notices/run", root, "");
        assertEquals(200, ran.status(), ran.raw().body());
        assertTrue(ran.json().get("ran").asBoolean());
        StaffApiClient.Answer list = api.get("/notices?patron=A1&type=overdue-1", tim);
        assertEquals(200, list.status(), list.raw().body());
        assertEquals(1, list.json().size(), list.raw().body());
        assertEquals("overdue-1", list.json().get(0).get("type").asText());
        assertEquals("sent", list.json().get(0).get("state").asText());
        assertEquals("api@example.org", list.json().get(0).get("recipient").asText());
        assertTrue(list.json().get(0).get("sent_at").asText().startsWith("2026-11-02T14:00"), list.raw().body());
        assertEquals("1", list.raw().headers().firstValue("X-Total-Count").orElse(""));
        assertEquals(0, api.get("/notices?patron=A1&type=pre-due", tim).json().size());
        StaffApiClient.Answer bad = api.get("/notices?type=shouting&from=yesterday", tim);
        StaffApiClient.problem(bad, 400);
        assertTrue(bad.raw().body().contains("\"type\"") && bad.raw().body().contains("\"from\""), bad.raw().body());
        StaffApiClient.problem(api.get("/notices?_per_page=5000", tim), 400);
        StaffApiClient.problem(api.get("/notices/print-batch.pdf?batch=999999", tim), 404);
    }

    @Test
    void theConsoleShowsWhatWasSentAndLetsAnAdminRunTheJob() throws Exception {
        gateway.storage().write(tx -> {
            long p = tx.patrons().insert(patron("C1", "Console <b>Reader</b>", "console@example.org", NoticePreference.EMAIL,
                    LocalDate.of(2099, 1, 1))).id();
            loan(tx, p, item(tx, "C1-A", "Console Title"), T0.minus(Duration.ofDays(3)));
            return null;
        }).get(30, TimeUnit.SECONDS);
        try (ConsoleBrowser browser = new ConsoleBrowser(gateway)) {
            browser.signIn("tim", PASSWORD);
            browser.driver.get(browser.base + "/notices");
            assertTrue(browser.driver.findElements(org.openqa.selenium.By.id("run-notices")).isEmpty(), "a technician may not run the job");
            assertEquals(403, browser.post("/notices/run", "sb_console=" + browser.sessionCookie(), "_csrf=" + ConsoleBrowser.enc(browser.csrfToken()))
                    .statusCode(), "nor post the form");

            browser.signOutAll();
            browser.signIn("root", PASSWORD);
            browser.driver.get(browser.base + "/notices");
            browser.driver.findElement(org.openqa.selenium.By.id("run-notices")).click();
            browser.waitFor(() -> browser.driver.findElement(org.openqa.selenium.By.cssSelector(".notice")).getText().startsWith("Notices run:"));
            browser.driver.get(browser.base + "/notices?patron=C1");
            List<org.openqa.selenium.WebElement> rows = browser.driver.findElements(org.openqa.selenium.By.cssSelector("table.notices tbody tr"));
            assertEquals(1, rows.size());
            String row = rows.get(0).getText();
            assertTrue(row.contains("overdue-1") && row.contains("console@example.org") && row.contains("sent"), row);
            assertTrue(browser.axeViolations().isEmpty(), browser.axeViolations().toString());
        }
    }

    // ------------------------------------------------------------------ crash and restart

    /** The database lines that let a second gateway open this test's store again. */
    abstract List<String> reopenableDatabase();

    /**
     * One sender claiming pages of three: the first page (1-3) is sent and marked with the second claim (4-6); the
     * crash comes after the fifth message, so 4 and 5 went out unmarked and the page 4-6 stays claimed. A restart sends
     * 7-9 at once, 4-6 once their claim expired: 4 and 5 twice, with their Message-IDs, nothing skipped.
     */
    @Test
    void aCrashMidBatchThenARestartSendsOnlyThePageInFlightAgainAndSkipsNothing() throws Exception {
        TestClock c = new TestClock(T0);
        Path dir = Files.createDirectories(data.resolve("crash"));
        List<String> lines = new ArrayList<>(yaml(smtp.getSmtp().getPort(), "  lease-seconds: 60", "  senders: 1", "  claim-size: 3"));
        lines.addAll(reopenableDatabase());
        AtomicInteger sent = new AtomicInteger();
        int crashAt = 5;
        Gateway first = startWith(dir, c, lines, m -> around(m, n -> { }, n -> {
            if (sent.incrementAndGet() == crashAt) {
                throw new Crash();
            }
        }));
        try {
            overdueByMail(first, 9, "C", "Crash Reader ", "crash", "Crash Title ");
            var failed = first.notices().run("test").toCompletableFuture();
            var e = assertThrows(java.util.concurrent.ExecutionException.class, () -> failed.get(60, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof Crash || e.getCause().getCause() instanceof Crash, e.toString());
        } finally {
            first.close();
        }
        assertEquals(crashAt, crashMail().size(), "the crash came after the fifth message went out");

        Gateway second = startWith(dir, c, lines, m -> m);
        try {
            for (int i = 1; i <= 6; i++) {
                assertEquals(i <= 3 ? NoticeState.SENT : NoticeState.PENDING, notices(second, "C" + i).get(0).state(),
                        "the first page was marked with the second claim, which the crash left unmarked");
            }
            NoticeRuns.RunResult early = run(second);
            assertEquals(3, early.mailed(), "the restarted job sends the three never claimed; the page in flight waits for its claim");
            assertEquals(crashAt + 3, crashMail().size());
            c.advance(Duration.ofSeconds(61));
            assertEquals(3, run(second).mailed(), "the page in flight, once its claim expired");
            List<MimeMessage> all = crashMail();
            assertEquals(11, all.size(), "nine notices, the two sent from the page in flight twice");
            Map<String, Integer> perId = new HashMap<>();
            Map<String, String> idTo = new HashMap<>();
            for (MimeMessage m : all) {
                perId.merge(m.getMessageID(), 1, Integer::sum);
                String to = m.getRecipients(Message.RecipientType.TO)[0].toString();
                String was = idTo.put(m.getMessageID(), to);
                assertTrue(was == null || was.equals(to), "one Message-ID, one patron");
            }
            assertEquals(9, perId.size(), "every notice went out: nothing skipped");
            List<String> twice = perId.entrySet().stream().filter(en -> en.getValue() == 2).map(en -> idTo.get(en.getKey())).sorted().toList();
            assertEquals(List.of("crash4@example.org", "crash5@example.org"), twice,
                    "only the ones sent from the page in flight twice, with the same Message-ID");
            for (int i = 1; i <= 9; i++) {
                assertEquals(NoticeState.SENT, notices(second, "C" + i).get(0).state());
            }
        } finally {
            second.close();
        }
    }

    /** {@code count} patrons {@code barcode}1.. (e-mail {@code mailbox}N@example.org) with a loan three days overdue. */
    static void overdueByMail(Gateway g, int count, String barcode, String name, String mailbox, String title) throws Exception {
        g.storage().write(tx -> {
            for (int i = 1; i <= count; i++) {
                long p = tx.patrons().insert(patron(barcode + i, name + i, mailbox + i + "@example.org",
                        NoticePreference.EMAIL, LocalDate.of(2099, 1, 1))).id();
                loan(tx, p, item(tx, barcode + i + "-A", title + i), T0.minus(Duration.ofDays(3)));
            }
            return null;
        }).get(30, TimeUnit.SECONDS);
    }

    List<MimeMessage> crashMail() throws Exception {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (m.getRecipients(Message.RecipientType.TO)[0].toString().startsWith("crash")) {
                out.add(m);
            }
        }
        return out;
    }

    /** Something a test does around each delivery. */
    interface Step {
        void on(Notices.NoticeRecord n) throws Exception;
    }

    /** {@code mailer} with {@code before} and {@code after} run around each message on its connections. */
    static NoticeMailer around(NoticeMailer mailer, Step before, Step after) {
        return () -> {
            NoticeMailer.Connection real = mailer.connect();
            return new NoticeMailer.Connection() {
                @Override
                public void send(Notices.NoticeRecord n) throws Exception {
                    before.on(n);
                    real.send(n);
                    after.on(n);
                }

                @Override
                public void close() {
                    real.close();
                }
            };
        };
    }

    /** Stands for the process dying between a send and its mark. */
    static final class Crash extends Error {
        Crash() {
            super("simulated crash after a send");
        }
    }

    /** A gateway of its own for one test (directory {@code name}), on a store of its own. */
    Gateway own(String name, TestClock c, List<String> yaml) throws Exception {
        List<String> lines = new ArrayList<>(yaml);
        lines.addAll(reopenableDatabase());
        return startWith(Files.createDirectories(data.resolve(name)), c, lines, m -> m);
    }

    static Gateway startWith(Path dir, TestClock c, List<String> lines, java.util.function.UnaryOperator<NoticeMailer> hook) throws Exception {
        Path config = dir.resolve("stackbridge.yaml");
        Files.writeString(config, "data-dir: " + dir + "\n" + String.join("\n", lines) + "\n");
        var loaded = new org.stackbridge.gateway.config.ConfigLoader().load(config, Map.of(), List.of("data-dir=" + dir,
                "listeners.http-port=0", "listeners.sip2-port=0", "listeners.z3950-port=0"));
        Gateway g = new Gateway(loaded, c).withNoticeMailer(hook);
        // the command line reaches it through its control endpoint, as bin/stackbridge does
        g.withCommands(org.stackbridge.gateway.cli.StackbridgeCli.hostedRunner(g));
        return g.start();
    }

    // ------------------------------------------------------------------ SMTP hangs

    @Test
    void anSmtpServerThatHangsNeitherStallsAKioskNorLosesTheNoticeWhichFailsAfterItsRetries() throws Exception {
        TestClock c = new TestClock(T0);
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (!silent.isClosed()) {
                        held.add(silent.accept());
                    }
                } catch (java.io.IOException e) {
                    // closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Gateway g = own("hang", c, yaml(silent.getLocalPort(), 15, "  retry: {attempts: 2, base-seconds: 60}"));
            try {
                g.storage().write(tx -> {
                    long p = tx.patrons().insert(patron("S1", "Slow Mail", "slow@example.org", NoticePreference.EMAIL,
                            LocalDate.of(2099, 1, 1))).id();
                    loan(tx, p, item(tx, "S1-A", "Stuck In The Outbox"), T0.minus(Duration.ofDays(3)));
                    tx.patrons().insert(patron("K1", "Kiosk User", null, NoticePreference.NONE, LocalDate.of(2099, 1, 1)));
                    BibRecord b = tx.bibs().insert(new BibRecord(0, "bib-K1", "Kiosk Book", "A", null, null, null, null));
                    tx.items().insert(new Item(0, "K1-A", b.id(), "BOOK", "MAIN", "MAIN", "Stacks", "QA", BigDecimal.TEN,
                            ItemStatus.AVAILABLE, null, null));
                    return null;
                }).get(30, TimeUnit.SECONDS);
                CompletableFuture<NoticeRuns.RunResult> running = g.notices().run("test").toCompletableFuture();
                Await.until(Duration.ofSeconds(20), () -> !held.isEmpty(), "the job connects to the silent SMTP server");
                Sip2Requests rq = new Sip2Requests(c, "MAIN");
                try (Sip2Client k = Sip2Client.connect("127.0.0.1", g.sip2().port())) {
                    assertEquals("1", k.send(rq.login("kiosk", "kiosk", "MAIN")).fixed(org.stackbridge.sip2.spec.FixedField.OK));
                    Sip2Message out = k.send(rq.checkout("K1", "K1-A", null));
                    assertEquals("1", out.fixed(org.stackbridge.sip2.spec.FixedField.OK), out.toString());
                }
                assertFalse(running.isDone(), "the checkout was answered while the job still waited on SMTP");
                NoticeRuns.RunResult r = running.get(60, TimeUnit.SECONDS);
                assertEquals(0, r.mailed());
                assertEquals(1, r.failed());
                Notices.NoticeRecord n = notices(g, "S1").get(0);
                assertEquals(NoticeState.PENDING, n.state());
                assertEquals(1, n.attempts());
                assertEquals(T0.plusSeconds(60), n.nextAttemptAt(), "retried after the back-off");
                assertTrue(n.lastError() != null && !n.lastError().isBlank());
                assertEquals(0, run(g).failed(), "not retried before its time");
                c.advance(Duration.ofSeconds(61));
                assertEquals(1, run(g).failed());
                Notices.NoticeRecord last = notices(g, "S1").get(0);
                assertEquals(NoticeState.FAILED, last.state(), "shown as failed after the last attempt");
                assertEquals(2, last.attempts());
                c.advance(Duration.ofDays(1));
                assertEquals(0, run(g).failed(), "a failed notice is not tried again");
            } finally {
                g.close();
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    // ------------------------------------------------------------------ the command line

    @Test
    void theCommandLineRunsAndListsNoticesThroughTheRunningGateway() throws Exception {
        TestClock c = new TestClock(T0);
        Path dir = data.resolve("cli");
        Gateway g = own("cli", c, yaml(smtp.getSmtp().getPort()));
        try {
            g.storage().write(tx -> {
                long p = tx.patrons().insert(patron("L1", "Cli Reader", "cli@example.org", NoticePreference.EMAIL,
                        LocalDate.of(2099, 1, 1))).id();
                loan(tx, p, item(tx, "L1-A", "Command Line Title"), T0.minus(Duration.ofDays(3)));
                return null;
            }).get(30, TimeUnit.SECONDS);
            String config = dir.resolve("stackbridge.yaml").toString();
            org.stackbridge.gateway.cli.CliRun run = org.stackbridge.gateway.cli.CliRun.run("", "notices", "run", "--config", config);
            assertEquals(0, run.code(), run.out() + run.err());
            assertTrue(run.out().contains("recorded 1, mailed 1"), run.out());
            assertEquals(1, mailTo("cli@example.org").size());
            org.stackbridge.gateway.cli.CliRun list = org.stackbridge.gateway.cli.CliRun.run("", "notices", "list", "--patron", "L1",
                    "--config", config);
            assertEquals(0, list.code(), list.out() + list.err());
            assertTrue(list.out().contains("overdue-1") && list.out().contains("sent") && list.out().contains("cli@example.org")
                    && list.out().contains("1 of 1 notice(s)"), list.out());
            org.stackbridge.gateway.cli.CliRun bad = org.stackbridge.gateway.cli.CliRun.run("", "notices", "list", "--type", "loud",
                    "--config", config);
            assertEquals(2, bad.code(), bad.out() + bad.err());
            assertTrue(bad.err().contains("--type"), bad.err());
        } finally {
            g.close();
        }
    }

    // ------------------------------------------------------------------ overdue intervals per rule

    /**
     * Three loans due at the same moment under three rules: the (*, *, *) rule of the file without days of its own
     * (notices.overdue-days: 1, 14, 28), a DVD rule of the file (2, 4, 6) and a CHILD rule added through the API into
     * the database (3, 5, 30); the job runs once a day and each loan's notices come on its own rule's days.
     */
    @Test
    void overdueNoticeDaysPerCirculationRuleGiveEachLoanItsOwnNoticeDates() throws Exception {
        TestClock c = new TestClock(T0);
        List<String> lines = new ArrayList<>();
        for (String line : yaml(smtp.getSmtp().getPort())) {
            lines.add(line);
            if (line.startsWith("  - {library: '*', category: '*', item-type: '*'")) {
                lines.add("  - {library: '*', category: '*', item-type: DVD, overdue-notice-days: [2, 4, 6]}");
            }
        }
        Gateway g = own("rule-days", c, lines);
        try {
            seedStaff(g);
            StaffApiClient admin = new StaffApiClient(g::httpPort);
            String root = admin.token("root", PASSWORD);
            StaffApiClient.invalid(admin.post("/circulation-rules", root, Map.of("category", "CHILD", "overdue_notice_days",
                    List.of(5, 3, 30))), "overdue_notice_days");
            StaffApiClient.Answer added = StaffApiClient.ok(admin.post("/circulation-rules", root, Map.of("category", "CHILD",
                    "overdue_notice_days", List.of(3, 5, 30))), 201);
            assertEquals("[3,5,30]", added.json().path("overdue_notice_days").toString(), added.raw().body());
            StaffApiClient.Answer rules = StaffApiClient.ok(admin.get("/circulation-rules?item_type=DVD", root), 200);
            assertEquals("[2,4,6]", rules.json().get(0).path("overdue_notice_days").toString(), rules.raw().body());
            g.storage().write(tx -> {
                long adult = tx.patrons().insert(patron("R1", "Book Reader", "r1@example.org", NoticePreference.EMAIL,
                        LocalDate.of(2099, 1, 1))).id();
                loan(tx, adult, item(tx, "R1-A", "A Book"), T0);
                long viewer = tx.patrons().insert(patron("R2", "Film Viewer", "r2@example.org", NoticePreference.EMAIL,
                        LocalDate.of(2099, 1, 1))).id();
                BibRecord film = tx.bibs().insert(new BibRecord(0, "bib-R2-A", "A Film", "Director", null, null, null, null));
                long dvd = tx.items().insert(new Item(0, "R2-A", film.id(), "DVD", "MAIN", "MAIN", "Stacks", "QA", BigDecimal.TEN,
                        ItemStatus.CHECKED_OUT, null, null)).id();
                loan(tx, viewer, dvd, T0);
                long child = tx.patrons().insert(new Patron(0, "R3", null, "Young Reader", "CHILD", "r3@example.org", null,
                        "3 Elm Street", LocalDate.of(2099, 1, 1), "MAIN", false, null, NoticePreference.EMAIL, "en")).id();
                loan(tx, child, item(tx, "R3-A", "A Picture Book"), T0);
                return null;
            }).get(30, TimeUnit.SECONDS);
            for (int day = 1; day <= 6; day++) {
                c.set(T0.plus(Duration.ofDays(day)).plusSeconds(60));
                run(g);
            }
            assertEquals(Map.of("overdue-1", 1), noticeDays(g, "R1"), "notices.overdue-days: the second one comes after 14 days");
            assertEquals(Map.of("overdue-1", 2, "overdue-2", 4, "overdue-3", 6), noticeDays(g, "R2"), "the DVD rule of the file");
            assertEquals(Map.of("overdue-1", 3, "overdue-2", 5), noticeDays(g, "R3"), "the CHILD rule of the database");
        } finally {
            g.close();
        }
    }

    /** Each notice type of a patron and the day after T0 it was recorded on. */
    static Map<String, Integer> noticeDays(Gateway g, String patron) {
        Map<String, Integer> out = new HashMap<>();
        for (Notices.NoticeRecord n : notices(g, patron)) {
            out.put(n.type().label(), (int) Duration.between(T0, n.createdAt()).toDays());
        }
        return out;
    }

    // ------------------------------------------------------------------ mail to a folder

    @Test
    void withoutAnSmtpHostAMailFolderGetsEachEmailNoticeAsAnEmlFileNamedByItsMessageId() throws Exception {
        TestClock c = new TestClock(T0);
        List<String> lines = new ArrayList<>(yaml(0).stream().filter(l -> !l.contains("smtp:")).toList());
        lines.add("  mail-folder: outbox-mail");
        Gateway g = own("folder", c, lines);
        Path folder = data.resolve("folder").resolve("outbox-mail");
        try {
            overdueByMail(g, 3, "F", "Folder Reader ", "folder", "Folded Title ");
            NoticeRuns.RunResult r = run(g);
            assertEquals(3, r.mailed(), r.toString());
            assertEquals(0, r.printed(), "e-mail notices go to the folder, not to the print batch");
            List<Path> files;
            try (var listing = Files.list(folder)) {
                files = listing.sorted().toList();
            }
            assertEquals(3, files.size(), "one file a notice and no temporary files left: " + files);
            for (int i = 1; i <= 3; i++) {
                Notices.NoticeRecord n = notices(g, "F" + i).get(0);
                assertEquals(NoticeState.SENT, n.state());
                assertEquals(org.stackbridge.core.notice.NoticeChannel.EMAIL, n.channel());
                Path file = folder.resolve(n.messageId().substring(1, n.messageId().length() - 1) + ".eml");
                assertTrue(Files.exists(file), file + " among " + files);
                MimeMessage m;
                try (var in = Files.newInputStream(file)) {
                    m = new MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()), in);
                }
                assertEquals(n.messageId(), m.getMessageID());
                assertEquals("folder" + i + "@example.org", m.getRecipients(Message.RecipientType.TO)[0].toString());
                assertEquals("library@main.example.org", m.getFrom()[0].toString());
                assertEquals(n.subject(), m.getSubject());
                assertTrue(text(m).contains("Folded Title " + i), text(m));
            }
            assertEquals(0, run(g).mailed(), "sent once");
            try (var listing = Files.list(folder)) {
                assertEquals(3, listing.count());
            }
        } finally {
            g.close();
        }
    }

    // ------------------------------------------------------------------ blocking

    @Test
    void theOverdueLevelThatBlocksPlacesATypedBlockOnce() throws Exception {
        TestClock c = new TestClock(T0);
        Gateway g = own("block", c, yaml(smtp.getSmtp().getPort(), "  block-at-level: 3"));
        try {
            g.storage().write(tx -> {
                long p = tx.patrons().insert(patron("B1", "Blocked Bea", "bea@example.org", NoticePreference.EMAIL,
                        LocalDate.of(2099, 1, 1))).id();
                loan(tx, p, item(tx, "B1-A", "Very Late"), T0.minus(Duration.ofDays(29)));
                return null;
            }).get(30, TimeUnit.SECONDS);
            run(g);
            run(g);
            var blocks = g.port().execute(new PatronCommands.ListBlocks(RequestContext.of(Channel.DESK, "root", "MAIN"), "B1"))
                    .toCompletableFuture().get(30, TimeUnit.SECONDS).value().blocks();
            assertEquals(1, blocks.size(), blocks.toString());
            assertEquals(BlockType.OVERDUE_NOTICES, blocks.get(0).type());
            assertEquals("test", blocks.get(0).placedBy(), "in the name of who ran the job");
        } finally {
            g.close();
        }
    }
}
