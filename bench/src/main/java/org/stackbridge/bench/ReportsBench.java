package org.stackbridge.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.stackbridge.adapter.jdbc.JdbcSettings;
import org.stackbridge.adapter.jdbc.JdbcStorage;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Library;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.report.Report;
import org.stackbridge.core.report.ReportCatalogue;
import org.stackbridge.core.report.ReportRequest;

/**
 * Every usage report over one year of a two-year history: by default 1,000,000 loans (each a CHECKOUT and a CHECKIN
 * event, a fifth renewed once) for 20,000 patrons and 200,000 items, 70 % at eight SIP2 kiosks, 25 % at the desk, 5 %
 * by NCIP, plus 10,000 open overdue loans, 50,000 holds with their traps and 5,000 ILL requests. Patrons, records and
 * items go in through the store's ports; loans, events and holds by JDBC batches (the engine would take hours to make
 * a two-year history, and the reports read only what is stored). Each report runs in-process through the same
 * {@link ReportCatalogue} the API and CLI use; the median of three runs is printed.
 *
 * <pre>
 *   ./mvnw -q -DskipTests package -pl bench,gateway -am
 *   java -cp 'bench/target/stackbridge-bench.jar:bench/target/lib/*' org.stackbridge.bench.ReportsBench \
 *       [--backends h2,postgres] [--loans 1000000] [--patrons 20000] [--items 200000]
 * </pre>
 */
public final class ReportsBench {

    private static final Instant END = Instant.parse("2026-12-01T00:00:00Z");
    private static final int DAYS = 730;
    private static final String[] CHANNELS = {"SIP2", "API", "NCIP"};

    private ReportsBench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> backends = List.of("h2", "postgres");
        int loans = 1_000_000;
        int patrons = 20_000;
        int items = 200_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--backends" -> backends = List.of(args[++i].split(","));
                case "--loans" -> loans = Integer.parseInt(args[++i]);
                case "--patrons" -> patrons = Integer.parseInt(args[++i]);
                case "--items" -> items = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf(Locale.ROOT, "# %s, %d cores, %s; %,d loans over %d days, %,d patrons, %,d items%n", Instant.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                loans, DAYS, patrons, items);
        for (String backend : backends) {
            Path work = Files.createTempDirectory("reports-bench");
            EmbeddedPostgres pg = backend.equals("postgres") ? EmbeddedPostgres.builder().start() : null;
            try {
                JdbcSettings jdbc = pg == null ? JdbcSettings.embedded(work) : JdbcSettings.of(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
                try (JdbcStorage storage = JdbcStorage.open(jdbc)) {
                    long t0 = System.nanoTime();
                    seed(storage, jdbc, loans, patrons, items);
                    System.out.printf(Locale.ROOT, "%s: seeded in %.0f s%n", backend, (System.nanoTime() - t0) / 1e9);
                    run(backend, storage);
                }
            } finally {
                if (pg != null) {
                    pg.close();
                }
                GatewayProcess.deleteTree(work);
            }
        }
    }

    private static void run(String backend, JdbcStorage storage) {
        ReportCatalogue catalogue = new ReportCatalogue(storage, Clock.fixed(END, ZoneOffset.UTC), 731);
        String from = LocalDate.ofInstant(END, ZoneOffset.UTC).minusDays(365).toString();
        String to = LocalDate.ofInstant(END, ZoneOffset.UTC).minusDays(1).toString();
        List<ReportRequest> requests = List.of(
                new ReportRequest("circulation", from, to, null, "day", null),
                new ReportRequest("circulation", from, to, "channel", "week", null),
                new ReportRequest("circulation", from, to, "category", "month", null),
                new ReportRequest("circulation", from, to, "item-type", "month", null),
                new ReportRequest("circulation", from, to, "library", "day", null),
                new ReportRequest("top-titles", from, to, null, null, null),
                new ReportRequest("kiosks", from, to, null, null, null),
                new ReportRequest("holds", from, to, "library", null, null),
                new ReportRequest("ill", from, to, null, null, null),
                new ReportRequest("never-borrowed", from, to, null, null, null),
                new ReportRequest("items-by-status", null, null, null, null, null),
                new ReportRequest("overdue", null, null, null, null, null));
        for (ReportRequest r : requests) {
            List<Double> ms = new ArrayList<>();
            int rows = 0;
            for (int i = 0; i < 3; i++) {
                long t0 = System.nanoTime();
                Report report = catalogue.run(r);
                ms.add((System.nanoTime() - t0) / 1e6);
                rows = report.rows().size();
            }
            System.out.printf(Locale.ROOT, "%s %s by=%s period=%s: median %.0f ms (runs %s), %d rows%n", backend, r.name(),
                    r.by() == null ? "-" : r.by(), r.period() == null ? "-" : r.period(), Sip2GatewayBench.median(ms),
                    ms.stream().map(x -> String.format(Locale.ROOT, "%.0f", x)).toList(), rows);
        }
    }

    static void seed(JdbcStorage storage, JdbcSettings jdbc, int loans, int patrons, int items) throws Exception {
        Random random = new Random(20261207L);
        int bibs = Math.max(1, items / 4);
        storage.write(tx -> {
            tx.libraries().save(Library.of("MAIN", "Main"));
            tx.libraries().save(new Library("EAST", "East", "MAIN", ZoneOffset.UTC, null, null));
            return null;
        }).join();
        for (int from = 0; from < patrons; from += 5_000) {
            int start = from;
            int end = Math.min(patrons, from + 5_000);
            storage.write(tx -> {
                for (int p = start; p < end; p++) {
                    tx.patrons().insert(new Patron(0, "RP" + p, null, "Reader " + p, p % 5 == 0 ? "CHILD" : "ADULT", null, null, null,
                            LocalDate.of(2030, 1, 1), p % 3 == 0 ? "EAST" : "MAIN", false));
                }
                return null;
            }).join();
        }
        for (int from = 0; from < bibs; from += 5_000) {
            int start = from;
            int end = Math.min(bibs, from + 5_000);
            storage.write(tx -> {
                for (int b = start; b < end; b++) {
                    tx.bibs().insert(new BibRecord(0, "rb" + b, "Title " + b, "Author " + (b % 997), null, null, null, null));
                }
                return null;
            }).join();
        }
        long firstBib = storage.read(tx -> tx.bibs().byControlNumber("rb0").orElseThrow().id()).join();
        for (int from = 0; from < items; from += 5_000) {
            int start = from;
            int end = Math.min(items, from + 5_000);
            storage.write(tx -> {
                for (int i = start; i < end; i++) {
                    tx.items().insert(new Item(0, "RI" + i, firstBib + (i % bibs), i % 10 == 0 ? "DVD" : "BOOK", i % 3 == 0 ? "EAST" : "MAIN",
                            i % 3 == 0 ? "EAST" : "MAIN", "Stacks", "QA " + i, BigDecimal.TEN, ItemStatus.AVAILABLE, null, null));
                }
                return null;
            }).join();
        }
        long firstPatron = storage.read(tx -> tx.patrons().byBarcode("RP0").orElseThrow().id()).join();
        long firstItem = storage.read(tx -> tx.items().byBarcode("RI0").orElseThrow().id()).join();
        Instant start = END.minus(Duration.ofDays(DAYS));
        try (Connection c = DriverManager.getConnection(jdbc.url(), jdbc.user(), jdbc.password())) {
            c.setAutoCommit(false);
            try (PreparedStatement loan = c.prepareStatement("INSERT INTO loan (item_id, open_item_id, patron_id, library, issued_at, due_at,"
                    + " returned_at, renewals, channel, terminal) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement event = c.prepareStatement("INSERT INTO event_log (at, event_type, actor, channel, terminal, library,"
                         + " patron_id, item_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int batch = 0;
                for (int n = 0; n < loans + 10_000; n++) {
                    boolean open = n >= loans; // the last 10,000: open and overdue, one per item
                    long patron = firstPatron + random.nextInt(patrons);
                    long item = open ? firstItem + (n - loans) : firstItem + 10_000 + random.nextInt(items - 10_000);
                    Instant issued = start.plusSeconds((long) (random.nextDouble() * (DAYS - (open ? 60 : 31)) * 86_400L));
                    String channel = pick(random);
                    String terminal = channel.equals("SIP2") ? "kiosk" + random.nextInt(8) : channel.equals("API") ? "staff-api" : "PARTNER";
                    String library = item % 3 == 0 ? "EAST" : "MAIN";
                    boolean renewed = !open && random.nextInt(5) == 0;
                    Instant returned = open ? null : issued.plusSeconds(86_400L + random.nextInt(29 * 86_400));
                    loan.setLong(1, item);
                    if (open) {
                        loan.setLong(2, item);
                    } else {
                        loan.setNull(2, java.sql.Types.BIGINT);
                    }
                    loan.setLong(3, patron);
                    loan.setString(4, library);
                    loan.setTimestamp(5, Timestamp.from(issued));
                    loan.setTimestamp(6, Timestamp.from(issued.plus(Duration.ofDays(21))));
                    loan.setTimestamp(7, returned == null ? null : Timestamp.from(returned));
                    loan.setInt(8, renewed ? 1 : 0);
                    loan.setString(9, channel);
                    loan.setString(10, terminal);
                    loan.addBatch();
                    event(event, issued, "CHECKOUT", channel, terminal, library, patron, item);
                    if (renewed) {
                        event(event, issued.plus(Duration.ofDays(20)), "RENEW", channel, terminal, library, patron, item);
                    }
                    if (returned != null) {
                        event(event, returned, "CHECKIN", channel, terminal, library, patron, item);
                    }
                    if (++batch == 5_000) {
                        loan.executeBatch();
                        event.executeBatch();
                        c.commit();
                        batch = 0;
                    }
                }
                loan.executeBatch();
                event.executeBatch();
                c.commit();
            }
            try (PreparedStatement hold = c.prepareStatement("INSERT INTO hold (patron_id, bib_id, item_id, pickup_library, placed_at,"
                    + " expires_on, status, trapped_item_id, shelf_expires_on, ill_request_id) VALUES (?, ?, NULL, ?, ?, NULL, ?, NULL, ?, NULL)",
                    new String[] {"id"});
                 PreparedStatement event = c.prepareStatement("INSERT INTO event_log (at, event_type, actor, channel, terminal, library,"
                         + " patron_id, item_id, detail) VALUES (?, 'HOLD_TRAPPED', 'system', 'SYSTEM', NULL, ?, ?, ?, ?)")) {
                String[] statuses = {"FILLED", "FILLED", "FILLED", "CANCELLED", "EXPIRED", "WAITING"};
                for (int n = 0; n < 50_000; n++) {
                    long patron = firstPatron + random.nextInt(patrons);
                    Instant placed = start.plusSeconds((long) (random.nextDouble() * (DAYS - 30) * 86_400L));
                    String status = statuses[random.nextInt(statuses.length)];
                    String pickup = random.nextBoolean() ? "MAIN" : "EAST";
                    Instant trapped = placed.plusSeconds(3_600L + random.nextInt(14 * 86_400));
                    hold.setLong(1, patron);
                    hold.setLong(2, firstBib + random.nextInt(bibs));
                    hold.setString(3, pickup);
                    hold.setTimestamp(4, Timestamp.from(placed));
                    hold.setString(5, status);
                    hold.setObject(6, status.equals("EXPIRED") ? LocalDate.ofInstant(trapped, ZoneOffset.UTC).plusDays(7) : null);
                    hold.executeUpdate();
                    long id;
                    try (var keys = hold.getGeneratedKeys()) {
                        keys.next();
                        id = keys.getLong(1);
                    }
                    if (!status.equals("WAITING") && !status.equals("CANCELLED")) {
                        event.setTimestamp(1, Timestamp.from(trapped));
                        event.setString(2, pickup);
                        event.setLong(3, patron);
                        event.setLong(4, firstItem + random.nextInt(items));
                        event.setString(5, "hold=" + id + " pickup=" + pickup);
                        event.addBatch();
                    }
                    if (n % 5_000 == 4_999) {
                        event.executeBatch();
                        c.commit();
                    }
                }
                event.executeBatch();
                c.commit();
            }
            try (PreparedStatement ill = c.prepareStatement("INSERT INTO ill_request (role, state, partner_agency, external_id, title,"
                    + " created_at, updated_at) VALUES (?, ?, ?, ?, 'Title', ?, ?)")) {
                String[] states = {"COMPLETE", "COMPLETE", "COMPLETE", "UNFILLED", "REQUESTED"};
                for (int n = 0; n < 5_000; n++) {
                    Instant created = start.plusSeconds((long) (random.nextDouble() * (DAYS - 30) * 86_400L));
                    ill.setString(1, n % 2 == 0 ? "LENDING" : "BORROWING");
                    ill.setString(2, states[random.nextInt(states.length)]);
                    ill.setString(3, "PARTNER" + (n % 6));
                    ill.setString(4, "R" + n);
                    ill.setTimestamp(5, Timestamp.from(created));
                    ill.setTimestamp(6, Timestamp.from(created.plusSeconds(random.nextInt(20 * 86_400))));
                    ill.addBatch();
                }
                ill.executeBatch();
                c.commit();
            }
        }
    }

    private static String pick(Random random) {
        int r = random.nextInt(100);
        return r < 70 ? CHANNELS[0] : r < 95 ? CHANNELS[1] : CHANNELS[2];
    }

    private static void event(PreparedStatement ps, Instant at, String type, String channel, String terminal, String library,
                              long patron, long item) throws Exception {
        ps.setTimestamp(1, Timestamp.from(at));
        ps.setString(2, type);
        ps.setString(3, terminal);
        ps.setString(4, channel);
        ps.setString(5, terminal);
        ps.setString(6, library);
        ps.setLong(7, patron);
        ps.setLong(8, item);
        ps.setString(9, null);
        ps.addBatch();
    }
}
