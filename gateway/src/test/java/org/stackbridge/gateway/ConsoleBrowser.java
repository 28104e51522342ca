package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.stackbridge.z3950.interop.InteropTools;

/**
 * A headless Chromium (Debian's {@code chromium} through {@code /usr/bin/chromedriver}) pointed at one gateway's
 * console, with what every console browser test does: sign in, scan as a barcode scanner does, wait for the panel,
 * read the notice, post a form without the browser, take a screenshot and run axe-core. Without the browser the test
 * skips, or fails when {@code STACKBRIDGE_REQUIRE_INTEROP=true} (CI).
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Where the screenshots that docs/console.md shows are written. */
    static final Path SCREENSHOTS = Path.of("..", "docs", "console");

    final ChromeDriver driver;
    /** {@code http://127.0.0.1:PORT/console} */
    final String base;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ConsoleBrowser(Gateway gateway) {
        InteropTools.requireThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium or chromedriver not installed (apt-get install -y chromium chromium-driver)");
        this.base = "http://127.0.0.1:" + gateway.httpPort() + "/console";
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,800",
                "--lang=en-US", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    /** Signs in through the form and waits for the desk. */
    void signIn(String login, String password) {
        driver.get(base + "/");
        waitFor(() -> driver.getCurrentUrl().endsWith("/console/signin"));
        driver.findElement(By.name("username")).sendKeys(login);
        driver.findElement(By.name("password")).sendKeys(password, Keys.ENTER);
        waitFor(() -> driver.getCurrentUrl().endsWith("/console/desk"));
    }

    /** A fresh start: the sign-in page and no cookies. */
    void signOutAll() {
        driver.get(base + "/signin");
        driver.manage().deleteAllCookies();
    }

    void waitFor(BooleanSupplier condition) {
        // an element read while the form's answer replaces the page goes stale: that means "not yet", not a failure
        new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> condition.getAsBoolean());
    }

    /** Types into the focused field and presses Enter, as a barcode scanner does, then waits for the panel to settle. */
    WebElement scan(String barcode) {
        WebElement focused = driver.switchTo().activeElement();
        assertEquals("scan", focused.getAttribute("id"), "the barcode field has the focus");
        String before = panelMarker();
        focused.sendKeys(barcode, Keys.ENTER);
        waitFor(() -> !panelMarker().equals(before));
        waitFor(() -> "scan".equals(driver.switchTo().activeElement().getAttribute("id")));
        return driver.findElement(By.id("panel"));
    }

    /** Something that changes with every rendered panel: its form's request key, or the notice. */
    String panelMarker() {
        Object v = driver.executeScript("var k = document.querySelector('#panel input[name=request_key]');"
                + "var n = document.querySelector('#panel .notice');"
                + "return (k ? k.value : '') + '|' + (n ? n.textContent : '') + '|' + location.href;");
        return String.valueOf(v);
    }

    /** The text of the panel's notice. */
    String notice() {
        return driver.findElement(By.cssSelector("#panel .notice")).getText();
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value of the session cookie. */
    String sessionCookie() {
        Cookie c = driver.manage().getCookieNamed("sb_console");
        assertNotNull(c, "session cookie");
        return c.getValue();
    }

    /** The CSRF token of the current page's first form. */
    String csrfToken() {
        return driver.findElement(By.cssSelector("input[name=_csrf]")).getAttribute("value");
    }

    /** Posts a form outside the browser (for CSRF and replay checks); {@code path} is under {@code /console}. */
    HttpResponse<String> post(String path, String cookie, String form, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The serious and critical axe-core violations of the current page, one line each. */
    List<String> axeViolations() throws IOException {
        Properties p = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/maven/org.webjars.npm/axe-core/pom.properties")) {
            p.load(in);
        }
        String axe;
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("META-INF/resources/webjars/axe-core/" + p.getProperty("version") + "/axe.min.js")) {
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        driver.executeScript(axe);
        Object json = driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(function (r) { done(JSON.stringify(r.violations)); },"
                + " function (e) { done('error: ' + e); });");
        assertFalse(String.valueOf(json).startsWith("error"), String.valueOf(json));
        JsonNode violations = new ObjectMapper().readTree(String.valueOf(json));
        List<String> bad = new ArrayList<>();
        for (JsonNode v : violations) {
            String impact = v.path("impact").asText();
            if (impact.equals("serious") || impact.equals("critical")) {
                List<String> targets = new ArrayList<>();
                v.path("nodes").forEach(n -> targets.add(n.path("target").toString()));
                bad.add(impact + " " + v.path("id").asText() + ": " + v.path("help").asText() + " at " + targets);
            }
        }
        return bad;
    }

    @Override
    public void close() {
        driver.quit();
    }

    /** The desk context console tests set their data up with (staff "setup" at MAIN). */
    static org.stackbridge.core.command.RequestContext setupContext() {
        return org.stackbridge.core.command.RequestContext.of(org.stackbridge.core.model.Channel.DESK, "setup", "MAIN");
    }

    /** Runs {@code command} on the gateway's engine, as set-up does, and fails the test if it is refused. */
    static <R> R succeed(Gateway gateway, org.stackbridge.core.command.Command<R> command) throws Exception {
        org.stackbridge.core.outcome.Outcome<R> out = gateway.port().execute(command).toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
        org.junit.jupiter.api.Assertions.assertTrue(out.isSuccess(), command + ": " + out);
        return out.value();
    }

    /** Closes each of a test's browser and gateways that was started. */
    static void closeAll(ConsoleBrowser browser, Gateway... gateways) {
        if (browser != null) {
            browser.close();
        }
        for (Gateway g : gateways) {
            if (g != null) {
                g.close();
            }
        }
    }
}
