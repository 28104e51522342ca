package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
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
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.core.testing.TestClock;
import org.stackbridge.z3950.interop.InteropTools;

/**
 * The staff console in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, driven by
 * Selenium) against the whole gateway: sign-in, the desk's check-out with a refusal, a check-in that traps a hold and
 * shows its slip, escaping, CSRF, roles, the session cookie, inactivity, the sign-in throttle, and axe-core's
 * accessibility rules. Without the browser the tests skip, or fail when {@code STACKBRIDGE_REQUIRE_INTEROP=true} (CI).
 * The desk, check-in and patron screenshots in {@code docs/console/} are taken here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConsoleBrowserIT {

    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
    private static final String PASSWORD = "correct horse";
    private static final String XSS_NAME = "<script>window.__pwned=1;document.title='pwned'</script>Mallory <b>Bold</b>";

    @TempDir
    static Path data;
    TestClock clock;
    Gateway gateway;
    ConsoleBrowser kit;
    ChromeDriver browser;
    String base;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start() throws Exception {
        InteropTools.requireThat(Files.isExecutable(ConsoleBrowser.CHROMIUM) && Files.isExecutable(ConsoleBrowser.CHROMEDRIVER),
                "chromium or chromedriver not installed (apt-get install -y chromium chromium-driver)");
        clock = new TestClock(T0);
        gateway = TestGateways.start(data, clock,
                "libraries:",
                "  - {code: MAIN, name: Main Library}",
                "staff-console:",
                "  session-idle-minutes: 30");
        String hash = new SecretHasher(1_000).hash(PASSWORD);
        gateway.storage().write(tx -> {
            tx.staff().save(new StaffAccount("grace", hash, StaffRole.LIBRARIAN, "MAIN", true));
            tx.staff().save(new StaffAccount("tim", hash, StaffRole.TECHNICIAN, "MAIN", true));
            tx.staff().save(new StaffAccount("root", hash, StaffRole.ADMIN, null, true));
            tx.staff().save(new StaffAccount("guessed", hash, StaffRole.TECHNICIAN, "MAIN", true));
            tx.patrons().insert(new Patron(0, "P1", null, "Ada Reader", "ADULT", "ada@example.org", null, null, LocalDate.of(2030, 1, 1), "MAIN", false));
            tx.patrons().insert(new Patron(0, "P2", null, "Grace Holder", "ADULT", null, null, null, LocalDate.of(2030, 1, 1), "MAIN", false));
            tx.patrons().insert(new Patron(0, "P3", null, XSS_NAME, "ADULT", null, null, null, LocalDate.of(2030, 1, 1), "MAIN", false));
            tx.patrons().insert(new Patron(0, "P5", null, "Carla Forms", "ADULT", null, null, null, LocalDate.of(2030, 1, 1), "MAIN", false));
            tx.patrons().insert(new Patron(0, "P4", null, "Other Borrower", "ADULT", null, null, null, LocalDate.of(2030, 1, 1), "MAIN", false));
            String[] titles = {"The Left Hand of Darkness", "A Wizard of Earthsea", "The Dispossessed", "Always Coming Home",
                "The Lathe of Heaven", "Tehanu", "The Word for World Is Forest", "Orsinian Tales"};
            for (int i = 1; i <= titles.length; i++) {
                BibRecord bib = tx.bibs().insert(new BibRecord(0, "b" + i, titles[i - 1], "Le Guin, Ursula K.", null, null, null, null));
                tx.items().insert(new Item(0, "I" + i, bib.id(), "BOOK", "MAIN", "MAIN", "Stacks", "PS3562.E42 " + i, BigDecimal.TEN,
                        ItemStatus.AVAILABLE, null, null));
            }
            return null;
        }).get(30, TimeUnit.SECONDS);
        // I3 waits on the hold shelf for P2: lent to P4, held for P2, returned
        engine(new Commands.CheckOut(desk(), "P4", "I3", null, false, false, false));
        engine(new Commands.PlaceHold(desk(), "P2", "I3", null, "MAIN", null));
        engine(new Commands.CheckIn(desk(), "I3", false));
        // I5 is on loan to P4 with a hold for P2: its check-in at the console traps the hold
        engine(new Commands.CheckOut(desk(), "P4", "I5", null, false, false, false));
        engine(new Commands.PlaceHold(desk(), "P2", "I5", null, "MAIN", null));
        // P4 has an overdue loan: lent 40 days ago
        clock.set(T0.minus(Duration.ofDays(40)));
        engine(new Commands.CheckOut(desk(), "P4", "I7", null, false, false, false));
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
    void freshBrowser() {
        clock.set(T0);
        browser.get(base + "/signin");
        browser.manage().deleteAllCookies();
    }

    private static RequestContext desk() {
        return ConsoleBrowser.setupContext();
    }

    private <R> R engine(org.stackbridge.core.command.Command<R> command) throws Exception {
        return ConsoleBrowser.succeed(gateway, command);
    }

    // ------------------------------------------------------------------ helpers

    private void signIn(String login) {
        kit.signIn(login, PASSWORD);
    }

    private void waitFor(java.util.function.BooleanSupplier condition) {
        kit.waitFor(condition);
    }

    private WebElement scan(String barcode) {
        return kit.scan(barcode);
    }

    private String notice() {
        return kit.notice();
    }

    private void screenshot(String name) {
        kit.screenshot(name);
    }

    private Views.PatronInfo patron(String barcode) throws Exception {
        return engine(new Commands.LookupPatron(desk(), barcode, null));
    }

    private List<CirculationEvent> events() throws Exception {
        return gateway.storage().read(tx -> tx.events().between(T0.minus(Duration.ofDays(60)), T0.plus(Duration.ofDays(60)), 10_000))
                .get(30, TimeUnit.SECONDS);
    }

    private String sessionCookie() {
        return kit.sessionCookie();
    }

    private HttpResponse<String> post(String path, String cookie, String form, String... headers) throws Exception {
        return kit.post(path, cookie, form, headers);
    }

    private static String enc(String s) {
        return ConsoleBrowser.enc(s);
    }

    private List<String> axeViolations() throws IOException {
        return kit.axeViolations();
    }

    // ------------------------------------------------------------------ journeys

    @Test
    void signingInOpensTheDeskWithTheBarcodeFieldFocused() {
        browser.get(base + "/desk");
        waitFor(() -> browser.getCurrentUrl().endsWith("/console/signin"));
        assertEquals("username", browser.switchTo().activeElement().getAttribute("name"));
        signIn("tim");
        assertEquals("scan", browser.switchTo().activeElement().getAttribute("id"));
        assertTrue(browser.findElement(By.cssSelector("header .who")).getText().contains("tim (technician)"));
    }

    @Test
    void aWrongPasswordIsRefusedOnTheFormAndRepeatedFailuresLockTheLogin() {
        browser.get(base + "/signin");
        for (int i = 1; i <= 5; i++) {
            browser.findElement(By.name("username")).clear();
            browser.findElement(By.name("username")).sendKeys("guessed");
            browser.findElement(By.name("password")).sendKeys("wrong " + i, Keys.ENTER);
            waitFor(() -> !browser.findElements(By.cssSelector(".notice")).isEmpty());
            assertTrue(browser.getCurrentUrl().endsWith("/console/signin"), browser.getCurrentUrl());
        }
        browser.findElement(By.name("username")).clear();
        browser.findElement(By.name("username")).sendKeys("guessed");
        browser.findElement(By.name("password")).sendKeys(PASSWORD, Keys.ENTER);
        waitFor(() -> browser.findElement(By.cssSelector(".notice")).getText().contains("Too many failed logins"));
        assertTrue(browser.getCurrentUrl().endsWith("/console/signin"), "the right password does not help while locked");
        assertNull(browser.manage().getCookieNamed("sb_console"));
    }

    @Test
    void checkingOutThreeItemsShowsTheLoansAndTheRefusalForAnotherPatronsHold() throws Exception {
        signIn("tim");
        scan("P1");
        assertTrue(browser.findElement(By.id("patron-name")).getText().contains("Ada Reader"));
        scan("I1");
        assertTrue(notice().startsWith("Checked out I1"), notice());
        scan("I2");
        assertTrue(notice().startsWith("Checked out I2"), notice());
        WebElement panel = scan("I3");
        WebElement refusal = panel.findElement(By.cssSelector(".notice"));
        assertTrue(refusal.getText().contains("Not checked out: I3"), refusal.getText());
        assertEquals("ITEM_ON_HOLD_FOR_OTHER", refusal.getAttribute("data-reason"));
        assertEquals("alert", refusal.getAttribute("role"));
        waitFor(() -> browser.findElement(By.id("announce")).getAttribute("textContent").contains("Not checked out: I3"));
        List<String> rows = browser.findElements(By.cssSelector("table.loans tbody tr")).stream().map(r -> r.getAttribute("data-item")).toList();
        assertEquals(List.of("I1", "I2"), rows.stream().sorted().toList());
        screenshot("desk.png");

        Views.PatronInfo p1 = patron("P1");
        assertEquals(List.of("I1", "I2"), p1.loans().stream().map(Views.LoanLine::itemBarcode).sorted().toList());
        long p1Id = gateway.storage().read(tx -> tx.patrons().byBarcode("P1").orElseThrow().id()).get(10, TimeUnit.SECONDS);
        List<CirculationEvent> checkouts = events().stream().filter(e -> e.type() == EventType.CHECKOUT && Long.valueOf(p1Id).equals(e.patronId()))
                .toList();
        assertEquals(2, checkouts.size(), checkouts.toString());
        assertTrue(checkouts.stream().allMatch(e -> "tim".equals(e.actor()) && e.channel() == Channel.DESK
                && "staff-console".equals(e.terminal())), checkouts.toString());

        // the receipt of today's loans lists both
        browser.findElement(By.linkText("Receipt of today's loans")).click();
        waitFor(() -> browser.getCurrentUrl().contains("/console/desk/receipt"));
        String receipt = browser.findElement(By.cssSelector(".receipt")).getText();
        assertTrue(receipt.contains("I1") && receipt.contains("I2") && !receipt.contains("I3"), receipt);
    }

    @Test
    void checkingInAnItemWithAHoldShowsTheSlipNamingTheHoldPatron() throws Exception {
        signIn("tim");
        browser.findElement(By.linkText("Check in")).click();
        waitFor(() -> browser.getCurrentUrl().endsWith("/console/desk/checkin"));
        scan("I5");
        assertTrue(notice().contains("Hold for Grace Holder"), notice());
        WebElement slip = browser.findElement(By.cssSelector(".slip"));
        assertEquals("Grace Holder", slip.findElement(By.cssSelector(".slip-patron")).getText());
        assertTrue(slip.getText().contains("I5") && slip.getText().contains("MAIN"), slip.getText());
        assertNotNull(browser.findElement(By.cssSelector("button[data-print]")));
        screenshot("checkin.png");
        assertTrue(patron("P2").holds().stream().anyMatch(h -> "I5".equals(h.itemBarcode()) && h.available()));
    }

    @Test
    void aPatronWhoseNameIsAScriptIsShownAsText() {
        signIn("tim");
        browser.get(base + "/patrons/P3");
        WebElement name = browser.findElement(By.id("patron-name"));
        assertEquals(XSS_NAME, name.getText());
        assertNull(browser.executeScript("return window.__pwned === undefined ? null : window.__pwned;"));
        assertEquals(XSS_NAME + " · Stackbridge", browser.getTitle(), "the title shows the name as text, no script set it");
        assertTrue(name.findElements(By.tagName("b")).isEmpty(), "no markup from the name");
    }

    @Test
    void thePatronPageShowsLoansWithOverdueInRedAndHolds() throws Exception {
        signIn("tim");
        browser.get(base + "/patrons?q=P4");
        browser.findElement(By.linkText("Other Borrower")).click();
        waitFor(() -> browser.getCurrentUrl().endsWith("/console/patrons/P4"));
        WebElement overdue = browser.findElement(By.cssSelector("table.loans tr[data-item='I7']"));
        assertTrue(overdue.getAttribute("class").contains("overdue"));
        assertTrue(overdue.getText().contains("Overdue"), overdue.getText());
        String red = overdue.findElement(By.tagName("td")).getCssValue("color");
        assertTrue(red.contains("138, 17, 17"), "overdue loans in red: " + red);
        screenshot("patron.png");
        browser.get(base + "/patrons?q=NOBODY");
        assertTrue(notice().contains("No patron with barcode NOBODY"), notice());
    }

    @Test
    void aStateChangingRequestWithoutTheCsrfTokenIsRefused() throws Exception {
        signIn("tim");
        String cookie = "sb_console=" + sessionCookie();
        String key = "k" + "0123456789abcdefghij";
        HttpResponse<String> none = post("/desk/checkout", cookie, "patron=P5&item=I6&request_key=" + key);
        assertEquals(403, none.statusCode(), none.body());
        assertTrue(none.body().contains("Form expired"), none.body());
        HttpResponse<String> wrong = post("/desk/checkout", cookie, "patron=P5&item=I6&request_key=" + key + "&_csrf=" + enc("not-the-token"));
        assertEquals(403, wrong.statusCode());
        assertTrue(patron("P5").loans().stream().noneMatch(l -> l.itemBarcode().equals("I6")), "nothing was checked out");

        // the same request with the page's token goes through
        String csrf = browser.findElement(By.cssSelector("input[name=_csrf]")).getAttribute("value");
        HttpResponse<String> ok = post("/desk/checkout", cookie, "patron=P5&item=I6&request_key=" + key + "&_csrf=" + enc(csrf));
        assertEquals(200, ok.statusCode(), ok.body());
        assertTrue(patron("P5").loans().stream().anyMatch(l -> l.itemBarcode().equals("I6")));
        // sent again (a double Enter, a reload): the request key makes it act once
        HttpResponse<String> again = post("/desk/checkout", cookie, "patron=P5&item=I6&request_key=" + key + "&_csrf=" + enc(csrf));
        assertEquals(200, again.statusCode());
        assertEquals(1, events().stream().filter(e -> e.type() == EventType.CHECKOUT && "tim".equals(e.actor())
                && events_item(e, "I6")).count());
    }

    private boolean events_item(CirculationEvent e, String barcode) {
        try {
            long id = gateway.storage().read(tx -> tx.items().byBarcode(barcode).orElseThrow().id()).get(10, TimeUnit.SECONDS);
            return Long.valueOf(id).equals(e.itemId());
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Test
    void aTechnicianCannotOpenTheAdminPageAndAnAdminCan() {
        signIn("tim");
        assertTrue(browser.findElements(By.linkText("Staff accounts")).isEmpty(), "no link for a technician");
        browser.get(base + "/admin/staff");
        assertEquals("Not allowed", browser.findElement(By.tagName("h1")).getText());
        assertTrue(browser.findElement(By.cssSelector(".notice")).getText().contains("technician"));
        assertTrue(browser.findElements(By.cssSelector("table.staff")).isEmpty());

        browser.manage().deleteAllCookies();
        signIn("root");
        browser.findElement(By.linkText("Staff accounts")).click();
        waitFor(() -> browser.getCurrentUrl().endsWith("/console/admin/staff"));
        String table = browser.findElement(By.cssSelector("table.staff")).getText();
        assertTrue(table.contains("grace") && table.contains("librarian") && table.contains("tim"), table);
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteStrictAndSecureBehindTls() throws Exception {
        signIn("tim");
        Cookie c = browser.manage().getCookieNamed("sb_console");
        assertTrue(c.isHttpOnly());
        assertEquals("Strict", c.getSameSite());
        assertEquals("/console", c.getPath());
        assertFalse(c.isSecure(), "plain HTTP: not Secure");
        assertNull(browser.executeScript("return document.cookie.indexOf('sb_console') >= 0 ? document.cookie : null;"),
                "scripts cannot read it");

        // behind a TLS proxy the cookie is Secure
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(base + "/signin")).build(), HttpResponse.BodyHandlers.ofString());
        String preCookie = form.headers().allValues("Set-Cookie").stream().filter(h -> h.startsWith("sb_console_signin=")).findFirst().orElseThrow();
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.body());
        assertTrue(m.find());
        HttpResponse<String> in = post("/signin", preCookie.substring(0, preCookie.indexOf(';')),
                "username=tim&password=" + enc(PASSWORD) + "&_csrf=" + enc(m.group(1)), "X-Forwarded-Proto", "https");
        assertEquals(303, in.statusCode(), in.body());
        String set = in.headers().allValues("Set-Cookie").stream().filter(h -> h.startsWith("sb_console=")).findFirst().orElseThrow();
        assertTrue(set.contains("Secure") && set.contains("HttpOnly") && set.contains("SameSite=Strict"), set);

        // security headers on every page
        assertTrue(form.headers().firstValue("Content-Security-Policy").orElseThrow().contains("script-src 'self'"));
        assertEquals("DENY", form.headers().firstValue("X-Frame-Options").orElseThrow());
        assertEquals("nosniff", form.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertEquals("no-store", form.headers().firstValue("Cache-Control").orElseThrow());
    }

    @Test
    void aSessionEndsAfterInactivityAndOnSignOut() {
        signIn("tim");
        clock.set(T0.plus(Duration.ofMinutes(29)));
        browser.get(base + "/patrons");
        assertTrue(browser.getCurrentUrl().endsWith("/console/patrons"), "active within the limit");
        clock.set(T0.plus(Duration.ofMinutes(29 + 31)));
        browser.get(base + "/patrons");
        assertTrue(browser.getCurrentUrl().endsWith("/console/signin"), "idle for 31 minutes: signed out");

        clock.set(T0);
        signIn("tim");
        browser.findElement(By.cssSelector("form.signout button")).click();
        waitFor(() -> browser.getCurrentUrl().endsWith("/console/signin"));
        browser.get(base + "/desk");
        assertTrue(browser.getCurrentUrl().endsWith("/console/signin"));
    }

    @Test
    void axeFindsNoSeriousOrCriticalViolationsOnSignInDeskAndPatronPages() throws Exception {
        browser.get(base + "/signin");
        List<String> signIn = axeViolations();
        signIn("tim");
        browser.get(base + "/desk?patron=P4");
        List<String> desk = axeViolations();
        browser.get(base + "/desk/checkin");
        List<String> checkin = axeViolations();
        browser.get(base + "/patrons/P4");
        List<String> patron = axeViolations();
        assertEquals(List.of(), signIn, "sign-in page");
        assertEquals(List.of(), desk, "desk");
        assertEquals(List.of(), checkin, "check-in");
        assertEquals(List.of(), patron, "patron page");

        // usable at 1280x800 and on a 10-inch tablet held upright: nothing scrolls sideways
        browser.get(base + "/desk?patron=P4");
        assertNull(browser.executeScript("return document.documentElement.scrollWidth > window.innerWidth ? document.documentElement.scrollWidth : null;"));
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(800, 1280));
        try {
            browser.get(base + "/desk?patron=P4");
            assertNull(browser.executeScript("return document.documentElement.scrollWidth > window.innerWidth ? document.documentElement.scrollWidth : null;"),
                    "no sideways scrolling at 800 px");
            assertEquals("scan", browser.switchTo().activeElement().getAttribute("id"));
        } finally {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));
        }
    }

    @Test
    void staticAssetsComeFromTheJarWithCacheHeaders() throws Exception {
        HttpResponse<String> htmx = http.send(HttpRequest.newBuilder(URI.create(base + "/static/htmx.min.js")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, htmx.statusCode());
        assertTrue(htmx.body().contains("htmx"));
        assertEquals("public, max-age=86400", htmx.headers().firstValue("Cache-Control").orElseThrow());
        String etag = htmx.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(base + "/static/htmx.min.js")).header("If-None-Match", etag).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(304, again.statusCode());
        assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(base + "/static/..%2Fconsole.js")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }
}
