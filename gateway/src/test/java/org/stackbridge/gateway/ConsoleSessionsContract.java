package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.stackbridge.core.model.StaffAccount;
import org.stackbridge.core.model.StaffRole;
import org.stackbridge.core.security.SecretHasher;

/**
 * Console sessions live in the database: a signed-in staff member keeps working after the gateway restarts on the same
 * data; a second gateway on the same database accepts the cookie the first one issued, and a sign-out on either ends it
 * on both. Runs on H2 (restart on the same data directory) and PostgreSQL (restart, and two nodes at once).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
abstract class ConsoleSessionsContract extends SharedDatabaseNodes {

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static void seedStaff(Gateway g) throws Exception {
        String hash = new SecretHasher(1_000).hash(PASSWORD);
        g.storage().write(tx -> {
            tx.staff().save(new StaffAccount("tim", hash, StaffRole.TECHNICIAN, "MAIN", true));
            return null;
        }).get(30, TimeUnit.SECONDS);
    }

    // ------------------------------------------------------------------ the console over plain HTTP

    static String base(Gateway g) {
        return "http://127.0.0.1:" + g.httpPort() + "/console";
    }

    /** Signs in through the form (pre-session token and cookie, then the post); answers the session cookie value. */
    String signIn(Gateway g, String login) throws Exception {
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(base(g) + "/signin")).build(), HttpResponse.BodyHandlers.ofString());
        String pre = cookie(form, "sb_console_signin");
        String csrf = csrf(form.body());
        HttpResponse<String> in = post(g, "/signin", "sb_console_signin=" + pre,
                "username=" + login + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&_csrf=" + csrf);
        assertEquals(303, in.statusCode(), in.body());
        assertEquals("/console/desk", in.headers().firstValue("Location").orElseThrow());
        return cookie(in, "sb_console");
    }

    /** GET a console page with the session cookie; 200 signed in, 303 to the sign-in form otherwise. */
    HttpResponse<String> get(Gateway g, String path, String session) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base(g) + path)).header("Cookie", "sb_console=" + session).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(Gateway g, String path, String cookie, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base(g) + path)).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    void signOut(Gateway g, String session) throws Exception {
        HttpResponse<String> desk = get(g, "/desk", session);
        assertEquals(200, desk.statusCode());
        HttpResponse<String> out = post(g, "/signout", "sb_console=" + session, "_csrf=" + csrf(desk.body()));
        assertEquals(303, out.statusCode(), out.body());
        assertEquals("/console/signin", out.headers().firstValue("Location").orElseThrow());
    }

    static void assertSignedIn(HttpResponse<String> page, String login) {
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains(login + " ("), "the page names the signed-in login");
    }

    static void assertSignedOut(HttpResponse<String> page) {
        assertEquals(303, page.statusCode(), page.body());
        assertEquals("/console/signin", page.headers().firstValue("Location").orElseThrow());
    }

    static String cookie(HttpResponse<?> r, String name) {
        String set = r.headers().allValues("Set-Cookie").stream().filter(h -> h.startsWith(name + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + r.headers().map()));
        return set.substring(name.length() + 1, set.indexOf(';'));
    }

    static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        assertTrue(m.find(), "a CSRF field");
        return m.group(1);
    }

    // ------------------------------------------------------------------ tests

    @Test
    void aSessionSurvivesARestartOfTheGatewayOnTheSameData() throws Exception {
        String url = postgresUrlOrNull();
        String session;
        try (Gateway g = start(data.resolve("node"), url)) {
            seedStaff(g);
            session = signIn(g, "tim");
            assertSignedIn(get(g, "/desk", session), "tim");
            assertEquals(1, g.console().sessions().size());
        }
        clock.advance(Duration.ofMinutes(5));
        try (Gateway g = start(data.resolve("node"), url)) {
            assertSignedIn(get(g, "/desk", session), "tim");
            assertSignedIn(get(g, "/patrons", session), "tim");
            // an unknown cookie is still refused after the restart
            assertSignedOut(get(g, "/desk", session.substring(1) + "x"));
            signOut(g, session);
            assertSignedOut(get(g, "/desk", session));
            assertEquals(0, g.console().sessions().size());
        }
    }

    @Test
    void theIdleLimitCountsAcrossARestart() throws Exception {
        String url = postgresUrlOrNull();
        String session;
        try (Gateway g = start(data.resolve("node"), url)) {
            seedStaff(g);
            session = signIn(g, "tim");
        }
        clock.advance(Duration.ofMinutes(31));
        try (Gateway g = start(data.resolve("node"), url)) {
            assertSignedOut(get(g, "/desk", session));
        }
    }
}
