package org.stackbridge.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path f = dir.resolve("stackbridge.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void noFileGivesEmbeddedDefaults() {
        GatewayConfig c = new ConfigLoader().load(null, Map.of(), List.of()).config();
        assertTrue(c.database().embedded());
        assertEquals(8080, c.listeners().httpPort());
        assertEquals(6001, c.listeners().sip2Port());
        assertEquals(2100, c.listeners().z3950Port());
        assertEquals("127.0.0.1", c.listeners().bind());
        assertEquals(60, c.engine().maintenanceMinutes());
    }

    @Test
    void maintenanceIntervalIsBounded() throws IOException {
        Path f = write("engine:\n  maintenance-minutes: -5\n");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(f, Map.of(), List.of()));
        assertEquals("engine.maintenance-minutes", e.key());
        assertEquals(2, e.line());
        Path off = write("engine:\n  maintenance-minutes: 0\n");
        assertEquals(0, new ConfigLoader().load(off, Map.of(), List.of()).config().engine().maintenanceMinutes());
    }

    @Test
    void circuitBreakerSettingsHaveDefaultsAndBounds() throws IOException {
        GatewayConfig.CircuitBreaker defaults = new ConfigLoader().load(null, Map.of(), List.of()).config().database().circuitBreaker();
        assertEquals(List.of(3, 5), List.of(defaults.failureThreshold(), defaults.openSeconds()));
        Path f = write("database:\n  circuit-breaker: {failure-threshold: 1, open-seconds: 30}\n");
        GatewayConfig.CircuitBreaker set = new ConfigLoader().load(f, Map.of(), List.of()).config().database().circuitBreaker();
        assertEquals(List.of(1, 30), List.of(set.failureThreshold(), set.openSeconds()));
        Path bad = write("database:\n  circuit-breaker:\n    open-seconds: 0\n");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(bad, Map.of(), List.of()));
        assertEquals("database.circuit-breaker.open-seconds", e.key());
        assertEquals(3, e.line());
        Path zero = write("database:\n  circuit-breaker:\n    failure-threshold: 0\n");
        assertEquals("database.circuit-breaker.failure-threshold",
                assertThrows(ConfigException.class, () -> new ConfigLoader().load(zero, Map.of(), List.of())).key());
    }

    @Test
    void membershipPeriodsNameKnownCategoriesAndIsoPeriods() throws IOException {
        Path f = write("membership-periods: {CHILD: P2Y}\n");
        GatewayConfig c = new ConfigLoader().load(f, Map.of(), List.of()).config();
        assertEquals(java.time.Period.ofYears(2), ConfigMapping.membership(c).period("CHILD").orElseThrow());
        assertEquals(Map.of(), new ConfigLoader().load(null, Map.of(), List.of()).config().membershipPeriods());
        Path unknown = write("membership-periods: {PIRATE: P1Y}\n");
        assertEquals("membership-periods.PIRATE",
                assertThrows(ConfigException.class, () -> new ConfigLoader().load(unknown, Map.of(), List.of())).key());
        Path bad = write("membership-periods: {CHILD: two years}\n");
        assertEquals("membership-periods.CHILD",
                assertThrows(ConfigException.class, () -> new ConfigLoader().load(bad, Map.of(), List.of())).key());
    }

    @Test
    void pinCacheAndLockSettingsHaveDefaultsAndBounds() throws IOException {
        GatewayConfig.Engine defaults = new ConfigLoader().load(null, Map.of(), List.of()).config().engine();
        assertEquals(10, defaults.pinCacheMinutes());
        assertEquals(5, defaults.pinMaxFailures());
        assertEquals(15, defaults.pinLockMinutes());
        assertEquals(100_000, defaults.pinCacheEntries());
        Path f = write("engine:\n  pin-cache-minutes: 0\n  pin-max-failures: 3\n  pin-lock-minutes: 30\n  pin-cache-entries: 500\n");
        GatewayConfig.Engine set = new ConfigLoader().load(f, Map.of(), List.of()).config().engine();
        assertEquals(List.of(0, 3, 30, 500), List.of(set.pinCacheMinutes(), set.pinMaxFailures(), set.pinLockMinutes(), set.pinCacheEntries()));
        Path none = write("engine:\n  pin-cache-entries: 0\n");
        assertEquals("engine.pin-cache-entries",
                assertThrows(ConfigException.class, () -> new ConfigLoader().load(none, Map.of(), List.of())).key());
        Path bad = write("engine:\n  pin-lock-minutes: 0\n");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(bad, Map.of(), List.of()));
        assertEquals("engine.pin-lock-minutes", e.key());
        Path negative = write("engine:\n  pin-max-failures: -1\n");
        assertEquals("engine.pin-max-failures",
                assertThrows(ConfigException.class, () -> new ConfigLoader().load(negative, Map.of(), List.of())).key());
    }

    @Test
    void shippedConfigurationLoads() {
        Path shipped = Path.of("..", "conf", "stackbridge.yaml");
        GatewayConfig c = new ConfigLoader().load(shipped, Map.of(), List.of()).config();
        // the samples are comments: a new installation starts without libraries or extra rules
        assertEquals(List.of(), c.libraries());
        assertEquals(1, c.policies().size());
        assertEquals("*", c.policies().get(0).itemType());
    }

    @Test
    void wrongTypeNamesFileLineAndKey() throws IOException {
        Path f = write("data-dir: x\nlisteners:\n  bind: 127.0.0.1\n  http-port: eighty\n");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(f, Map.of(), List.of()));
        assertEquals(4, e.line(), e.getMessage());
        assertEquals("listeners.http-port", e.key());
        assertTrue(e.getMessage().startsWith(f.toString() + ":4: listeners.http-port"), e.getMessage());
    }

    @Test
    void unknownKeyIsReportedWithItsLine() throws IOException {
        Path f = write("engine:\n  currency: EUR\n  fee-limt: 5\n");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(f, Map.of(), List.of()));
        assertEquals(3, e.line(), e.getMessage());
        assertTrue(e.problem().contains("fee-limt"), e.problem());
    }

    @Test
    void invalidValueInAListNamesTheEntry() throws IOException {
        Path f = write("libraries:\n  - code: A\n    name: A\n  - code: B\n    name: B\n    closed-weekdays: [FUNDAY]\n");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(f, Map.of(), List.of()));
        assertEquals("libraries[1].closed-weekdays[0]", e.key());
        assertEquals(6, e.line(), e.getMessage());
    }

    @Test
    void badCurrencyAndPortAreRefused() throws IOException {
        Path f = write("engine:\n  currency: XYZZY\n");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(f, Map.of(), List.of()));
        assertEquals(2, e.line());
        Path g = write("listeners:\n  sip2-port: 70000\n");
        ConfigException e2 = assertThrows(ConfigException.class, () -> new ConfigLoader().load(g, Map.of(), List.of()));
        assertEquals("listeners.sip2-port", e2.key());
        assertEquals(2, e2.line());
    }

    @Test
    void brokenYamlReportsTheLine() throws IOException {
        Path f = write("engine:\n  currency: [EUR\n");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(f, Map.of(), List.of()));
        assertTrue(e.line() >= 2, e.getMessage());
        assertTrue(e.problem().startsWith("not valid YAML"), e.problem());
    }

    @Test
    void environmentOverridesFileAndFlagsOverrideEnvironment() throws IOException {
        Path f = write("listeners:\n  http-port: 8081\ndatabase:\n  url:\n");
        GatewayConfig c = new ConfigLoader().load(f, Map.of("STACKBRIDGE_LISTENERS_HTTP_PORT", "9090",
                "STACKBRIDGE_DATABASE_URL", "jdbc:postgresql://db/sb"), List.of()).config();
        assertEquals(9090, c.listeners().httpPort());
        assertEquals("jdbc:postgresql://db/sb", c.database().url());
        GatewayConfig d = new ConfigLoader().load(f, Map.of("STACKBRIDGE_LISTENERS_HTTP_PORT", "9090"),
                List.of("listeners.http-port=9191", "data-dir=/tmp/x")).config();
        assertEquals(9191, d.listeners().httpPort());
        assertEquals("/tmp/x", d.dataDir());
    }

    @Test
    void accountsNeedAHashedPasswordAndAKnownInstitution() throws IOException {
        Path f = write("libraries:\n  - code: MAIN\n    name: Main\nsip2-accounts:\n  - login: k\n    password-hash: secret\n    institution: MAIN\n");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(f, Map.of(), List.of()));
        assertEquals("sip2-accounts[0].password-hash", e.key());
        assertEquals(6, e.line());
    }

    @Test
    void aKeyGivenTwiceIsRefusedWithFileAndLine() throws IOException {
        Path f = write("engine:\n  currency: EUR\n  fee-limit: 5\n  currency: USD\n");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(f, Map.of(), List.of()));
        assertEquals(4, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith(f + ":4: currency: given twice"), e.getMessage());
    }

    @Test
    void aBadSetValueNamesTheFlagNotTheFile() throws IOException {
        Path f = write("listeners:\n  http-port: 8081\n");
        ConfigException e = assertThrows(ConfigException.class,
                () -> new ConfigLoader().load(f, Map.of(), List.of("listeners.http-port=abc")));
        assertEquals("--set listeners.http-port=abc: not a number", e.getMessage());
        ConfigException range = assertThrows(ConfigException.class,
                () -> new ConfigLoader().load(f, Map.of(), List.of("listeners.sip2-port=70000")));
        assertEquals("--set listeners.sip2-port=70000: must be a TCP port 0-65535", range.getMessage());
        ConfigException env = assertThrows(ConfigException.class,
                () -> new ConfigLoader().load(f, Map.of("STACKBRIDGE_LISTENERS_HTTP_PORT", "x"), List.of()));
        assertEquals("STACKBRIDGE_LISTENERS_HTTP_PORT=x: not a number", env.getMessage());
        ConfigException noEquals = assertThrows(ConfigException.class, () -> new ConfigLoader().load(f, Map.of(), List.of("data-dir")));
        assertEquals("--set data-dir: expected key=value", noEquals.getMessage());
    }

    @Test
    void setAcceptsListsAndMaps() throws IOException {
        Path f = write("ncip:\n  agencies:\n    X:\n      shared-secret: s\n");
        GatewayConfig c = new ConfigLoader().load(f, Map.of(), List.of("ncip.agencies.X.ip-allowlist=[127.0.0.1,10.0.0.0/8]",
                "patron-categories=[ADULT, CHILD]", "ncip.libraries={MAIN: MAIN}")).config();
        assertEquals(List.of("127.0.0.1", "10.0.0.0/8"), c.ncip().agency("X").orElseThrow().ipAllowlist());
        assertEquals(List.of("ADULT", "CHILD"), c.patronCategories());
        assertEquals(Map.of("MAIN", "MAIN"), c.ncip().libraries());
        ConfigException broken = assertThrows(ConfigException.class,
                () -> new ConfigLoader().load(f, Map.of(), List.of("ncip.agencies.X.ip-allowlist=[127.0.0.1")));
        assertTrue(broken.getMessage().startsWith("--set ncip.agencies.X.ip-allowlist=[127.0.0.1:"), broken.getMessage());
        ConfigException scalar = assertThrows(ConfigException.class,
                () -> new ConfigLoader().load(f, Map.of(), List.of("ncip.agencies.X.ip-allowlist=127.0.0.1")));
        assertEquals("--set ncip.agencies.X.ip-allowlist=127.0.0.1: expected a list, e.g. [a, b]", scalar.getMessage());
    }

    @Test
    void secretsAreNotInToString() {
        GatewayConfig.Database db = new GatewayConfig.Database("jdbc:postgresql://x/y", "u", "hunter2", null, null);
        assertTrue(!db.toString().contains("hunter2"));
    }
}
