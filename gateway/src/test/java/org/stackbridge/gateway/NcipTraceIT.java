package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stackbridge.gateway.NcipTestMessages.header;
import static org.stackbridge.gateway.NcipTestMessages.msg;
import static org.stackbridge.gateway.NcipTestMessages.send;
import static org.stackbridge.gateway.NcipTestMessages.user;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.model.StaffAccount;
import org.stackbridge.core.model.StaffRole;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.gateway.cli.CliRun;
import org.stackbridge.gateway.sip2.Sip2Gateway;

/**
 * Issue #16: a per-agency NCIP trace an administrator switches on and off while the gateway runs, through the staff
 * API and the command line. Over real HTTP NCIP, a traced agency's requests and answers are logged on
 * {@code stackbridge.trace.ncip} with the patron's PIN and the agency's shared secret masked; another agency's are
 * not, and nothing more once the switch is off.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NcipTraceIT {

    private static final String TRACE_LOGGER = "stackbridge.trace.ncip";
    private static final Instant NOW = Instant.parse("2026-12-07T15:00:00Z");

    @TempDir
    Path data;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aTracedAgencysMessagesAreLoggedMaskedUntilTheTraceIsSwitchedOff() throws Exception {
        try (Gateway g = TestGateways.startServingCommands(data, Clock.fixed(NOW, ZoneOffset.UTC), NcipTestMessages.reshareGateway(List.of(),
                List.of("    plain:", "      dialect: generic", "      shared-secret: pl4in")));
             Sip2Gateway.CapturedLogs logs = new Sip2Gateway.CapturedLogs()) {
            String pin = new SecretHasher(1_000).hash("4711");
            String hash = new SecretHasher(1_000).hash("long enough");
            g.storage().write(tx -> {
                tx.patrons().insert(new Patron(0, "P1", pin, "Ada Lovelace", "ADULT", null, null, null, LocalDate.of(2030, 1, 1), "MAIN", false));
                tx.staff().save(new StaffAccount("sysop", hash, StaffRole.ADMIN, null, true));
                tx.staff().save(new StaffAccount("tim", hash, StaffRole.TECHNICIAN, null, true));
                return null;
            }).get(30, TimeUnit.SECONDS);
            StaffApiClient api = new StaffApiClient(g::httpPort, "long enough");
            String sysop = api.token("sysop");
            assertEquals(403, call(api, "PUT", "/traces/ncip/reshare", api.token("tim")).statusCode(), "a technician may not trace");
            assertEquals(400, call(api, "PUT", "/traces/ncip/" + "x".repeat(65), sysop).statusCode());
            HttpResponse<String> unknown = call(api, "PUT", "/traces/ncip/nobody", sysop);
            assertEquals(404, unknown.statusCode(), unknown.body());
            assertTrue(unknown.body().contains("nobody"), unknown.body());
            HttpResponse<String> on = call(api, "PUT", "/traces/ncip/ReShare", sysop);
            assertEquals(200, on.statusCode(), on.body());
            assertEquals("{\"agency\":\"ReShare\",\"traced\":true,\"was\":false}", on.body());
            assertEquals("{\"ncip\":[\"reshare\"]}", call(api, "GET", "/traces/ncip", sysop).body());
            assertEquals("{\"sip2\":[],\"ncip\":[\"reshare\"]}", call(api, "GET", "/traces", sysop).body());

            String lookup = msg("LookupUser", user("P1") + pin("4711"));
            assertTrue(send(http, g.httpPort(), lookup).body().contains("LookupUserResponse"));
            assertTrue(send(http, g.httpPort(), msg("LookupUser", header("plain", "pl4in"), user("P1") + pin("4712"))).body()
                    .contains("LookupUserResponse"));
            List<String> traced = trace(logs);
            assertEquals(2, traced.size(), traced.toString());
            String request = traced.get(0);
            assertTrue(request.contains("reshare #") && request.contains(" request from 127.0.0.1 to /ncip: "), request);
            assertTrue(request.contains("<ns1:AuthenticationInputData>***</ns1:AuthenticationInputData>"), request);
            assertTrue(request.contains("<ns1:FromAgencyAuthentication>***</ns1:FromAgencyAuthentication>"), request);
            assertTrue(request.contains("<ns1:UserIdentifierValue>P1</ns1:UserIdentifierValue>"), "the rest is shown: " + request);
            String answer = traced.get(1);
            assertTrue(answer.contains(" answer to 127.0.0.1: ") && answer.contains("LookupUserResponse"), answer);
            for (String line : logs.lines()) {
                assertFalse(line.contains("4711") || line.contains("4712") || line.contains("s3cret") || line.contains("pl4in"),
                        "no PIN or shared secret in the log: " + line);
            }

            // a message larger than the bound is cut with a marker
            String big = msg("LookupUser", user("P1") + "<ns1:UserElementType>" + "N".repeat(20_000) + "</ns1:UserElementType>");
            send(http, g.httpPort(), big);
            String cut = trace(logs).get(2);
            assertTrue(cut.contains("...[truncated: "), cut.substring(0, 200));
            assertTrue(cut.length() < 8_192 + 300, "bounded: " + cut.length());

            // off through the command line, which the running gateway executes
            CliRun run = CliRun.run("", "trace", "list", "--data", g.loaded().config().dataDir());
            assertEquals(0, run.code(), run.toString());
            assertEquals(List.of("ncip\treshare"), run.out().lines().filter(l -> l.startsWith("ncip\t") || l.startsWith("sip2\t")).toList(),
                    run.out());
            run = CliRun.run("", "trace", "ncip", "reshare", "off", "--data", g.loaded().config().dataDir());
            assertEquals(0, run.code(), run.toString());
            assertTrue(run.out().contains("NCIP trace of reshare off"), run.out());
            int before = trace(logs).size();
            send(http, g.httpPort(), lookup);
            assertEquals(before, trace(logs).size(), "nothing traced after the switch is off");
            assertEquals("{\"ncip\":[]}", call(api, "GET", "/traces/ncip", sysop).body());

            // on again through the command line; an unknown agency is refused
            run = CliRun.run("", "trace", "ncip", "nobody", "on", "--data", g.loaded().config().dataDir());
            assertEquals(2, run.code(), run.toString());
            run = CliRun.run("", "trace", "ncip", "plain", "on", "--data", g.loaded().config().dataDir());
            assertEquals(0, run.code(), run.toString());
            send(http, g.httpPort(), msg("LookupUser", header("plain", "pl4in"), user("P1") + pin("4712")));
            List<String> now = trace(logs);
            assertEquals(before + 2, now.size(), now.toString());
            assertTrue(now.get(before).startsWith("INFO " + TRACE_LOGGER + " plain #"), now.get(before));
            assertTrue(call(api, "DELETE", "/traces/ncip/plain", sysop).body().contains("\"was\":true"));

            // the console's terminal administration page switches both traces, with the session's CSRF token
            String console = "http://127.0.0.1:" + g.httpPort() + "/console";
            String session = consoleSignIn(console, "sysop");
            HttpResponse<String> page = consoleGet(console + "/admin/terminals", session);
            assertEquals(200, page.statusCode(), page.body());
            assertTrue(page.body().contains("data-trace-ncip=\"plain\"") && page.body().contains("Trace plain"), "a switch per agency");
            assertTrue(page.body().contains("Trace reshare"), "a switch per agency");
            String csrf = ConsoleSessionsContract.csrf(page.body());
            assertEquals(403, consolePost(console + "/admin/traces/ncip/plain", session, "traced=true&_csrf=forged").statusCode(),
                    "a form without the session's CSRF token changes nothing");
            assertEquals("{\"ncip\":[]}", call(api, "GET", "/traces/ncip", sysop).body());
            HttpResponse<String> switched = consolePost(console + "/admin/traces/ncip/plain", session, "traced=true&_csrf=" + csrf);
            assertEquals(200, switched.statusCode(), switched.body());
            assertTrue(switched.body().contains("NCIP trace of plain on") && switched.body().contains("Stop tracing plain"), switched.body());
            assertEquals("{\"ncip\":[\"plain\"]}", call(api, "GET", "/traces/ncip", sysop).body());
            switched = consolePost(console + "/admin/traces/sip2/kiosk", session, "traced=true&_csrf=" + csrf);
            assertEquals(200, switched.statusCode(), switched.body());
            assertEquals("{\"sip2\":[\"kiosk\"],\"ncip\":[\"plain\"]}", call(api, "GET", "/traces", sysop).body());
            switched = consolePost(console + "/admin/traces/ncip/plain", session, "traced=false&_csrf=" + csrf);
            assertTrue(switched.body().contains("NCIP trace of plain off"), switched.body());
            assertEquals("{\"ncip\":[]}", call(api, "GET", "/traces/ncip", sysop).body());
        }
    }

    /** Signs in through the console's form (pre-session cookie and token, then the post); answers the session cookie. */
    private String consoleSignIn(String console, String login) throws Exception {
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(console + "/signin")).build(), HttpResponse.BodyHandlers.ofString());
        String pre = ConsoleSessionsContract.cookie(form, "sb_console_signin");
        HttpResponse<String> in = http.send(HttpRequest.newBuilder(URI.create(console + "/signin")).header("Cookie", "sb_console_signin=" + pre)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                        "username=" + login + "&password=long+enough&_csrf=" + ConsoleSessionsContract.csrf(form.body()))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(303, in.statusCode(), in.body());
        return ConsoleSessionsContract.cookie(in, "sb_console");
    }

    private HttpResponse<String> consoleGet(String uri, String session) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).header("Cookie", "sb_console=" + session).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> consolePost(String uri, String session, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).header("Cookie", "sb_console=" + session)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String pin(String value) {
        return "<ns1:AuthenticationInput><ns1:AuthenticationInputData>" + value + "</ns1:AuthenticationInputData>"
                + "<ns1:AuthenticationDataFormatType>text</ns1:AuthenticationDataFormatType>"
                + "<ns1:AuthenticationInputType>PIN</ns1:AuthenticationInputType></ns1:AuthenticationInput>";
    }

    private static HttpResponse<String> call(StaffApiClient api, String method, String path, String token) throws Exception {
        return api.call(method, path, token, null).raw();
    }

    private static List<String> trace(Sip2Gateway.CapturedLogs logs) {
        return logs.lines().stream().filter(l -> l.startsWith("INFO " + TRACE_LOGGER + " ")).toList();
    }
}
