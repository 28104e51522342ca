package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
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
import org.stackbridge.core.model.IllRequest;
import org.stackbridge.core.model.IllRole;
import org.stackbridge.core.model.IllState;
import org.stackbridge.core.model.FeeType;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.model.PaymentType;
import org.stackbridge.core.model.DisputeOutcome;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.model.StaffAccount;
import org.stackbridge.core.model.StaffRole;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.core.testing.TestClock;
import org.w3c.dom.Document;

/**
 * Usage reports over real HTTP against the whole gateway, checked against a hand-counted fixture: a fixed clock, two
 * libraries in America/New_York, checkouts at a SIP2 kiosk, at the desk and by an NCIP partner, one of them at 23:30
 * local time (already the next day in UTC), a renewal and checkins a day and a week later.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class ReportsContract {

    /** The store this run uses; {@link ReportsH2IT} and {@link ReportsPostgresIT} run every test on each. */
    abstract TestGateways.Store store();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "report reader";

    @TempDir
    static Path data;
    TestClock clock;
    Gateway gateway;
    String token;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start() throws Exception {
        clock = new TestClock(Instant.parse("2026-11-01T12:00:00Z"));
        // as serve and demo start it: the CLI's report is sent to this gateway
        gateway = TestGateways.start(store(), data, clock, true,
                "libraries:",
                "  - {code: MAIN, name: Main Library, timezone: America/New_York}",
                "  - {code: EAST, name: East Branch, institution: MAIN, timezone: America/New_York}",
                "reports:",
                "  max-range-days: 400");
        String hash = new SecretHasher(1_000).hash(PASSWORD);
        gateway.storage().write(tx -> {
            tx.staff().save(new StaffAccount("tess", hash, StaffRole.TECHNICIAN, null, true));
            for (String[] p : new String[][] {{"A1", "ADULT"}, {"A2", "ADULT"}, {"C1", "CHILD"}}) {
                tx.patrons().insert(new Patron(0, p[0], null, "Reader " + p[0], p[1], null, null, null, LocalDate.of(2030, 1, 1), "MAIN", false));
            }
            BibRecord t1 = tx.bibs().insert(new BibRecord(0, "t1", "First title", "Writer, One", null, null, null, null));
            BibRecord t2 = tx.bibs().insert(new BibRecord(0, "t2", "Second title", "Writer, Two", null, null, null, null));
            BibRecord t3 = tx.bibs().insert(new BibRecord(0, "t3", "Third title", "Writer, Three", null, null, null, null));
            item(tx, "B1", t1, "BOOK");
            item(tx, "B2", t1, "BOOK");
            item(tx, "B3", t2, "BOOK");
            item(tx, "B4", t2, "BOOK");
            item(tx, "D1", t3, "DVD");
            // ILL requests as the NCIP engine leaves them: two lent to RESHARE (one completed after 4 days, one
            // unfilled), one borrowed from RELAIS and still open
            tx.ill().insert(new IllRequest(0, IllRole.LENDING, IllState.COMPLETE, "RESHARE", "R-1", null, null, t1.id(), "First title",
                    null, Instant.parse("2026-11-02T12:00:00Z"), Instant.parse("2026-11-06T12:00:00Z")));
            tx.ill().insert(new IllRequest(0, IllRole.LENDING, IllState.UNFILLED, "RESHARE", "R-2", null, null, t2.id(), "Second title",
                    null, Instant.parse("2026-11-03T12:00:00Z"), Instant.parse("2026-11-03T18:00:00Z")));
            tx.ill().insert(new IllRequest(0, IllRole.BORROWING, IllState.REQUESTED, "RELAIS", "X-9", null, null, null, "Elsewhere",
                    "MAIN", Instant.parse("2026-11-04T12:00:00Z"), Instant.parse("2026-11-04T12:00:00Z")));
            return null;
        }).get(30, TimeUnit.SECONDS);
        RequestContext kiosk = new RequestContext(Channel.SIP2, "kiosk1", "kiosk1", "MAIN", "MAIN", null, null);
        RequestContext desk = new RequestContext(Channel.API, "tess", "staff-api", "MAIN", "MAIN", null, null);
        RequestContext eastDesk = desk.withLibrary("EAST");
        RequestContext ncip = new RequestContext(Channel.NCIP, "PARTNER", "PARTNER", "MAIN", "EAST", null, null);
        // 2026-11-02 (New York, UTC-5)
        at("2026-11-02T15:00:00Z", new Commands.CheckOut(kiosk, "A1", "B1", null, false, false, false));
        at("2026-11-02T15:01:00Z", new Commands.CheckOut(kiosk, "A1", "B3", null, false, false, false));
        at("2026-11-02T16:00:00Z", new Commands.CheckOut(desk, "C1", "D1", null, false, false, false));
        at("2026-11-03T04:30:00Z", new Commands.CheckOut(kiosk, "A2", "B2", null, false, false, false)); // 23:30 on the 2nd
        // 2026-11-03
        at("2026-11-03T14:00:00Z", new Commands.CheckIn(kiosk, "B1", false));
        at("2026-11-03T14:01:00Z", new Commands.Renew(kiosk, "A1", "B3", null));
        at("2026-11-03T17:00:00Z", new Commands.CheckOut(ncip, "A1", "B4", null, false, false, false));
        // holds: A2 on t3 (D1 is out to C1), C1 on t2 and cancelled a day later
        at("2026-11-04T15:05:00Z", new Commands.PlaceHold(desk, "A2", null, "t3", "MAIN", null, false));
        at("2026-11-05T15:00:00Z", new Commands.PlaceHold(desk, "C1", null, "t2", "MAIN", null, false));
        at("2026-11-06T15:00:00Z", new Commands.CancelHold(desk, "C1", null, "t2"));
        // the fee ledger: A1 pays 2.00 of a 5.00 manual fee and the rest is waived; C1 disputes a 10.00 damage fee and
        // loses; A2 disputes a 4.00 damage fee, still open
        long f1 = fee(at("2026-11-05T15:00:00Z", new Commands.AssessFee(desk, "A1", FeeType.MANUAL, Money.of("5.00", "USD"), null, "card")));
        at("2026-11-05T15:10:00Z", new Commands.TakePayment(desk, "A1", Money.of("2.00", "USD"), PaymentType.CASH, List.of(f1), null));
        at("2026-11-05T15:20:00Z", new Commands.WaiveFeeById(desk, f1, null, "goodwill"));
        long f2 = fee(at("2026-11-06T16:00:00Z", new Commands.AssessFee(desk, "C1", FeeType.DAMAGE, Money.of("10.00", "USD"), null, "torn")));
        long d2 = ((Views.DisputeView) at("2026-11-06T16:10:00Z", new Commands.OpenFeeDispute(desk, f2, "torn before"))).disputeId();
        at("2026-11-06T16:20:00Z", new Commands.ResolveFeeDispute(desk, f2, d2, DisputeOutcome.REJECTED, "photo shows otherwise"));
        long f3 = fee(at("2026-11-07T15:00:00Z", new Commands.AssessFee(desk, "A2", FeeType.DAMAGE, Money.of("4.00", "USD"), null, "stain")));
        at("2026-11-07T15:10:00Z", new Commands.OpenFeeDispute(desk, f3, "it was like that"));
        // 2026-11-10 (the checkin of D1 traps A2's hold, 6 days after it was placed)
        at("2026-11-10T15:00:00Z", new Commands.CheckOut(eastDesk, "A1", "B1", null, false, false, false));
        at("2026-11-10T15:05:00Z", new Commands.CheckIn(eastDesk, "D1", false));
        clock.set(Instant.parse("2026-12-20T12:00:00Z"));
        token = login();
    }

    private static void item(org.stackbridge.core.port.StoreTx tx, String barcode, BibRecord bib, String type) {
        tx.items().insert(new Item(0, barcode, bib.id(), type, "MAIN", "MAIN", "Stacks", "QA " + barcode, BigDecimal.TEN,
                ItemStatus.AVAILABLE, null, null));
    }

    private Object at(String instant, Command<?> command) throws Exception {
        clock.set(Instant.parse(instant));
        Outcome<?> o = gateway.port().execute(command).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertTrue(o.isSuccess(), command + " -> " + o);
        return o.value();
    }

    private static long fee(Object assessed) {
        return ((Views.FeeAssessed) assessed).feeId();
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private String login() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/auth/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"login\":\"tess\",\"password\":\"" + PASSWORD + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body()).path("token").asText();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + gateway.httpPort() + "/api/v1" + path);
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private JsonNode json(String path) throws Exception {
        HttpResponse<byte[]> r = get(path);
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        return JSON.readTree(r.body());
    }

    /** The rows as "col=value" lists, for comparing with the hand count. */
    private static List<String> rows(JsonNode report, String... columns) {
        List<String> out = new ArrayList<>();
        for (JsonNode row : report.path("rows")) {
            List<String> cells = new ArrayList<>();
            for (String c : columns) {
                cells.add(row.path(c).asText());
            }
            out.add(String.join(" ", cells));
        }
        return out;
    }

    /**
     * The daily summary (kept by each command's transaction) gives what the event log gives, for every breakdown and
     * period, over all libraries and one; and rebuilding it from the event log (what the V23 migration does on an
     * upgraded database) leaves every circulation and kiosk report as it was.
     */
    /** The CLI's report while the gateway serves: sent to the running gateway, which reads its own storage. */
    @Test
    void theCliPrintsTheSameReportWhileTheGatewayServes() throws Exception {
        Path out = data.resolve("circulation.csv");
        assertEquals(0, cli("report", "circulation", "--from", "2026-11-02", "--to", "2026-11-10", "--format", "csv",
                "--output", out.toString()));
        assertEquals(List.of("period,checkouts,renewals,checkins,borrowers", "2026-11-02,4,0,0,3", "2026-11-03,1,1,1,1",
                "2026-11-10,1,0,1,1"), java.nio.file.Files.readAllLines(out));
        assertEquals(2, cli("report", "circulation", "--from", "2026-11-10", "--to", "2026-11-02"));
        assertEquals(2, cli("report", "nonsense", "--from", "2026-11-02", "--to", "2026-11-10"));
        // the gateway answers in text: a picture needs a file
        assertEquals(2, cli("report", "circulation", "--from", "2026-11-02", "--to", "2026-11-10", "--format", "png"));
        Path png = data.resolve("circulation.png");
        assertEquals(0, cli("report", "circulation", "--from", "2026-11-02", "--to", "2026-11-10", "--format", "png",
                "--output", png.toString()));
        byte[] head = java.util.Arrays.copyOf(java.nio.file.Files.readAllBytes(png), 8);
        assertEquals(List.of(0x89, 0x50, 0x4E, 0x47), List.of(head[0] & 0xFF, (int) head[1], (int) head[2], (int) head[3]));
    }

    /** The command line a technician types for this gateway's data directory and configuration. */
    List<String> cliArgs(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config", data.resolve("stackbridge.yaml").toString(), "--data", data.toString()));
        if (store() == TestGateways.Store.POSTGRES) {
            all.addAll(List.of("--set", "database.url=" + gateway.config().database().url(), "--set", "database.user=postgres",
                    "--set", "database.password=postgres"));
        }
        return all;
    }

    private int cli(String... args) {
        return org.stackbridge.gateway.cli.StackbridgeCli.run(cliArgs(args).toArray(String[]::new));
    }

    @Test
    void theDailySummaryAgreesWithTheEventLogAndARebuildChangesNoReport() throws Exception {
        java.time.ZoneId zone = java.time.ZoneId.of("America/New_York");
        List<String> reports = new ArrayList<>();
        for (String period : List.of("day", "week", "month")) {
            for (org.stackbridge.core.model.Dimension by : org.stackbridge.core.model.Dimension.values()) {
                if (!org.stackbridge.core.report.ReportCatalogue.definitions().get(0).dimensions().contains(by)) {
                    continue;
                }
                for (String library : new String[] {null, "MAIN", "EAST"}) {
                    List<org.stackbridge.core.model.Bucket> buckets = org.stackbridge.core.report.Period.parse(period).orElseThrow()
                            .buckets(LocalDate.of(2026, 10, 28), LocalDate.of(2026, 11, 30), zone);
                    List<String> fromEvents = gateway.storage().read(tx -> circulationRows(tx.reports().circulation(buckets, by, library)))
                            .get(30, TimeUnit.SECONDS);
                    List<String> fromSummary = gateway.storage().read(tx -> circulationRows(tx.reports().circulation(buckets, by, library, zone)))
                            .get(30, TimeUnit.SECONDS);
                    assertEquals(fromEvents, fromSummary, period + " by " + by + " at " + library);
                    assertTrue(!fromSummary.isEmpty(), period + " by " + by + " at " + library + ": no rows");
                    reports.add("/reports/circulation?from=2026-10-28&to=2026-11-30&period=" + period + "&by=" + by.label()
                            + (library == null ? "" : "&library=" + library));
                }
            }
        }
        List<org.stackbridge.core.model.Bucket> days = org.stackbridge.core.report.Period.DAY.buckets(
                LocalDate.of(2026, 10, 28), LocalDate.of(2026, 11, 30), zone);
        assertEquals(gateway.storage().read(tx -> tx.reports().kiosks(days, null).toString()).get(30, TimeUnit.SECONDS),
                gateway.storage().read(tx -> tx.reports().kiosks(days, null, zone).toString()).get(30, TimeUnit.SECONDS));
        reports.add("/reports/kiosks?from=2026-10-28&to=2026-11-30");
        List<String> before = new ArrayList<>();
        for (String r : reports) {
            before.add(json(r).path("rows").toString());
        }
        // the fixture's circulation events: six checkouts, two checkins, one renewal
        assertEquals(9L, gateway.storage().write(org.stackbridge.adapter.jdbc.JdbcCirculationSummary::rebuild).get(60, TimeUnit.SECONDS));
        for (int i = 0; i < reports.size(); i++) {
            assertEquals(before.get(i), json(reports.get(i)).path("rows").toString(), reports.get(i));
        }
    }

    private static List<String> circulationRows(List<org.stackbridge.core.port.ReportQueries.CirculationRow> rows) {
        return rows.stream().map(Object::toString).sorted().toList();
    }

    @Test
    void dailyCirculationCountsEachDayInTheLibrarysZone() throws Exception {
        JsonNode r = json("/reports/circulation?from=2026-11-02&to=2026-11-10");
        assertEquals(List.of(
                "2026-11-02 4 0 0 3",  // B1, B3 (A1), D1 (C1), B2 (A2 at 23:30 local)
                "2026-11-03 1 1 1 1",  // B4 (A1, NCIP), renewal of B3, checkin of B1
                "2026-11-10 1 0 1 1"), // B1 again (A1), checkin of D1
                rows(r, "period", "checkouts", "renewals", "checkins", "borrowers"));
    }

    @Test
    void byChannelShowsTheSelfCheckShare() throws Exception {
        JsonNode r = json("/reports/circulation?from=2026-11-02&to=2026-11-03&by=channel");
        assertEquals(List.of(
                "2026-11-02 desk 1 1 25.0",
                "2026-11-02 kiosk 3 2 75.0",
                "2026-11-03 kiosk 0 0 0.0",
                "2026-11-03 ncip 1 1 100.0"),
                rows(r, "period", "channel", "checkouts", "borrowers", "checkout_share"));
    }

    @Test
    void weeklyByCategoryAndMonthlyByLibrary() throws Exception {
        assertEquals(List.of(
                "2026-11-02 ADULT 4 1 1 2",
                "2026-11-02 CHILD 1 0 0 1",
                "2026-11-09 ADULT 1 0 0 1",
                "2026-11-09 CHILD 0 0 1 0"),
                rows(json("/reports/circulation?from=2026-11-02&to=2026-11-15&by=category&period=week"),
                        "period", "category", "checkouts", "renewals", "checkins", "borrowers"));
        assertEquals(List.of(
                "2026-11 EAST 2 0 1 1",
                "2026-11 MAIN 4 1 1 3"),
                rows(json("/reports/circulation?from=2026-11-01&to=2026-11-30&by=library&period=month"),
                        "period", "library", "checkouts", "renewals", "checkins", "borrowers"));
        assertEquals(List.of("2026-11-02 BOOK 3", "2026-11-02 DVD 1"),
                rows(json("/reports/circulation?from=2026-11-02&to=2026-11-02&by=item-type"), "period", "item_type", "checkouts"));
    }

    @Test
    void topTitlesKiosksOverdueAndStatus() throws Exception {
        assertEquals(List.of("1 t1 3", "2 t2 2", "3 t3 1"),
                rows(json("/reports/top-titles?from=2026-11-02&to=2026-11-10"), "rank", "control_number", "checkouts"));
        assertEquals(List.of("2026-11-02 kiosk1 3 0 0", "2026-11-03 kiosk1 0 1 1"),
                rows(json("/reports/kiosks?from=2026-11-01&to=2026-11-30"), "day", "terminal", "checkouts", "checkins", "renewals"));
        // on 2026-12-20 every open loan (21 days, due at the end of the local day) is overdue, the oldest due first:
        // B2 on 11-23; B3 (renewed on the 3rd) and B4 (lent on the 3rd) both on 11-24, by barcode; B1 on 12-01
        assertEquals(List.of("B2 A2", "B3 A1", "B4 A1", "B1 A1"), rows(json("/reports/overdue"), "item", "patron"));
        long items = 0;
        for (JsonNode row : json("/reports/items-by-status").path("rows")) {
            items += row.path("items").asLong();
        }
        assertEquals(5, items);
    }

    @Test
    void holdsIllAndNeverBorrowed() throws Exception {
        assertEquals(List.of("2 0 1 1 0.0 6.0 0"), rows(json("/reports/holds?from=2026-11-01&to=2026-11-30"),
                "placed", "filled", "cancelled", "open", "fill_rate", "median_days_to_fill", "expired_unclaimed"));
        assertEquals(List.of("MAIN 2"), rows(json("/reports/holds?from=2026-11-01&to=2026-11-30&by=library"), "library", "placed"));
        assertEquals(List.of("RELAIS borrowing 1 0 0 0.0 null", "RESHARE lending 2 1 1 50.0 4.0"),
                rows(json("/reports/ill?from=2026-11-01&to=2026-11-30"),
                        "partner", "direction", "requests", "completed", "unfilled", "fill_rate", "median_turnaround_days"));
        // every item went out between the 2nd and the 10th; from the 4th on, only B1 was lent (again, on the 10th)
        assertEquals(List.of("B2", "B3", "B4", "D1"), rows(json("/reports/never-borrowed?from=2026-11-04&to=2026-11-30"), "item"));
        assertEquals(List.of(), rows(json("/reports/never-borrowed?from=2026-11-02&to=2026-11-10"), "item"));
    }

    @Test
    void moneyByFeeTypeAndLibrary() throws Exception {
        assertEquals(List.of(
                "damage USD 14.0 0.0 0.0 0.0 1 0 1",
                "manual USD 5.0 2.0 3.0 0.0 0 0 0"),
                rows(json("/reports/money?from=2026-11-01&to=2026-11-30"), "fee_type", "currency", "charged", "paid", "waived", "refunded",
                        "disputes_open", "disputes_upheld", "disputes_rejected"));
        assertEquals(List.of("MAIN damage 14.0", "MAIN manual 5.0"),
                rows(json("/reports/money?from=2026-11-01&to=2026-11-30&by=library"), "library", "fee_type", "charged"));
        // the 6th alone: C1's fee and its rejected dispute
        assertEquals(List.of("damage 10.0 0 1"),
                rows(json("/reports/money?from=2026-11-06&to=2026-11-06"), "fee_type", "charged", "disputes_open", "disputes_rejected"));
    }

    @Test
    void csvParsesBackToTheSameTable() throws Exception {
        JsonNode json = json("/reports/circulation?from=2026-11-02&to=2026-11-10&by=channel");
        HttpResponse<byte[]> r = get("/reports/circulation?from=2026-11-02&to=2026-11-10&by=channel&format=csv");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(new String(r.body(), StandardCharsets.UTF_8))).getRecords();
        assertEquals(json.path("rows").size(), records.size());
        for (int i = 0; i < records.size(); i++) {
            for (Map.Entry<String, String> e : records.get(i).toMap().entrySet()) {
                assertEquals(json.path("rows").get(i).path(e.getKey()).asText(), e.getValue(), "row " + i + " " + e.getKey());
            }
        }
    }

    @Test
    void chartsAreWellFormedSvgNamingTheirSeriesAndPng() throws Exception {
        HttpResponse<byte[]> svg = get("/reports/circulation?from=2026-11-02&to=2026-11-10&by=channel&format=svg");
        assertEquals(200, svg.statusCode());
        assertEquals("image/svg+xml", svg.headers().firstValue("Content-Type").orElse(""));
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        // JFreeSVG writes the SVG 1.1 DOCTYPE; never fetch it
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setExpandEntityReferences(false);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.body()));
        assertEquals("svg", doc.getDocumentElement().getLocalName() == null ? doc.getDocumentElement().getNodeName()
                : doc.getDocumentElement().getLocalName());
        String text = doc.getDocumentElement().getTextContent();
        for (String series : List.of("kiosk", "desk", "ncip")) {
            assertTrue(text.contains(series), "the legend names " + series);
        }
        HttpResponse<byte[]> png = get("/reports/top-titles?from=2026-11-02&to=2026-11-10&format=png");
        assertEquals(200, png.statusCode());
        byte[] magic = {(byte) 0x89, 'P', 'N', 'G'};
        for (int i = 0; i < magic.length; i++) {
            assertEquals(magic[i], png.body()[i]);
        }
    }

    @Test
    void badRequestsAre400NamingTheField() throws Exception {
        problem("/reports/nonsense?from=2026-11-01&to=2026-11-02", "name", "unknown report");
        problem("/reports/circulation?from=2026-13-01&to=2026-11-02", "from", "not a date");
        problem("/reports/circulation?to=2026-11-02", "from", "required");
        problem("/reports/circulation?from=2026-11-10&to=2026-11-02", "to", "before");
        problem("/reports/circulation?from=2025-01-01&to=2026-11-02", "to", "at most 400");
        problem("/reports/circulation?from=2026-11-01&to=2026-11-02&by=colour", "by", "unknown breakdown");
        problem("/reports/top-titles?from=2026-11-01&to=2026-11-02&by=channel", "by", "cannot be broken down");
        problem("/reports/circulation?from=2026-11-01&to=2026-11-02&library=NOPE", "library", "unknown library");
        problem("/reports/overdue?format=svg", "format", "no chart");
        problem("/reports/circulation?from=2026-11-01&to=2026-11-02&format=xls", "format", "json, csv");
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(uri("/reports")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
    }

    private void problem(String path, String field, String reason) throws Exception {
        HttpResponse<byte[]> r = get(path);
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertEquals(400, r.statusCode(), body);
        JsonNode p = JSON.readTree(body);
        assertEquals(field, p.path("errors").path(0).path("field").asText(), body);
        assertTrue(p.path("errors").path(0).path("reason").asText().contains(reason), body);
    }
}
