package org.stackbridge.adapter.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.core.model.Bucket;
import org.stackbridge.core.model.Dimension;
import org.stackbridge.core.report.Period;

/**
 * An upgraded database's reports are unchanged by the daily circulation summary: a history of 600 circulation events
 * (two libraries in America/New_York across the end of daylight-saving time, kiosks, desk and NCIP, patrons of two
 * categories, some events anonymised with their patron's pseudonym) is written into the V22 schema, the storage is
 * opened (the V23 migration fills the summary from the event log), and every circulation report by day, week and month,
 * every breakdown, over all libraries and each one, and the kiosk report, give from the summary exactly what they give
 * from the event log. On H2 and PostgreSQL.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CirculationSummaryMigrationIT {

    private static final ZoneId ZONE = ZoneId.of("America/New_York");

    @TempDir
    Path dir;

    @Test
    void anH2DatabaseWithHistoryGetsASummaryThatChangesNoReport() throws Exception {
        upgradeAndCompare(JdbcSettings.embedded(dir));
    }

    @Test
    void aPostgresqlDatabaseWithHistoryGetsASummaryThatChangesNoReport() throws Exception {
        upgradeAndCompare(TestPostgres.emptyDatabase());
    }

    private void upgradeAndCompare(JdbcSettings settings) throws Exception {
        JdbcStorage.flyway(settings).target("22").load().migrate();
        int checkouts = fillHistory(settings);
        try (JdbcStorage storage = JdbcStorage.open(settings)) {
            try (Connection c = DriverManager.getConnection(settings.url(), settings.user(), settings.password());
                 Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT SUM(checkouts) FROM circ_day")) {
                assertTrue(rs.next());
                assertEquals(checkouts, rs.getLong(1), "the migration counted every checkout of the history");
            }
            int compared = 0;
            for (Period period : Period.values()) {
                List<Bucket> buckets = period.buckets(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 12, 15), ZONE);
                for (Dimension by : Dimension.values()) {
                    for (String library : new String[] {null, "MAIN", "EAST"}) {
                        List<String> events = storage.read(tx -> sorted(tx.reports().circulation(buckets, by, library)))
                                .get(30, TimeUnit.SECONDS);
                        List<String> summary = storage.read(tx -> sorted(tx.reports().circulation(buckets, by, library, ZONE)))
                                .get(30, TimeUnit.SECONDS);
                        assertFalse(events.isEmpty());
                        assertEquals(events, summary, period + " by " + by + " at " + library);
                        compared++;
                    }
                }
            }
            List<Bucket> days = Period.DAY.buckets(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 12, 15), ZONE);
            for (String library : new String[] {null, "MAIN"}) {
                List<String> events = storage.read(tx -> sorted(tx.reports().kiosks(days, library))).get(30, TimeUnit.SECONDS);
                assertFalse(events.isEmpty());
                assertEquals(events, storage.read(tx -> sorted(tx.reports().kiosks(days, library, ZONE))).get(30, TimeUnit.SECONDS));
            }
            assertEquals(3 * Dimension.values().length * 3, compared);
            // and those figures did come from the summary: without its borrower rows the report has no borrowers
            try (Connection c = DriverManager.getConnection(settings.url(), settings.user(), settings.password());
                 Statement st = c.createStatement()) {
                st.executeUpdate("DELETE FROM circ_day_borrower");
            }
            List<Bucket> months = Period.MONTH.buckets(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 12, 15), ZONE);
            assertTrue(storage.read(tx -> tx.reports().circulation(months, Dimension.NONE, null, ZONE)).get(30, TimeUnit.SECONDS)
                    .stream().allMatch(r -> r.borrowers() == 0 && r.checkouts() > 0));
            assertTrue(storage.read(tx -> tx.reports().circulation(months, Dimension.NONE, null)).get(30, TimeUnit.SECONDS)
                    .stream().allMatch(r -> r.borrowers() > 0));
        }
    }

    private static List<String> sorted(List<?> rows) {
        return rows.stream().map(Object::toString).sorted().toList();
    }

    /** The history as the V22 schema holds it; returns the number of checkouts. */
    private static int fillHistory(JdbcSettings settings) throws Exception {
        Random random = new Random(23);
        int checkouts = 0;
        try (Connection c = DriverManager.getConnection(settings.url(), settings.user(), settings.password());
             Statement st = c.createStatement()) {
            st.execute("INSERT INTO library (code, name, institution, zone) VALUES ('MAIN', 'Main', 'MAIN', 'America/New_York')");
            st.execute("INSERT INTO library (code, name, institution, zone) VALUES ('EAST', 'East', 'MAIN', 'America/New_York')");
            try (PreparedStatement bib = c.prepareStatement("INSERT INTO bib (control_number, title, author, marc) VALUES ('b1', 'A title', 'An author', ?)")) {
                bib.setBytes(1, new byte[0]);
                bib.executeUpdate();
            }
            for (int p = 0; p < 6; p++) {
                st.execute("INSERT INTO patron (barcode, name, category, expires, home_library, card_lost) VALUES ('P" + p + "', 'Reader "
                        + p + "', '" + (p % 3 == 0 ? "CHILD" : "ADULT") + "', DATE '2030-01-01', 'MAIN', FALSE)");
            }
            for (int i = 0; i < 5; i++) {
                st.execute("INSERT INTO item (barcode, bib_id, item_type, home_library, current_library, price, status)"
                        + " SELECT 'I" + i + "', id, '" + (i % 2 == 0 ? "BOOK" : "DVD") + "', 'MAIN', 'MAIN', 1.00, 'AVAILABLE' FROM bib");
            }
            List<Long> patrons = ids(st, "SELECT id FROM patron ORDER BY barcode");
            List<Long> items = ids(st, "SELECT id FROM item ORDER BY barcode");
            // P0 and P1 were anonymised in part: they have a pseudonym, some of their events carry it instead of them
            st.execute("INSERT INTO borrower_pseudonym (patron_id, borrower) VALUES (" + patrons.get(0) + ", 'anon-p0')");
            st.execute("INSERT INTO borrower_pseudonym (patron_id, borrower) VALUES (" + patrons.get(1) + ", 'anon-p1')");
            List<Long> times = new ArrayList<>();
            long start = Instant.parse("2026-10-01T04:00:00Z").getEpochSecond();
            for (int k = 0; k < 600; k++) {
                times.add(start + (long) random.nextInt(76 * 86_400));
            }
            times.sort(null);
            String[] types = {"CHECKOUT", "CHECKOUT", "RENEW", "CHECKIN", "CHECKOUT_OVERRIDE", "HOLD_TRAPPED"};
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO event_log (at, event_type, actor, channel, terminal, library,"
                    + " patron_id, item_id, detail, patron_category, borrower) VALUES (?, ?, 'x', ?, ?, ?, ?, ?, NULL, ?, ?)")) {
                for (long t : times) {
                    String type = types[random.nextInt(types.length)];
                    int channel = random.nextInt(3);
                    int patron = random.nextInt(6);
                    boolean anonymised = patron < 2 && random.nextBoolean();
                    ps.setTimestamp(1, Timestamp.from(Instant.ofEpochSecond(t)));
                    ps.setString(2, type);
                    ps.setString(3, new String[] {"SIP2", "API", "NCIP"}[channel]);
                    ps.setString(4, channel == 0 ? "kiosk" + random.nextInt(3) : channel == 1 ? "staff-api" : "PARTNER");
                    ps.setString(5, random.nextInt(3) == 0 ? "EAST" : "MAIN");
                    if (anonymised) {
                        ps.setNull(6, java.sql.Types.BIGINT);
                    } else {
                        ps.setLong(6, patrons.get(patron));
                    }
                    ps.setLong(7, items.get(random.nextInt(5)));
                    ps.setString(8, anonymised ? (patron % 3 == 0 ? "CHILD" : "ADULT") : null);
                    ps.setString(9, anonymised ? "anon-p" + patron : null);
                    ps.executeUpdate();
                    checkouts += type.equals("CHECKOUT") ? 1 : 0;
                }
            }
        }
        return checkouts;
    }

    private static List<Long> ids(Statement st, String q) throws Exception {
        List<Long> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(q)) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }
}
