package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
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

/**
 * Loan-history anonymisation ({@code circulation.anonymise-loan-history-after-days: 30}) on H2 and PostgreSQL with a
 * fixed clock: the housekeeping run removes the patron link of loans returned more than 30 days ago and of their
 * events, keeps loans still open or returned recently, and every report answers the same figures before and after;
 * the patron's history no longer shows the anonymised loans. The patron anonymise call uses the same step.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class LoanHistoryAnonymisationContract {

    abstract TestGateways.Store store();

    private static final String PASSWORD = "privacy first";
    /** Every report over the fixture's range, with every breakdown it has. */
    private static final List<String> REPORTS = List.of(
            "/reports/circulation?from=2026-10-01&to=2026-12-31",
            "/reports/circulation?from=2026-10-01&to=2026-12-31&period=month",
            "/reports/circulation?from=2026-10-01&to=2026-12-31&period=week",
            "/reports/circulation?from=2026-10-01&to=2026-12-31&by=category",
            "/reports/circulation?from=2026-10-01&to=2026-12-31&by=item-type",
            "/reports/circulation?from=2026-10-01&to=2026-12-31&by=channel",
            "/reports/circulation?from=2026-10-01&to=2026-12-31&by=library",
            "/reports/circulation?from=2026-10-01&to=2026-12-31&by=category&period=month",
            "/reports/top-titles?from=2026-10-01&to=2026-12-31",
            "/reports/kiosks?from=2026-10-01&to=2026-12-31",
            "/reports/never-borrowed?from=2026-10-01&to=2026-12-31",
            "/reports/items-by-status?from=2026-10-01&to=2026-12-31",
            "/reports/overdue?from=2026-10-01&to=2026-12-31",
            "/reports/holds?from=2026-10-01&to=2026-12-31",
            "/reports/money?from=2026-10-01&to=2026-12-31");

    @TempDir
    static Path data;
    TestClock clock;
    Gateway gateway;
    String token;
    StaffApiClient api;

    @BeforeAll
    void start() throws Exception {
        clock = new TestClock(Instant.parse("2026-10-01T12:00:00Z"));
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
            for (String[] p : new String[][] {{"A1", "ADULT"}, {"A2", "ADULT"}, {"C1", "CHILD"}, {"GONE", "CHILD"}}) {
                tx.patrons().insert(new Patron(0, p[0], null, "Reader " + p[0], p[1], null, null, null, LocalDate.of(2030, 1, 1), "MAIN", false));
            }
            BibRecord t1 = tx.bibs().insert(new BibRecord(0, "t1", "First title", "Writer, One", null, null, null, null));
            BibRecord t2 = tx.bibs().insert(new BibRecord(0, "t2", "Second title", "Writer, Two", null, null, null, null));
            for (String[] i : new String[][] {{"B1", "BOOK"}, {"B2", "BOOK"}, {"B3", "BOOK"}, {"D1", "DVD"}, {"D2", "DVD"}}) {
                tx.items().insert(new Item(0, i[0], (i[1].equals("BOOK") ? t1 : t2).id(), i[1], "MAIN", "MAIN", "Stacks", "QA " + i[0],
                        BigDecimal.TEN, ItemStatus.AVAILABLE, null, null));
            }
            return null;
        }).get(30, TimeUnit.SECONDS);
        RequestContext kiosk = new RequestContext(Channel.SIP2, "kiosk1", "kiosk1", "MAIN", "MAIN", null, null);
        RequestContext desk = new RequestContext(Channel.API, "tess", "staff-api", "MAIN", "MAIN", null, null);
        // October: A1 borrows two books at the kiosk on the same day (one borrower, two checkouts), renews one; C1 a
        // DVD at the desk; all returned by mid-October (more than 30 days before the run)
        at("2026-10-02T15:00:00Z", new Commands.CheckOut(kiosk, "A1", "B1", null, false, false, false));
        at("2026-10-02T15:01:00Z", new Commands.CheckOut(kiosk, "A1", "B2", null, false, false, false));
        at("2026-10-02T16:00:00Z", new Commands.CheckOut(desk, "C1", "D1", null, false, false, false));
        at("2026-10-05T15:00:00Z", new Commands.Renew(kiosk, "A1", "B2", null));
        at("2026-10-10T15:00:00Z", new Commands.CheckIn(kiosk, "B1", false));
        at("2026-10-11T15:00:00Z", new Commands.CheckIn(kiosk, "B2", false));
        at("2026-10-12T15:00:00Z", new Commands.CheckIn(desk, "D1", false));
        // GONE borrows and returns in December (not due for the job), then is anonymised through the patron call
        at("2026-12-10T15:00:00Z", new Commands.CheckOut(desk, "GONE", "D2", null, false, false, false));
        at("2026-12-11T15:00:00Z", new Commands.CheckIn(desk, "D2", false));
        // December: A1 borrows B1 again and returns it on the 5th (only 15 days before the run); A2 still has B3
        at("2026-12-01T15:00:00Z", new Commands.CheckOut(kiosk, "A1", "B1", null, false, false, false));
        at("2026-12-05T15:00:00Z", new Commands.CheckIn(kiosk, "B1", false));
        at("2026-12-02T15:00:00Z", new Commands.CheckOut(desk, "A2", "B3", null, false, false, false));
        clock.set(Instant.parse("2026-12-20T12:00:00Z"));
        api = new StaffApiClient(() -> gateway.httpPort());
        token = api.token("tess", PASSWORD);
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private Object at(String instant, Command<?> command) throws Exception {
        clock.set(Instant.parse(instant));
        Outcome<?> o = gateway.port().execute(command).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertTrue(o.isSuccess(), command + " -> " + o);
        return o.value();
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

    /** Types of the patron's events in their history (the API's newest-first list). */
    private List<String> history(String barcode) throws Exception {
        JsonNode h = json("/patrons/" + barcode + "/history?_per_page=100");
        List<String> types = new java.util.ArrayList<>();
        h.path("events").forEach(e -> types.add(e.path("type").asText() + " " + e.path("item_barcode").asText()));
        return types;
    }

    private long patronId(String barcode) {
        return gateway.storage().read(tx -> tx.patrons().byBarcode(barcode)).join().orElseThrow().id();
    }

    private List<CirculationEvent> events() {
        return gateway.storage().read(tx -> tx.events().between(Instant.parse("2026-09-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"),
                10_000)).join();
    }

    @Test
    void theRunAnonymisesOnlyLoansReturnedMoreThanThirtyDaysAgoAndEveryReportAnswersTheSame() throws Exception {
        Map<String, JsonNode> before = everyReport();
        assertTrue(before.get(REPORTS.get(0)).path("rows").size() > 0, "the fixture shows up in the reports: " + before);
        assertTrue(history("A1").containsAll(List.of("CHECKOUT B1", "CHECKOUT B2", "RENEW B2", "CHECKIN B2")), history("A1").toString());

        Maintenance.Result run = gateway.maintenance().runOnce();
        // A1's two October loans and C1's October loan; A1's December loan (returned 15 days ago) and A2's open loan stay
        assertEquals(3, run.loansAnonymised(), run.toString());

        Map<String, JsonNode> after = everyReport();
        for (String r : REPORTS) {
            assertEquals(before.get(r), after.get(r), "report " + r + " changed by the anonymisation");
        }

        List<String> a1 = history("A1");
        assertFalse(a1.contains("CHECKOUT B2") || a1.contains("RENEW B2") || a1.contains("CHECKIN B2"), a1.toString());
        assertEquals(List.of("CHECKIN B1", "CHECKOUT B1"), a1, "only the December loan is still A1's");
        assertTrue(history("C1").isEmpty(), history("C1").toString());
        assertEquals(List.of("CHECKOUT B3"), history("A2"));

        long a1Id = patronId("A1");
        assertEquals(1, gateway.storage().read(tx -> tx.loanHistory().closedForPatron(a1Id, null)).join().size(),
                "the loan rows lost the link too");
        List<CirculationEvent> anonymous = events().stream().filter(e -> e.patronId() == null
                && e.at().isBefore(Instant.parse("2026-11-01T00:00:00Z"))
                && (e.type() == EventType.CHECKOUT || e.type() == EventType.RENEW || e.type() == EventType.CHECKIN)).toList();
        assertEquals(7, anonymous.size(), "3 checkouts, 1 renewal and 3 checkins of October lost their patron: " + anonymous);
        CirculationEvent logged = events().stream().filter(e -> e.type() == EventType.LOAN_HISTORY_ANONYMISED).findFirst().orElseThrow();
        assertEquals("maintenance", logged.actor());
        assertTrue(logged.detail().startsWith("loans=3 patrons=2"), logged.detail());

        // a second run finds nothing more to do and changes nothing
        assertEquals(0, gateway.maintenance().runOnce().loansAnonymised());
        for (String r : REPORTS) {
            assertEquals(before.get(r), json(r), "report " + r + " changed by the second run");
        }
    }

    @Test
    void anonymisingAPatronUnlinksTheirClosedLoansWithTheSameStepAndTheReportsStillCountThem() throws Exception {
        JsonNode byCategory = json("/reports/circulation?from=2026-12-10&to=2026-12-11&by=category");
        long goneId = patronId("GONE");
        assertEquals(1, gateway.storage().read(tx -> tx.loanHistory().closedForPatron(goneId, null)).join().size());
        String anonBarcode = StaffApiClient.ok(api.call("POST", "/patrons/GONE/anonymise", token, null), 200).text("barcode");
        assertNotEquals("GONE", anonBarcode);
        assertEquals(0, gateway.storage().read(tx -> tx.loanHistory().closedForPatron(goneId, null)).join().size());
        assertTrue(history(anonBarcode).stream().noneMatch(t -> t.startsWith("CHECKOUT") || t.startsWith("CHECKIN")), history(anonBarcode).toString());
        assertEquals(byCategory, json("/reports/circulation?from=2026-12-10&to=2026-12-11&by=category"),
                "the anonymised patron's checkout still counts, under CHILD");
        assertTrue(byCategory.toString().contains("CHILD"), byCategory.toString());
    }
}
