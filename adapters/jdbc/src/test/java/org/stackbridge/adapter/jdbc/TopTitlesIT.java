package org.stackbridge.adapter.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The top-titles ranking, which H2 counts in the adapter and PostgreSQL in SQL: checkouts in the period summed per
 * record over its items, ties broken by control number, cut at the limit, filtered by library, other events and
 * other periods ignored. The same hand-counted answer on both databases.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TopTitlesIT {

    private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void h2() throws Exception {
        rankAndCompare(JdbcSettings.embedded(dir));
    }

    @Test
    void postgresql() throws Exception {
        rankAndCompare(TestPostgres.emptyDatabase());
    }

    private static void rankAndCompare(JdbcSettings settings) throws Exception {
        try (JdbcStorage storage = JdbcStorage.open(settings)) {
            try (Connection c = DriverManager.getConnection(settings.url(), settings.user(), settings.password());
                 Statement st = c.createStatement()) {
                st.execute("INSERT INTO library (code, name, institution, zone) VALUES ('MAIN', 'Main', 'MAIN', 'UTC')");
                st.execute("INSERT INTO library (code, name, institution, zone) VALUES ('EAST', 'East', 'MAIN', 'UTC')");
                // b06 first, so the ranking cannot come out in insertion order by accident
                for (String b : new String[] {"b06", "b04", "b01", "b05", "b03", "b02"}) {
                    try (PreparedStatement bib = c.prepareStatement("INSERT INTO bib (control_number, title, author, marc) VALUES (?, ?, 'An author', ?)")) {
                        bib.setString(1, b);
                        bib.setString(2, "Title " + b);
                        bib.setBytes(3, new byte[0]);
                        bib.executeUpdate();
                    }
                    // two copies of each record: its checkouts are summed over both
                    for (int copy = 1; copy <= 2; copy++) {
                        st.execute("INSERT INTO item (barcode, bib_id, item_type, home_library, current_library, price, status)"
                                + " SELECT '" + b + "-" + copy + "', id, 'BOOK', 'MAIN', 'MAIN', 1.00, 'AVAILABLE' FROM bib WHERE control_number = '" + b + "'");
                    }
                }
                // b01: 5 checkouts over both copies; b02, b03, b04: 3 each (a three-way tie); b05: 1; b06: only before the period
                checkouts(c, "b01-1", "MAIN", FROM.plusSeconds(60), 3);
                checkouts(c, "b01-2", "MAIN", FROM.plusSeconds(3_600), 2);
                checkouts(c, "b02-1", "MAIN", FROM.plusSeconds(86_400), 3);
                checkouts(c, "b03-2", "MAIN", TO.minusSeconds(1), 3);
                checkouts(c, "b04-1", "EAST", FROM.plusSeconds(7_200), 2);
                checkouts(c, "b04-2", "EAST", FROM.plusSeconds(9_000), 1);
                checkouts(c, "b05-1", "EAST", FROM.plusSeconds(10_000), 1);
                checkouts(c, "b06-1", "MAIN", FROM.minusSeconds(1), 9);
                checkouts(c, "b05-2", "MAIN", TO, 9);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO event_log (at, event_type, actor, channel, library, item_id)"
                        + " SELECT ?, 'CHECKIN', 'x', 'API', 'MAIN', id FROM item WHERE barcode = 'b05-1'")) {
                    for (int k = 0; k < 9; k++) {
                        ps.setTimestamp(1, Timestamp.from(FROM.plusSeconds(20_000 + k)));
                        ps.executeUpdate();
                    }
                }
            }
            assertEquals(List.of("b01 5", "b02 3", "b03 3"), top(storage, null, 3));
            assertEquals(List.of("b01 5", "b02 3", "b03 3", "b04 3"), top(storage, null, 4));
            assertEquals(List.of("b01 5", "b02 3", "b03 3", "b04 3", "b05 1"), top(storage, null, 50));
            assertEquals(List.of("b04 3", "b05 1"), top(storage, "EAST", 50));
            assertEquals(List.of("b04 3"), top(storage, "EAST", 1));
            assertEquals(List.of(), top(storage, "NORTH", 50));
        }
    }

    private static List<String> top(JdbcStorage storage, String library, int limit) throws Exception {
        return storage.read(tx -> tx.reports().topTitles(FROM, TO, library, limit)).get(30, TimeUnit.SECONDS).stream()
                .map(r -> r.controlNumber() + " " + r.checkouts()).toList();
    }

    private static void checkouts(Connection c, String barcode, String library, Instant at, int count) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO event_log (at, event_type, actor, channel, library, item_id)"
                + " SELECT ?, 'CHECKOUT', 'x', 'SIP2', ?, id FROM item WHERE barcode = ?")) {
            for (int k = 0; k < count; k++) {
                ps.setTimestamp(1, Timestamp.from(at));
                ps.setString(2, library);
                ps.setString(3, barcode);
                assertEquals(1, ps.executeUpdate());
            }
        }
    }
}
