package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.CirculationEvent;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.model.StaffAccount;
import org.stackbridge.core.model.StaffRole;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.core.testing.TestClock;
import org.stackbridge.sip2.client.Sip2Client;
import org.stackbridge.sip2.client.Sip2Requests;
import org.stackbridge.sip2.spec.FixedField;

/**
 * The console's kiosk, administration and report pages in a real headless Chromium against the whole gateway: a SIP2
 * client connected during the test shows on the kiosk page with its address; a technician gets 403 on every
 * administration page and action; an admin adds a staff account (who can then sign in) and a closed day, and sees
 * which circulation rule applies and why; the reports page shows the table, loads the server-drawn chart and offers a
 * working CSV download. Takes {@code docs/console/terminals.png}, {@code admin.png} and {@code reports.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ConsoleOpsBrowserIT {

    private static final Instant T0 = Instant.parse("2026-11-02T15:00:00Z");
    private static final String PASSWORD = "correct horse";

    @TempDir
    static Path data;
    TestClock clock;
    Gateway gateway;
    ConsoleBrowser kit;
    ChromeDriver browser;
    String base;

    @BeforeAll
    void start() throws Exception {
        clock = new TestClock(T0);
        SecretHasher hasher = new SecretHasher(1_000);
        gateway = TestGateways.start(data, clock,
                "libraries:",
                "  - {code: MAIN, name: Main Library}",
                "sip2-accounts:",
                "  - {login: kiosk, password-hash: '" + hasher.hash("kiosk") + "', institution: MAIN}",
                "  - {login: sorter, password-hash: '" + hasher.hash("sorter") + "', institution: MAIN}",
                "security: {hash-iterations: 1000}",
                "engine: {maintenance-minutes: 0}");
        String hash = hasher.hash(PASSWORD);
        gateway.storage().write(tx -> {
            tx.staff().save(new StaffAccount("tim", hash, StaffRole.TECHNICIAN, "MAIN", true));
            tx.staff().save(new StaffAccount("root", hash, StaffRole.ADMIN, null, true));
            tx.patrons().insert(new Patron(0, "P1", null, "Ada Reader", "ADULT", null, null, null, LocalDate.of(2030, 1, 1), "MAIN", false));
            for (int i = 1; i <= 3; i++) {
                BibRecord bib = tx.bibs().insert(new BibRecord(0, "b" + i, "Title " + i, "Author", null, null, null, null));
                tx.items().insert(new Item(0, "I" + i, bib.id(), "BOOK", "MAIN", "MAIN", "Stacks", "QA " + i, BigDecimal.TEN,
                        ItemStatus.AVAILABLE, null, null));
            }
            return null;
        }).get(30, TimeUnit.SECONDS);
        // loans on two days of the report range
        clock.set(T0.minus(Duration.ofDays(2)));
        engine(new Commands.CheckOut(RequestContext.of(Channel.DESK, "setup", "MAIN"), "P1", "I1", null, false, false, false));
        clock.set(T0.minus(Duration.ofDays(1)));
        engine(new Commands.CheckOut(RequestContext.of(Channel.DESK, "setup", "MAIN"), "P1", "I2", null, false, false, false));
        clock.set(T0);
        kit = new ConsoleBrowser(gateway);
        browser = kit.driver;
        base = kit.base;
    }

    @AfterAll
    void stop() {
        ConsoleBrowser.closeAll(kit, gateway);
    }

    @BeforeEach
    void fresh() {
        clock.set(T0);
        kit.signOutAll();
    }

    private <R> R engine(org.stackbridge.core.command.Command<R> command) throws Exception {
        return ConsoleBrowser.succeed(gateway, command);
    }

    private String notice() {
        return browser.findElement(By.cssSelector("#panel .notice")).getText();
    }

    private void submit(WebElement button) {
        String before = kit.panelMarker();
        button.click();
        kit.waitFor(() -> !kit.panelMarker().equals(before));
    }

    private HttpResponse<byte[]> getWithSession(String url) throws Exception {
        return kit.http.send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", "sb_console=" + kit.sessionCookie()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    // ------------------------------------------------------------------ kiosks

    @Test
    void aSip2ClientConnectedDuringTheTestShowsOnTheKioskPageWithItsAddress() throws Exception {
        try (Sip2Client c = Sip2Client.connect("127.0.0.1", gateway.sip2().port())) {
            Sip2Requests rq = new Sip2Requests(clock, "MAIN");
            assertEquals("1", c.send(rq.login("kiosk", "kiosk", "MAIN")).fixed(FixedField.OK));
            c.send(rq.scStatus());
            kit.signIn("tim", PASSWORD);
            browser.findElement(By.linkText("Kiosks")).click();
            kit.waitFor(() -> browser.getCurrentUrl().endsWith("/console/terminals"));
            WebElement kiosk = browser.findElement(By.cssSelector("tr[data-terminal=kiosk]"));
            assertEquals("connected", kiosk.findElement(By.cssSelector(".state")).getText(), kiosk.getText());
            assertEquals("127.0.0.1", kiosk.findElement(By.cssSelector(".addresses")).getText());
            assertTrue(kiosk.getText().contains("99"), "the last message was the SC status: " + kiosk.getText());
            assertTrue(kiosk.getText().contains("2026-11-02 15:00 UTC"), kiosk.getText());
            assertTrue(kiosk.getText().contains("on-line"), kiosk.getText());
            WebElement sorter = browser.findElement(By.cssSelector("tr[data-terminal=sorter]"));
            assertEquals("not connected", sorter.findElement(By.cssSelector(".state")).getText(), "never connected, still listed");
            assertEquals(List.of(), kit.axeViolations(), "kiosk page");
            kit.screenshot("terminals.png");
        }
        kit.waitFor(() -> {
            browser.navigate().refresh();
            return browser.findElement(By.cssSelector("tr[data-terminal=kiosk] .state")).getText().equals("not connected");
        });
    }

    // ------------------------------------------------------------------ administration

    @Test
    void aTechnicianGets403OnEveryAdministrationPageAndAction() throws Exception {
        kit.signIn("tim", PASSWORD);
        assertTrue(browser.findElements(By.linkText("Staff accounts")).isEmpty(), "no admin link for a technician");
        for (String page : List.of("/admin/staff", "/admin/terminals", "/admin/libraries", "/admin/rules")) {
            browser.get(base + page);
            assertEquals("Not allowed", browser.findElement(By.id("error-title")).getText(), page);
            assertEquals("403", browser.findElement(By.cssSelector("[data-status]")).getAttribute("data-status"), page);
        }
        // a forged form with a valid session and CSRF token is refused on the server all the same
        browser.get(base + "/desk");
        String csrf = kit.csrfToken();
        String cookie = "sb_console=" + kit.sessionCookie();
        assertEquals(403, kit.post("/admin/staff", cookie, "_csrf=" + csrf + "&login=mallory&password=long+enough&role=admin").statusCode());
        assertEquals(403, kit.post("/admin/libraries/MAIN/closed-dates", cookie, "_csrf=" + csrf + "&date=2026-12-24&action=add").statusCode());
        assertTrue(gateway.storage().read(tx -> tx.staff().find("mallory")).get(10, TimeUnit.SECONDS).isEmpty());
    }

    @Test
    void anAdminAddsAStaffAccountWhoCanSignInAndAClosedDay() throws Exception {
        kit.signIn("root", PASSWORD);
        browser.findElement(By.linkText("Staff accounts")).click();
        kit.waitFor(() -> browser.getCurrentUrl().endsWith("/console/admin/staff"));
        browser.findElement(By.id("staff-login")).sendKeys("nora");
        browser.findElement(By.id("staff-password")).sendKeys("a long password");
        new Select(browser.findElement(By.id("staff-role"))).selectByValue("librarian");
        new Select(browser.findElement(By.id("staff-library"))).selectByValue("MAIN");
        submit(browser.findElement(By.cssSelector("form[aria-labelledby=add-staff] button")));
        assertTrue(notice().contains("nora added"), notice());
        assertTrue(browser.findElement(By.cssSelector("tr[data-login=nora]")).getText().contains("librarian"));
        StaffAccount nora = gateway.storage().read(tx -> tx.staff().find("nora")).get(10, TimeUnit.SECONDS).orElseThrow();
        assertEquals(StaffRole.LIBRARIAN, nora.role());
        assertEquals("MAIN", nora.library());
        // a password too short is refused naming the field, and nothing is added
        browser.findElement(By.id("staff-login")).sendKeys("shorty");
        browser.findElement(By.id("staff-password")).sendKeys("short");
        browser.executeScript("document.getElementById('staff-password').removeAttribute('minlength')");
        submit(browser.findElement(By.cssSelector("form[aria-labelledby=add-staff] button")));
        assertTrue(notice().contains("password: must be at least 8 characters"), notice());
        assertTrue(gateway.storage().read(tx -> tx.staff().find("shorty")).get(10, TimeUnit.SECONDS).isEmpty());

        // a library, and a closed day for it (a library of the configuration file is changed there, not here)
        browser.findElement(By.linkText("Libraries")).click();
        kit.waitFor(() -> browser.getCurrentUrl().endsWith("/console/admin/libraries"));
        assertTrue(browser.findElements(By.cssSelector("article[data-library=MAIN] form.add-closed")).isEmpty());
        browser.findElement(By.id("lib-code")).sendKeys("EAST");
        browser.findElement(By.id("lib-name")).sendKeys("East Branch");
        browser.findElement(By.id("lib-institution")).sendKeys("MAIN");
        submit(browser.findElement(By.cssSelector("form[aria-labelledby=add-library] button")));
        assertTrue(notice().contains("Library EAST added"), notice());
        WebElement date = browser.findElement(By.id("closed-EAST"));
        browser.executeScript("arguments[0].value = '2026-12-24';", date);
        submit(browser.findElement(By.cssSelector("article[data-library=EAST] form.add-closed button")));
        assertTrue(notice().contains("EAST is closed on 2026-12-24"), notice());
        assertTrue(gateway.storage().read(tx -> tx.libraries().find("EAST")).get(10, TimeUnit.SECONDS).orElseThrow().closedDates()
                .contains(LocalDate.of(2026, 12, 24)));
        assertTrue(browser.findElement(By.cssSelector("article[data-library=EAST] .closed-dates")).getText().contains("2026-12-24"));
        kit.screenshot("admin.png");
        // the same day again is a conflict that says so
        date = browser.findElement(By.id("closed-EAST"));
        browser.executeScript("arguments[0].value = '2026-12-24';", date);
        submit(browser.findElement(By.cssSelector("article[data-library=EAST] form.add-closed button")));
        assertTrue(notice().contains("already closed on 2026-12-24"), notice());
        List<CirculationEvent> events = gateway.storage().read(tx -> tx.events().between(T0.minus(Duration.ofDays(1)),
                T0.plus(Duration.ofDays(1)), 1000)).get(10, TimeUnit.SECONDS);
        assertTrue(events.stream().anyMatch(e -> e.type() == EventType.STAFF_ACCOUNT_CHANGED && "root".equals(e.actor())),
                "the new account is logged in root's name: " + events);
        assertTrue(events.stream().anyMatch(e -> e.type() == EventType.LIBRARY_CHANGED && "root".equals(e.actor())),
                "the closed day is logged in root's name: " + events);

        // and the rule explanation for library x category x item type
        browser.findElement(By.linkText("Circulation rules")).click();
        kit.waitFor(() -> browser.getCurrentUrl().endsWith("/console/admin/rules"));
        new Select(browser.findElement(By.id("explain-library"))).selectByValue("MAIN");
        new Select(browser.findElement(By.id("explain-category"))).selectByValue("ADULT");
        new Select(browser.findElement(By.id("explain-type"))).selectByValue("BOOK");
        browser.findElement(By.cssSelector("form[aria-labelledby=explain-title] button")).click();
        kit.waitFor(() -> !browser.findElements(By.cssSelector(".explanation")).isEmpty());
        String explanation = browser.findElement(By.cssSelector(".explanation")).getText();
        assertTrue(explanation.contains("applies to MAIN × ADULT × BOOK"), explanation);
        assertFalse(browser.findElements(By.cssSelector(".explanation ol.why li")).isEmpty(), "and why");

        // the new account signs in
        kit.signOutAll();
        kit.signIn("nora", "a long password");
        assertTrue(browser.findElement(By.cssSelector(".who")).getText().contains("nora (librarian)"));
    }

    @Test
    void anAdminAddsASip2TerminalAccountThatLogsInAtOnceAndDisablesIt() throws Exception {
        kit.signIn("root", PASSWORD);
        browser.get(base + "/admin/terminals");
        assertTrue(browser.findElement(By.cssSelector("tr[data-login=kiosk]")).getText().contains("configuration"));
        assertTrue(browser.findElement(By.cssSelector("dl.profile")).getText().length() > 0, "the profiles, read-only");
        browser.findElement(By.id("term-login")).sendKeys("selfcheck2");
        browser.findElement(By.id("term-password")).sendKeys("s3cret");
        submit(browser.findElement(By.cssSelector("form[aria-labelledby=add-terminal] button")));
        assertTrue(notice().contains("selfcheck2 added"), notice());
        Sip2Requests rq = new Sip2Requests(clock, "MAIN");
        try (Sip2Client c = Sip2Client.connect("127.0.0.1", gateway.sip2().port())) {
            assertEquals("1", c.send(rq.login("selfcheck2", "s3cret", "MAIN")).fixed(FixedField.OK), "logs in at once");
        }
        submit(browser.findElement(By.cssSelector("tr[data-login=selfcheck2] form:not(.inline) button")));
        assertTrue(notice().contains("selfcheck2 disabled"), notice());
        assertTrue(browser.findElement(By.cssSelector("tr[data-login=selfcheck2]")).getText().contains("disabled"));
        try (Sip2Client c = Sip2Client.connect("127.0.0.1", gateway.sip2().port())) {
            assertEquals("0", c.send(rq.login("selfcheck2", "s3cret", "MAIN")).fixed(FixedField.OK), "a disabled account cannot log in");
        }
        // the accounts of the configuration file are changed there: the page offers no form, and a forged one is refused
        assertTrue(browser.findElement(By.cssSelector("tr[data-login=kiosk]")).findElements(By.tagName("form")).isEmpty());
        HttpResponse<String> forged = kit.post("/admin/terminals/kiosk", "sb_console=" + kit.sessionCookie(),
                "_csrf=" + kit.csrfToken() + "&enabled=false");
        assertEquals(409, forged.statusCode(), forged.body());
    }

    // ------------------------------------------------------------------ reports

    @Test
    void theReportsPageShowsTheTableLoadsTheChartAndDownloadsCsv() throws Exception {
        kit.signIn("tim", PASSWORD);
        browser.findElement(By.linkText("Reports")).click();
        kit.waitFor(() -> browser.getCurrentUrl().endsWith("/console/reports"));
        new Select(browser.findElement(By.id("report-name"))).selectByValue("circulation");
        browser.executeScript("document.getElementById('report-from').value = '2026-10-30';"
                + "document.getElementById('report-to').value = '2026-11-02';");
        browser.findElement(By.cssSelector("form.report-form button")).click();
        kit.waitFor(() -> !browser.findElements(By.cssSelector("table.report")).isEmpty());
        String table = browser.findElement(By.cssSelector("table.report")).getText();
        assertTrue(table.contains("checkouts") && table.contains("2026-10-31") && table.contains("2026-11-01"), table);
        // the chart: an <img> from the console, loaded under the page's Content-Security-Policy
        kit.waitFor(() -> Boolean.TRUE.equals(browser.executeScript(
                "var i = document.getElementById('report-chart'); return i.complete && i.naturalWidth > 0;")));
        String src = browser.findElement(By.id("report-chart")).getAttribute("src");
        HttpResponse<byte[]> svg = getWithSession(src);
        assertEquals(200, svg.statusCode());
        assertEquals("image/svg+xml", svg.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(new String(svg.body(), StandardCharsets.UTF_8).contains("<svg"));
        kit.screenshot("reports.png");
        // the CSV link
        String csvUrl = browser.findElement(By.id("report-csv")).getAttribute("href");
        HttpResponse<byte[]> csv = getWithSession(csvUrl);
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElseThrow().startsWith("text/csv"));
        assertTrue(csv.headers().firstValue("Content-Disposition").orElseThrow().contains("attachment; filename=\"circulation.csv\""));
        String body = new String(csv.body(), StandardCharsets.UTF_8);
        assertTrue(body.startsWith("period,checkouts,renewals,checkins,borrowers"), body);
        assertTrue(body.contains("2026-10-31,1,"), body);
        assertTrue(body.contains("2026-11-01,1,"), body);
        // a bad parameter is named
        browser.get(base + "/reports?name=circulation&from=2026-11-02&to=2026-10-01");
        assertTrue(notice().contains("to"), notice());
        assertTrue(Files.exists(ConsoleBrowser.SCREENSHOTS.resolve("reports.png")));
    }
}
