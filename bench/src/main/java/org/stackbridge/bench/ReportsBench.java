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
import org.stackbridge.adapter.jdbc.JdbcCirculationSummary;
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
 * by NCIP, plus 10,000 open overdue loans, 50,000 holds with their traps and 5,000 ILL requests. Patrons, records, items,
 * loans, events and holds go in by JDBC batches (the engine would take hours to make
 * a two-year history, and the reports read only what is stored), the daily circulation summary then filled from the
 * events by the product's own {@link JdbcCirculationSummary#rebuild} (what the V23 migration runs). Each report runs in-process through the same
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
    /** Rows per seeding transaction. */
    private static final int SEED_COMMIT_ROWS = 100_000;

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
        // A/B in the same run: the circulation and kiosk queries as they were before the daily summary (the event log),
        // the same buckets; the store's query alone (the catalogue's few milliseconds of shaping left out)
        LocalDate first = LocalDate.parse(from);
        LocalDate last = LocalDate.parse(to);
        for (String[] q : new String[][] {{"day", "NONE"}, {"week", "CHANNEL"}, {"month", "CATEGORY"}, {"month", "ITEM_TYPE"},
                {"day", "LIBRARY"}, {"day", "KIOSKS"}}) {
            List<org.stackbridge.core.model.Bucket> buckets = org.stackbridge.core.report.Period.parse(q[0]).orElseThrow()
                    .buckets(first, last, ZoneOffset.UTC);
            for (boolean summary : new boolean[] {false, true}) {
                List<Double> ms = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    long t0 = System.nanoTime();
                    storage.read(tx -> q[1].equals("KIOSKS")
                            ? summary ? tx.reports().kiosks(buckets, null, ZoneOffset.UTC) : tx.reports().kiosks(buckets, null)
                            : summary ? tx.reports().circulation(buckets, org.stackbridge.core.model.Dimension.valueOf(q[1]), null, ZoneOffset.UTC)
                            : tx.reports().circulation(buckets, org.stackbridge.core.model.Dimension.valueOf(q[1]), null)).join();
                    ms.add((System.nanoTime() - t0) / 1e6);
                }
                System.out.printf(Locale.ROOT, "%s A/B %s %s from %s: runs %s ms%n", backend, q[1].toLowerCase(Locale.ROOT), q[0],
                        summary ? "the daily summary" : "the event log (before)", ms.stream().map(x -> String.format(Locale.ROOT, "%.0f", x)).toList());
            }
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
        long phase = System.nanoTime();
        // patrons, records and items by JDBC batches, with the columns the store's ports write (one statement each
        // through the store took most of the first full-size PostgreSQL seeding's 1,925 s)
        try (Connection c = DriverManager.getConnection(jdbc.url(), jdbc.user(), jdbc.password())) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO patron (barcode, pin_hash, name, category, email, phone, address,"
                    + " expires, home_library, card_lost, birth_date, notice_preference, language, name_key, email_key, phone_key)"
                    + " VALUES (?, NULL, ?, ?, NULL, NULL, NULL, ?, ?, FALSE, NULL, ?, NULL, ?, NULL, NULL)")) {
                for (int p = 0; p < patrons; p++) {
                    Patron patron = new Patron(0, "RP" + p, null, "Reader " + p, p % 5 == 0 ? "CHILD" : "ADULT", null, null, null,
                            LocalDate.of(2030, 1, 1), p % 3 == 0 ? "EAST" : "MAIN", false);
                    ps.setString(1, patron.barcode());
                    ps.setString(2, patron.name());
                    ps.setString(3, patron.category());
                    ps.setObject(4, patron.expires());
                    ps.setString(5, patron.homeLibrary());
                    ps.setString(6, patron.noticePreference().name());
                    ps.setString(7, org.stackbridge.core.model.PatronSearch.fold(patron.name()));
                    ps.addBatch();
                    if (p % 1_000 == 999) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO bib (control_number, title, author, isbn, publisher, pub_year, marc)"
                    + " VALUES (?, ?, ?, NULL, NULL, NULL, ?)")) {
                for (int b = 0; b < bibs; b++) {
                    ps.setString(1, "rb" + b);
                    ps.setString(2, "Title " + b);
                    ps.setString(3, "Author " + (b % 997));
                    ps.setBytes(4, new byte[0]); // what the store writes for a record without MARC
                    ps.addBatch();
                    if (b % 1_000 == 999) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            c.commit();
            long firstBib = storage.read(tx -> tx.bibs().byControlNumber("rb0").orElseThrow().id()).join();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO item (barcode, bib_id, item_type, home_library, current_library,"
                    + " location, call_number, price, status, in_transit_to, ill_request_id) VALUES (?, ?, ?, ?, ?, 'Stacks', ?, ?, ?, NULL, NULL)")) {
                for (int i = 0; i < items; i++) {
                    ps.setString(1, "RI" + i);
                    ps.setLong(2, firstBib + (i % bibs));
                    ps.setString(3, i % 10 == 0 ? "DVD" : "BOOK");
                    ps.setString(4, i % 3 == 0 ? "EAST" : "MAIN");
                    ps.setString(5, i % 3 == 0 ? "EAST" : "MAIN");
                    ps.setString(6, "QA " + i);
                    ps.setBigDecimal(7, BigDecimal.TEN);
                    ps.setString(8, ItemStatus.AVAILABLE.name());
                    ps.addBatch();
                    if (i % 1_000 == 999) {
                        ps.executeBatch();
                    }
                    if (i % SEED_COMMIT_ROWS == SEED_COMMIT_ROWS - 1) {
                        c.commit();
                    }
                }
                ps.executeBatch();
            }
            c.commit();
        }
        phase = phase("patrons, records and items", phase);
        progress(jdbc, "patrons, bibs and items", patrons + bibs + items);
        long firstBib = storage.read(tx -> tx.bibs().byControlNumber("rb0").orElseThrow().id()).join();
        long firstPatron = storage.read(tx -> tx.patrons().byBarcode("RP0").orElseThrow().id()).join();
        long firstItem = storage.read(tx -> tx.items().byBarcode("RI0").orElseThrow().id()).join();
        Instant start = END.minus(Duration.ofDays(DAYS));
        long startSecond = start.getEpochSecond();
        // the history as the gateway writes it: loans in the order they were issued and events in the order they
        // happened (ids and times rise together), so each table and its time index grow at the end
        int total = loans + 10_000;
        long[] issued = new long[total];
        long[] returned = new long[total];
        int[] patronOf = new int[total];
        int[] itemOf = new int[total];
        byte[] channelOf = new byte[total];
        byte[] kioskOf = new byte[total];
        boolean[] renewedOf = new boolean[total];
        for (int n = 0; n < total; n++) {
            boolean open = n >= loans; // the last 10,000: open and overdue, one per item
            patronOf[n] = random.nextInt(patrons);
            itemOf[n] = open ? n - loans : 10_000 + random.nextInt(items - 10_000);
            issued[n] = startSecond + (long) (random.nextDouble() * (DAYS - (open ? 60 : 31)) * 86_400L);
            String channel = pick(random);
            channelOf[n] = (byte) List.of(CHANNELS).indexOf(channel);
            kioskOf[n] = (byte) random.nextInt(8);
            renewedOf[n] = !open && random.nextInt(5) == 0;
            returned[n] = open ? -1 : issued[n] + 86_400L + random.nextInt(29 * 86_400);
        }
        // events sorted by time: (seconds since start) << 22 | loan << 2 | kind (0 checkout, 1 renewal, 2 checkin)
        long[] events = new long[total * 3];
        int eventCount = 0;
        for (int n = 0; n < total; n++) {
            events[eventCount++] = ((issued[n] - startSecond) << 22) | ((long) n << 2);
            if (renewedOf[n]) {
                events[eventCount++] = ((issued[n] + 20 * 86_400L - startSecond) << 22) | ((long) n << 2) | 1;
            }
            if (returned[n] >= 0) {
                events[eventCount++] = ((returned[n] - startSecond) << 22) | ((long) n << 2) | 2;
            }
        }
        events = java.util.Arrays.copyOf(events, eventCount);
        java.util.Arrays.sort(events);
        Integer[] byIssue = new Integer[total];
        for (int n = 0; n < total; n++) {
            byIssue[n] = n;
        }
        java.util.Arrays.sort(byIssue, java.util.Comparator.comparingLong(n -> issued[n]));
        try (Connection c = DriverManager.getConnection(jdbc.url(), jdbc.user(), jdbc.password())) {
            c.setAutoCommit(false);
            // the usual bulk load: the secondary indexes of the two big tables go first and are built once at the
            // end. Filling them row by row in random key order (patron, item, return time) made H2 rewrite the same
            // B-tree pages at every flush, which is how the first full-size attempt grew its file to 14 GB
            List<String> rebuild = dropSecondaryIndexes(c, jdbc, "loan", "event_log", "hold");
            try (PreparedStatement loan = c.prepareStatement("INSERT INTO loan (item_id, open_item_id, patron_id, library, issued_at, due_at,"
                    + " returned_at, renewals, channel, terminal) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int batch = 0;
                for (int n : byIssue) {
                    long item = firstItem + itemOf[n];
                    String channel = CHANNELS[channelOf[n]];
                    loan.setLong(1, item);
                    if (returned[n] < 0) {
                        loan.setLong(2, item);
                    } else {
                        loan.setNull(2, java.sql.Types.BIGINT);
                    }
                    loan.setLong(3, firstPatron + patronOf[n]);
                    loan.setString(4, item % 3 == 0 ? "EAST" : "MAIN");
                    loan.setTimestamp(5, Timestamp.from(Instant.ofEpochSecond(issued[n])));
                    loan.setTimestamp(6, Timestamp.from(Instant.ofEpochSecond(issued[n]).plus(Duration.ofDays(21))));
                    loan.setTimestamp(7, returned[n] < 0 ? null : Timestamp.from(Instant.ofEpochSecond(returned[n])));
                    loan.setInt(8, renewedOf[n] ? 1 : 0);
                    loan.setString(9, channel);
                    loan.setString(10, terminal(channel, kioskOf[n]));
                    loan.addBatch();
                    if (++batch % 1_000 == 0) {
                        loan.executeBatch();
                    }
                    if (batch % SEED_COMMIT_ROWS == 0) {
                        c.commit();
                        progress(jdbc, "loans", batch);
                    }
                }
                loan.executeBatch();
                c.commit();
            }
            phase = phase("loans", phase);
            try (PreparedStatement event = c.prepareStatement("INSERT INTO event_log (at, event_type, actor, channel, terminal, library,"
                    + " patron_id, item_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                String[] types = {"CHECKOUT", "RENEW", "CHECKIN"};
                for (int k = 0; k < eventCount; k++) {
                    long e = events[k];
                    int n = (int) ((e >>> 2) & 0xFFFFF);
                    long item = firstItem + itemOf[n];
                    String channel = CHANNELS[channelOf[n]];
                    event(event, Instant.ofEpochSecond(startSecond + (e >>> 22)), types[(int) (e & 3)], channel, terminal(channel, kioskOf[n]),
                            item % 3 == 0 ? "EAST" : "MAIN", firstPatron + patronOf[n], item);
                    if ((k + 1) % 1_000 == 0) {
                        event.executeBatch();
                    }
                    if ((k + 1) % SEED_COMMIT_ROWS == 0) {
                        c.commit();
                        progress(jdbc, "events", k + 1);
                    }
                }
                event.executeBatch();
                c.commit();
            }
            phase = phase("circulation events", phase);
            // holds in batches; their ids (in insertion order, the table being empty) then name them in the traps
            String[] statuses = {"FILLED", "FILLED", "FILLED", "CANCELLED", "EXPIRED", "WAITING"};
            long[] holdPatron = new long[50_000];
            String[] holdStatus = new String[50_000];
            String[] holdPickup = new String[50_000];
            Instant[] holdTrapped = new Instant[50_000];
            try (PreparedStatement hold = c.prepareStatement("INSERT INTO hold (patron_id, bib_id, item_id, pickup_library, placed_at,"
                    + " expires_on, status, trapped_item_id, shelf_expires_on, ill_request_id) VALUES (?, ?, NULL, ?, ?, NULL, ?, NULL, ?, NULL)")) {
                for (int n = 0; n < 50_000; n++) {
                    holdPatron[n] = firstPatron + random.nextInt(patrons);
                    Instant placed = start.plusSeconds((long) (random.nextDouble() * (DAYS - 30) * 86_400L));
                    holdStatus[n] = statuses[random.nextInt(statuses.length)];
                    holdPickup[n] = random.nextBoolean() ? "MAIN" : "EAST";
                    holdTrapped[n] = placed.plusSeconds(3_600L + random.nextInt(14 * 86_400));
                    hold.setLong(1, holdPatron[n]);
                    hold.setLong(2, firstBib + random.nextInt(bibs));
                    hold.setString(3, holdPickup[n]);
                    hold.setTimestamp(4, Timestamp.from(placed));
                    hold.setString(5, holdStatus[n]);
                    hold.setObject(6, holdStatus[n].equals("EXPIRED") ? LocalDate.ofInstant(holdTrapped[n], ZoneOffset.UTC).plusDays(7) : null);
                    hold.addBatch();
                    if (n % 1_000 == 999) {
                        hold.executeBatch();
                    }
                }
                hold.executeBatch();
                c.commit();
            }
            List<Long> holdIds = new ArrayList<>();
            try (var rs = c.createStatement().executeQuery("SELECT id FROM hold ORDER BY id")) {
                while (rs.next()) {
                    holdIds.add(rs.getLong(1));
                }
            }
            if (holdIds.size() != 50_000) {
                throw new IllegalStateException("expected the bench's 50,000 holds alone, found " + holdIds.size());
            }
            try (PreparedStatement event = c.prepareStatement("INSERT INTO event_log (at, event_type, actor, channel, terminal, library,"
                    + " patron_id, item_id, detail) VALUES (?, 'HOLD_TRAPPED', 'system', 'SYSTEM', NULL, ?, ?, ?, ?)")) {
                for (int n = 0; n < 50_000; n++) {
                    if (!holdStatus[n].equals("WAITING") && !holdStatus[n].equals("CANCELLED")) {
                        event.setTimestamp(1, Timestamp.from(holdTrapped[n]));
                        event.setString(2, holdPickup[n]);
                        event.setLong(3, holdPatron[n]);
                        event.setLong(4, firstItem + random.nextInt(items));
                        event.setString(5, "hold=" + holdIds.get(n) + " pickup=" + holdPickup[n]);
                        event.addBatch();
                    }
                    if (n % 1_000 == 999) {
                        event.executeBatch();
                    }
                }
                event.executeBatch();
                c.commit();
            }
            progress(jdbc, "holds", 50_000);
            phase = phase("holds and their traps", phase);
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
            long indexing = System.nanoTime();
            try (java.sql.Statement st = c.createStatement()) {
                for (String create : rebuild) {
                    st.execute(create);
                }
            }
            c.commit();
            System.out.printf(Locale.ROOT, "  %d indexes built in %.0f s%n", rebuild.size(), (System.nanoTime() - indexing) / 1e9);
            phase = System.nanoTime();
            // the daily circulation summary, filled as the product's V23 migration fills it from an existing log
            long counted = JdbcCirculationSummary.rebuild(c);
            c.commit();
            phase = phase(String.format(Locale.ROOT, "circulation summary (%,d events)", counted), phase);
            progress(jdbc, "rows, indexed", loans + eventCount + 50_000);
            if (jdbc.isPostgres()) {
                // a bulk load leaves the planner without statistics until autovacuum comes round (the first
                // never-borrowed took 52 s before this); the product does the same after an import
                try (java.sql.Statement st = c.createStatement()) {
                    st.execute("ANALYZE");
                }
                phase("ANALYZE", phase);
            }
            System.out.printf(Locale.ROOT, "  database size %,d MB%n", databaseMegabytes(c, jdbc));
        }
    }

    /** Prints how long a seeding phase took; returns now, the next phase's start. */
    private static long phase(String what, long since) {
        long now = System.nanoTime();
        System.out.printf(Locale.ROOT, "  phase %s: %.1f s%n", what, (now - since) / 1e9);
        return now;
    }

    /** Drops the tables' plain (not constraint) indexes and returns the statements that make them again. */
    static List<String> dropSecondaryIndexes(Connection c, JdbcSettings jdbc, String... tables) throws Exception {
        List<String> create = new ArrayList<>();
        for (String table : tables) {
            if (jdbc.isPostgres()) {
                try (PreparedStatement q = c.prepareStatement("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ?"
                        + " AND indexname NOT IN (SELECT conname FROM pg_constraint)")) {
                    q.setString(1, table);
                    try (var rs = q.executeQuery()) {
                        while (rs.next()) {
                            create.add(rs.getString(2));
                        }
                    }
                }
            } else {
                try (PreparedStatement q = c.prepareStatement("SELECT i.index_name, LISTAGG(c.column_name, ', ') WITHIN GROUP (ORDER BY c.ordinal_position)"
                        + " FROM information_schema.indexes i JOIN information_schema.index_columns c ON c.index_name = i.index_name"
                        + " AND c.table_name = i.table_name AND c.table_schema = i.table_schema"
                        + " WHERE i.table_name = ? AND i.index_type_name = 'INDEX' AND NOT i.is_generated AND i.table_schema = CURRENT_SCHEMA GROUP BY i.index_name")) {
                    q.setString(1, table);
                    try (var rs = q.executeQuery()) {
                        while (rs.next()) {
                            create.add("CREATE INDEX " + rs.getString(1) + " ON " + table + " (" + rs.getString(2) + ")");
                        }
                    }
                }
            }
        }
        try (java.sql.Statement st = c.createStatement()) {
            for (String sql : create) {
                st.execute("DROP INDEX " + sql.replaceFirst("(?i)^CREATE (UNIQUE )?INDEX (\\S+) ON .*$", "$2"));
            }
        }
        c.commit();
        return create;
    }

    static long databaseMegabytes(Connection c, JdbcSettings jdbc) throws Exception {
        if (jdbc.isPostgres()) {
            try (var rs = c.createStatement().executeQuery("SELECT pg_database_size(current_database())")) {
                rs.next();
                return rs.getLong(1) >> 20;
            }
        }
        return Files.size(jdbc.h2DataFile()) >> 20;
    }

    private static String terminal(String channel, int kiosk) {
        return channel.equals("SIP2") ? "kiosk" + kiosk : channel.equals("API") ? "staff-api" : "PARTNER";
    }

    /** Prints how far the seeding is, with the H2 file's size (the 14 GB the first full-size attempt grew to). */
    private static void progress(JdbcSettings jdbc, String what, long rows) {
        Path file = jdbc.h2DataFile();
        long mb = 0;
        try {
            mb = file == null ? 0 : Files.size(file) >> 20;
        } catch (java.io.IOException e) {
            // not yet written
        }
        System.out.printf(Locale.ROOT, "  %,d %s%s%n", rows, what, file == null ? "" : String.format(Locale.ROOT, ", H2 file %,d MB", mb));
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
