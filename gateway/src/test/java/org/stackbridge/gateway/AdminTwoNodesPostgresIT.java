package org.stackbridge.gateway;

import java.time.Duration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stackbridge.gateway.StaffApiClient.ok;
import static org.stackbridge.gateway.StaffApiClient.problem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.core.model.StaffAccount;
import org.stackbridge.core.model.StaffRole;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.core.testing.Await;
import org.stackbridge.core.testing.TestClock;

/**
 * Two gateways on one PostgreSQL database: an administration change made through one is seen by the other within
 * {@code engine.settings-refresh-seconds} (here 1): its rule table has the new rule, a renamed library replaces the one
 * its storage kept in memory, and a staff account disabled through the first cannot use a token it got from the second.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AdminTwoNodesPostgresIT {

    @TempDir
    Path data;

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Await.until(Duration.ofSeconds(30), condition, what);
    }

    @Test
    void aChangeMadeOnOneNodeIsSeenByTheOtherWithinTheRefreshInterval() throws Exception {
        String url = TestGateways.freshPostgresUrl();
        TestClock clock = new TestClock(Instant.parse("2026-11-02T10:00:00Z"));
        String[] yaml = {
                "database: {url: \"" + url + "\", user: postgres, password: postgres}",
                "libraries:",
                "  - {code: MAIN, name: Main Library}",
                "security: {hash-iterations: 1000}",
                "engine: {maintenance-minutes: 0, settings-refresh-seconds: 1}"};
        Files.createDirectories(data.resolve("a"));
        Files.createDirectories(data.resolve("b"));
        try (Gateway a = TestGateways.start(TestGateways.Store.H2, data.resolve("a"), clock, yaml);
             Gateway b = TestGateways.start(TestGateways.Store.H2, data.resolve("b"), clock, yaml)) {
            String hash = new SecretHasher(1_000).hash("long enough");
            a.storage().write(tx -> {
                tx.staff().save(new StaffAccount("root", hash, StaffRole.ADMIN, null, true));
                tx.staff().save(new StaffAccount("nina", hash, StaffRole.TECHNICIAN, "MAIN", true));
                return null;
            }).get(30, TimeUnit.SECONDS);
            StaffApiClient apiA = new StaffApiClient(a::httpPort);
            StaffApiClient apiB = new StaffApiClient(b::httpPort);
            String root = apiA.token("root", "long enough");
            String ninaOnB = apiB.token("nina", "long enough");
            ok(apiB.get("/libraries", ninaOnB), 200);

            ok(apiA.post("/circulation-rules", root, Map.of("item_type", "BOOK", "loan_period", 3)), 201);
            await(() -> b.policies().table().find("MAIN", "ADULT", "BOOK").map(r -> r.loanPeriod() == 3).orElse(false),
                    "the other node uses the new rule");
            assertEquals(3, b.policies().table().find("MAIN", "ADULT", "BOOK").orElseThrow().loanPeriod());

            // libraries are kept in memory by each node's storage: the other node drops them when the revision moves
            ok(apiA.post("/libraries", root, Map.of("code", "WEST", "name", "West Branch", "institution", "MAIN")), 201);
            await(() -> "West Branch".equals(libraryName(b, "WEST")), "the other node reads the new library");
            assertEquals("West Branch", libraryName(b, "WEST"), "kept in the other node's memory now");
            ok(apiA.patch("/libraries/WEST", root, Map.of("name", "West Library")), 200);
            assertEquals("West Library", libraryName(a, "WEST"), "the node that made the change sees it at once");
            await(() -> "West Library".equals(libraryName(b, "WEST")), "the other node sees the renamed library");

            ok(apiA.patch("/staff/nina", root, Map.of("enabled", false)), 200);
            await(() -> {
                try {
                    return apiB.get("/libraries", ninaOnB).status() == 401;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "the other node ends the disabled account's token");
            problem(apiB.get("/libraries", ninaOnB), 401);
        }
    }

    private static String libraryName(Gateway gateway, String code) {
        return gateway.storage().read(tx -> tx.libraries().find(code).map(org.stackbridge.core.model.Library::name).orElse(null)).join();
    }

    @Test
    void staffDisableOnTheCommandLineEndsTheTokensOfTheRunningGateway() throws Exception {
        String url = TestGateways.freshPostgresUrl();
        TestClock clock = new TestClock(Instant.parse("2026-11-02T10:00:00Z"));
        String database = "database: {url: \"" + url + "\", user: postgres, password: postgres}";
        Files.createDirectories(data.resolve("gw"));
        try (Gateway g = TestGateways.start(TestGateways.Store.H2, data.resolve("gw"), clock, database,
                "security: {hash-iterations: 1000}", "engine: {maintenance-minutes: 0, settings-refresh-seconds: 1}")) {
            String hash = new SecretHasher(1_000).hash("long enough");
            g.storage().write(tx -> {
                tx.staff().save(new StaffAccount("nina", hash, StaffRole.TECHNICIAN, null, true));
                return null;
            }).get(30, TimeUnit.SECONDS);
            StaffApiClient api = new StaffApiClient(g::httpPort);
            String nina = api.token("nina", "long enough");
            ok(api.get("/libraries", nina), 200);

            Path cliConfig = data.resolve("cli.yaml");
            Files.writeString(cliConfig, String.join("\n", "data-dir: " + data.resolve("cli"), database, ""));
            org.stackbridge.gateway.cli.CliRun run = org.stackbridge.gateway.cli.CliRun.run("", "staff", "disable", "--config",
                    cliConfig.toString(), "nina");
            assertEquals(0, run.code(), run.toString());
            await(() -> {
                try {
                    return api.get("/libraries", nina).status() == 401;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "the running gateway ends the token of the account disabled on the command line");
        }
    }
}
