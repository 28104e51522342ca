package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.core.command.Command;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.model.StaffAccount;
import org.stackbridge.core.model.StaffRole;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.core.testing.TestClock;

/**
 * Distinct borrowers stay exact when one patron's loans are anonymised over several housekeeping runs
 * ({@code circulation.anonymise-loan-history-after-days: 30}, fixed clock, H2 and PostgreSQL). In November P borrows
 * four times (X1 returned on the 3rd, X3 at the desk returned on the 4th, X2 returned on 1 December, X4 still out) and Q once: two
 * borrowers. The run of 5 December anonymises X1 and X3 only (P half anonymised), the run of 15 January X2 and Q's Y1;
 * every report counts P as one borrower throughout, by day, week, month and every breakdown.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class BorrowerPseudonymContract {

    abstract TestGateways.Store store();

    private static final String PASSWORD = "one reader, one count";
    private static final List<String> REPORTS = List.of(
            "/reports/circulation?from=2026-11-01&to=2026-11-30&period=month",
            "/reports/circulation?from=2026-11-01&to=2026-11-30&period=week",
            "/reports/circulation?from=2026-11-01&to=2026-11-30",
            "/reports/circulation?from=2026-11-01&to=2026-11-30&period=month&by=category",
            "/reports/circulation?from=2026-11-01&to=2026-11-30&period=month&by=channel",
            "/reports/circulation?from=2026-11-01&to=2026-11-30&period=month&by=library",
            "/reports/circulation?from=2026-11-01&to=2026-11-30&period=month&by=item-type",
            "/reports/top-titles?from=2026-11-01&to=2026-11-30",
            "/reports/kiosks?from=2026-11-01&to=2026-11-30");

    @TempDir
    static Path data;
    TestClock clock;
    Gateway gateway;
    String token;
    StaffApiClient api;

    @BeforeAll
    void start() throws Exception {
        clock = new TestClock(Instant.parse("2026-11-01T12:00:00Z"));
        gateway = TestGateways.start(store(), data, clock,
                "libraries:",
                "  - {code: MAIN, name: Main Library}",
                "policies:",
                "  - {library: '*', category: '*', item-type: '*', loan-period: 21, max-loans: 0, closed-days: keep}",
                "engine: {maintenance-minutes: 0}",
                "circulation: {anonymise-loan-history-after-days: 30}");
        String hash = new SecretHasher(1_000).hash(PASSWORD);
        gateway.storage().write(tx -> {
            tx.staff().save(new StaffAccount("tess", hash, StaffRole.TECHNICIAN, null, true));
            for (String p : List.of("P", "Q")) {
                tx.patrons().insert(new Patron(0, p, null, "Reader " + p, "ADULT", null, null, null, LocalDate.of(2030, 1, 1), "MAIN", false));
            }
            BibRecord t1 = tx.bibs().insert(new BibRecord(0, "t1", "First title", "Writer, One", null, null, null, null));
            for (String i : List.of("X1", "X2", "X3", "X4", "Y1")) {
                tx.items().insert(new Item(0, i, t1.id(), "BOOK", "MAIN", "MAIN", "Stacks", "QA " + i, BigDecimal.TEN,
                        ItemStatus.AVAILABLE, null, null));
            }
            return null;
        }).get(30, TimeUnit.SECONDS);
        RequestContext kiosk = new RequestContext(Channel.SIP2, "kiosk1", "kiosk1", "MAIN", "MAIN", null, null);
        RequestContext desk = new RequestContext(Channel.API, "tess", "staff-api", "MAIN", "MAIN", null, null);
        at("2026-11-02T15:00:00Z", new Commands.CheckOut(kiosk, "P", "X1", null, false, false, false));
        at("2026-11-03T15:00:00Z", new Commands.CheckIn(kiosk, "X1", false));
        at("2026-11-03T16:00:00Z", new Commands.CheckOut(desk, "P", "X3", null, false, false, false));
        at("2026-11-04T16:00:00Z", new Commands.CheckIn(desk, "X3", false));
        at("2026-11-20T15:00:00Z", new Commands.CheckOut(kiosk, "P", "X2", null, false, false, false));
        at("2026-11-21T15:00:00Z", new Commands.CheckOut(kiosk, "Q", "Y1", null, false, false, false));
        at("2026-11-22T15:00:00Z", new Commands.CheckIn(kiosk, "Y1", false));
        at("2026-11-25T15:00:00Z", new Commands.CheckOut(kiosk, "P", "X4", null, false, false, false));
        at("2026-12-01T15:00:00Z", new Commands.CheckIn(kiosk, "X2", false));
        api = new StaffApiClient(() -> gateway.httpPort());
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private void at(String instant, Command<?> command) throws Exception {
        clock.set(Instant.parse(instant));
        Outcome<?> o = gateway.port().execute(command).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertTrue(o.isSuccess(), command + " -> " + o);
    }

    private JsonNode json(String path) throws Exception {
        return StaffApiClient.ok(api.get(path, token), 200).json();
    }

    private Map<String, JsonNode> everyReport() throws Exception {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (String r : REPORTS) {
            out.put(r, json(r));
        }
        return out;
    }

    private List<String> rows(String path, String... columns) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode row : json(path).path("rows")) {
            List<String> cells = new ArrayList<>();
            for (String c : columns) {
                cells.add(row.path(c).asText());
            }
            out.add(String.join(" ", cells));
        }
        return out;
    }

    private void assertHandCount() throws Exception {
        assertEquals(List.of("2026-11 5 0 3 2"), rows(REPORTS.get(0), "period", "checkouts", "renewals", "checkins", "borrowers"),
                "November: P (four checkouts) and Q (one) are two borrowers");
        assertEquals(List.of("2026-11-02 2 1", "2026-11-16 2 2", "2026-11-23 1 1"), rows(REPORTS.get(1), "period", "checkouts", "borrowers"),
                "the week of the 2nd: P twice; of the 16th: P (X2) and Q; of the 23rd: P (X4)");
        assertEquals(List.of("2026-11 desk 1 1", "2026-11 kiosk 4 2"), rows(REPORTS.get(4), "period", "channel", "checkouts", "borrowers"));
    }

    @Test
    void aPatronAnonymisedOverTwoRunsIsStillOneBorrowerInEveryReport() throws Exception {
        clock.set(Instant.parse("2026-12-05T12:00:00Z"));
        token = api.token("tess", PASSWORD);
        Map<String, JsonNode> before = everyReport();
        assertHandCount();

        // 5 December: only X1 and X3 (returned on 3 and 4 November) are due; P's X2 and X4 and Q's Y1 stay linked.
        // A token per run made P two borrowers of November here (the pseudonym and P), and three after the next run
        assertEquals(2, gateway.maintenance().runOnce().loansAnonymised());
        for (String r : REPORTS) {
            assertEquals(before.get(r), json(r), "report " + r + " changed when P was half anonymised");
        }

        // 15 January: X2 (returned 1 December) and Q's Y1 follow, in a later run than P's first loans
        clock.set(Instant.parse("2027-01-15T12:00:00Z"));
        token = api.token("tess", PASSWORD); // the session of 5 December has expired
        assertEquals(2, gateway.maintenance().runOnce().loansAnonymised());
        for (String r : REPORTS) {
            assertEquals(before.get(r), json(r), "report " + r + " changed by the second run");
        }
        assertHandCount();

        // the daily summary filled again from the anonymised event log (what the V23 migration does on an upgraded
        // database) gives the same figures: the anonymised events carry the pseudonym the linked ones map to
        gateway.storage().write(org.stackbridge.adapter.jdbc.JdbcCirculationSummary::rebuild).get(60, TimeUnit.SECONDS);
        for (String r : REPORTS) {
            assertEquals(before.get(r), json(r), "report " + r + " changed when the summary was rebuilt");
        }
    }
}
