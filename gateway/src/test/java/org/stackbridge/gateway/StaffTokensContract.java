package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.stackbridge.core.model.StaffAccount;
import org.stackbridge.core.model.StaffRole;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.core.testing.Await;

/**
 * Issue #16: staff API bearer tokens live in the database. A token survives a restart of the gateway; a logout ends
 * it; disabling the account ends it (at once through this gateway's API, and within the settings refresh interval when
 * the account is changed in the database by another node or the command line); it expires. Runs on H2 and PostgreSQL;
 * {@link StaffTokensPostgresIT} adds two gateway nodes on one database.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
abstract class StaffTokensContract extends SharedDatabaseNodes {

    /** Settings polled every second, so a change elsewhere is seen within a second. */
    @Override
    String engineYaml() {
        return "engine: {maintenance-minutes: 0, settings-refresh-seconds: 1}";
    }

    static void seedStaff(Gateway g) throws Exception {
        String hash = new SecretHasher(1_000).hash(PASSWORD);
        g.storage().write(tx -> {
            tx.staff().save(new StaffAccount("tim", hash, StaffRole.TECHNICIAN, "MAIN", true));
            tx.staff().save(new StaffAccount("sysop", hash, StaffRole.ADMIN, null, true));
            return null;
        }).get(30, TimeUnit.SECONDS);
    }

    /** Disables an account in the database only, as another node or the command line does (no call through this gateway). */
    static void disableInTheDatabase(Gateway g, String login) throws Exception {
        g.storage().write(tx -> {
            StaffAccount a = tx.staff().find(login).orElseThrow();
            tx.staff().save(new StaffAccount(a.login(), a.passwordHash(), a.role(), a.library(), false));
            tx.revision().bump();
            return null;
        }).get(30, TimeUnit.SECONDS);
    }

    // ------------------------------------------------------------------ the API over plain HTTP

    /** One client per gateway (its HTTP client and threads are made once). */
    private final java.util.Map<Gateway, StaffApiClient> clients = new java.util.concurrent.ConcurrentHashMap<>();

    StaffApiClient client(Gateway g) {
        return clients.computeIfAbsent(g, x -> new StaffApiClient(x::httpPort, PASSWORD));
    }

    String login(Gateway g, String login) throws Exception {
        return client(g).token(login);
    }

    HttpResponse<String> call(Gateway g, String method, String path, String token, String json) throws Exception {
        return client(g).call(method, path, token, json).raw();
    }

    /** The status of an authenticated read any staff role may make. */
    int status(Gateway g, String token) {
        try {
            return client(g).get("/libraries", token).status();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ tests

    @Test
    void aTokenSurvivesARestartOfTheGatewayAndALogoutEndsIt() throws Exception {
        String url = postgresUrlOrNull();
        String token;
        try (Gateway g = start(data.resolve("node"), url)) {
            seedStaff(g);
            token = login(g, "tim");
            assertEquals(200, status(g, token));
            assertEquals(1, g.staffApi().sessions().size());
        }
        clock.advance(Duration.ofMinutes(5));
        try (Gateway g = start(data.resolve("node"), url)) {
            assertEquals(200, status(g, token), "the token outlives the gateway that issued it");
            assertEquals(401, status(g, token.substring(1) + "x"), "an unknown token is still refused");
            assertEquals(204, call(g, "POST", "/auth/logout", token, null).statusCode());
            assertEquals(401, status(g, token));
            assertEquals(0, g.staffApi().sessions().size(), "only the hash was stored, and it is gone");
        }
    }

    @Test
    void disablingTheAccountEndsItsTokens() throws Exception {
        try (Gateway g = start(data.resolve("node"), postgresUrlOrNull())) {
            seedStaff(g);
            String sysop = login(g, "sysop");
            String tim = login(g, "tim");
            assertEquals(200, status(g, tim));
            HttpResponse<String> off = call(g, "PATCH", "/staff/tim", sysop, "{\"enabled\": false}");
            assertEquals(200, off.statusCode(), off.body());
            assertEquals(401, status(g, tim), "at once through this gateway");

            // changed in the database only (another node, the command line): within the refresh interval
            String again = login(g, "sysop");
            assertEquals(200, status(g, again));
            disableInTheDatabase(g, "sysop");
            Await.until(Duration.ofSeconds(20), () -> status(g, again) == 401, "the disabled admin's token ends");
            assertEquals(401, status(g, sysop));
        }
    }

    @Test
    void aTokenExpiresItsLifetimeAfterLoginAndHousekeepingRemovesIt() throws Exception {
        try (Gateway g = start(data.resolve("node"), postgresUrlOrNull())) {
            seedStaff(g);
            String token = login(g, "tim");
            clock.advance(Duration.ofHours(8).minusSeconds(1));
            assertEquals(200, status(g, token));
            clock.advance(Duration.ofSeconds(1));
            assertEquals(401, status(g, token));
            String fresh = login(g, "tim");
            clock.advance(Duration.ofHours(8));
            assertEquals(1, g.staffApi().sessions().size(), "the login removed the first, expired token");
            assertEquals(401, status(g, fresh));
            clock.advance(Duration.ofMinutes(1));
            login(g, "tim");
            clock.advance(Duration.ofHours(8));
            g.maintenance().runOnce();
            assertEquals(0, g.staffApi().sessions().size(), "housekeeping purges expired tokens");
        }
    }
}
