package org.stackbridge.gateway.sip2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.core.model.StaffAccount;
import org.stackbridge.core.model.StaffRole;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.gateway.cli.CliRun;
import org.stackbridge.sip2.client.Sip2Client;
import org.stackbridge.sip2.spec.FixedField;

/**
 * Issue #16: a per-terminal SIP2 trace an administrator switches on and off while the gateway runs, through the staff
 * API and the command line; a traced terminal's requests and answers are logged with its PIN and password masked, an
 * untraced terminal's are not, and nothing more after the switch is off.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class Sip2TraceIT {

    private static final String TRACE_LOGGER = "stackbridge.trace.sip2";

    @TempDir
    Path data;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aTracedTerminalsExchangesAreLoggedMaskedUntilTheTraceIsSwitchedOff() throws Exception {
        try (Sip2Gateway g = Sip2Gateway.startServingCommands(data, Clock.fixed(Sip2Gateway.NOW, ZoneOffset.UTC));
             Sip2Gateway.CapturedLogs logs = new Sip2Gateway.CapturedLogs()) {
            String hash = new SecretHasher(1_000).hash("long enough");
            g.gateway.storage().write(tx -> {
                tx.staff().save(new StaffAccount("sysop", hash, StaffRole.ADMIN, null, true));
                tx.staff().save(new StaffAccount("tim", hash, StaffRole.TECHNICIAN, null, true));
                return null;
            }).get(30, TimeUnit.SECONDS);
            String api = "http://127.0.0.1:" + g.gateway.httpPort() + "/api/v1";
            String sysop = token(api, "sysop");
            assertEquals(403, call("PUT", api + "/traces/sip2/kiosk", token(api, "tim")).statusCode(), "a technician may not trace");
            assertEquals(400, call("PUT", api + "/traces/sip2/" + "x".repeat(65), sysop).statusCode());
            HttpResponse<String> on = call("PUT", api + "/traces/sip2/kiosk", sysop);
            assertEquals(200, on.statusCode(), on.body());
            assertEquals("{\"sip2\":[\"kiosk\"]}", call("GET", api + "/traces/sip2", sysop).body());

            try (Sip2Client kiosk = g.connect(); Sip2Client other = g.connect()) {
                assertEquals("1", kiosk.send(g.rq.login("kiosk", "kiosk", "MAIN")).fixed(FixedField.OK));
                assertEquals("1", other.send(g.rq.login("other", "other", "MAIN")).fixed(FixedField.OK));
                kiosk.send(g.rq.patronInformation("P1", "4711", 0, null, null));
                other.send(g.rq.patronInformation("P1", "4712", 0, null, null));
                List<String> traced = trace(logs);
                assertEquals(2, traced.size(), traced.toString());
                assertTrue(traced.get(0).contains("kiosk from 127.0.0.1: 93") && traced.get(0).contains("CO***") && traced.get(0).contains("-> 941"),
                        traced.get(0));
                assertTrue(traced.get(1).contains(": 63") && traced.get(1).contains("AD***") && traced.get(1).contains("-> 64"), traced.get(1));
                for (String line : logs.lines()) {
                    assertFalse(line.contains("4711") || line.contains("4712"), "no PIN in the log: " + line);
                }

                // off through the command line, which the running gateway executes
                CliRun run = CliRun.run("", "trace", "sip2", "kiosk", "off", "--data", g.gateway.loaded().config().dataDir());
                assertEquals(0, run.code(), run.toString());
                assertTrue(run.out().contains("SIP2 trace of kiosk off"), run.out());
                kiosk.send(g.rq.patronInformation("P1", "4711", 0, null, null));
                assertEquals(2, trace(logs).size(), "nothing traced after the switch is off");
                assertEquals("{\"sip2\":[]}", call("GET", api + "/traces/sip2", sysop).body());

                // and on again through the command line
                run = CliRun.run("", "trace", "sip2", "KIOSK", "on", "--data", g.gateway.loaded().config().dataDir());
                assertEquals(0, run.code(), run.toString());
                kiosk.send(g.rq.itemInformation("I1"));
                assertEquals(3, trace(logs).size());
                assertTrue(trace(logs).get(2).contains(": 17"), trace(logs).get(2));
            }
        }
    }

    @Test
    void theCommandLineSaysSoWhenNoGatewayRuns() {
        CliRun run = CliRun.run("", "trace", "list", "--data", data.toString());
        assertEquals(6, run.code(), run.toString());
        assertTrue(run.err().contains("no gateway runs on this data directory"), run.err());
    }

    private static List<String> trace(Sip2Gateway.CapturedLogs logs) {
        return logs.lines().stream().filter(l -> l.startsWith("INFO " + TRACE_LOGGER + " ")).toList();
    }

    private String token(String api, String login) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api + "/auth/login")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"login\":\"" + login + "\",\"password\":\"long enough\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return new ObjectMapper().readTree(r.body()).path("token").asText();
    }

    private HttpResponse<String> call(String method, String uri, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
