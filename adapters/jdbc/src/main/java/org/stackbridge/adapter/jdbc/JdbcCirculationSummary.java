package org.stackbridge.adapter.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.stackbridge.core.model.CirculationEvent;
import org.stackbridge.core.model.EventType;

/**
 * The daily circulation summary the circulation and kiosk reports read instead of the event log.
 *
 * <p>{@code circ_day} counts checkouts, renewals and checkins per local day (in the event's library's zone), library,
 * channel, patron category, item type and SIP2 terminal; {@code circ_day_borrower} holds each borrower once per day
 * and the same dimensions, so a period's distinct borrowers are a {@code COUNT(DISTINCT)} over far fewer rows than the
 * events. Both are written by the transaction that appends the event ({@link #record}), one statement each, so a
 * figure is exact the moment the command's answer is sent. A missing dimension is stored as {@code ''} (the keys are
 * primary keys, which cannot hold NULL).
 *
 * <p>A borrower is keyed by the patron's pseudonym ({@code borrower_pseudonym}) when the patron has one, else by
 * {@code p:<patron id>}; giving a patron a pseudonym rewrites their rows to it ({@link #pseudonymGiven}), so one
 * patron is always one key. {@code patron_id} only serves to unlink: loan-history anonymisation and the patron's
 * anonymisation set it to NULL ({@link #unlink}), which changes no figure.
 *
 * <p>Category and item type are those of the patron and item when the event was written (as Koha's statistics
 * table keeps them); {@link #rebuild} fills the summary from an existing event log with the categories and types of
 * today, which is what the reports showed before the summary existed.
 */
public final class JdbcCirculationSummary {

    /** The events the summary counts: what the circulation and kiosk reports count. */
    static final String COUNTED = "event_type IN ('CHECKOUT', 'RENEW', 'CHECKIN')";

    private static final String DIMENSIONS = "local_day, library, channel, category, item_type";

    private static final String COUNT_SOURCE = "SELECT CAST(? AS DATE) AS local_day, CAST(? AS VARCHAR(64)) AS library,"
            + " CAST(? AS VARCHAR(16)) AS channel,"
            + " COALESCE((SELECT category FROM patron WHERE id = CAST(? AS BIGINT)), '') AS category,"
            + " COALESCE((SELECT item_type FROM item WHERE id = CAST(? AS BIGINT)), '') AS item_type,"
            + " CAST(? AS VARCHAR(255)) AS terminal, CAST(? AS BIGINT) AS checkouts, CAST(? AS BIGINT) AS renewals,"
            + " CAST(? AS BIGINT) AS checkins, CAST(? AS SMALLINT) AS shard";
    /** The columns V23 created: what {@link #rebuild} fills (V23 runs it before V26 adds {@code shard}, which defaults to 0). */
    private static final String V23_COUNT_COLUMNS = DIMENSIONS + ", terminal, checkouts, renewals, checkins";
    private static final String COUNT_COLUMNS = V23_COUNT_COLUMNS + ", shard";

    private static final String H2_COUNT = "MERGE INTO circ_day t USING (" + COUNT_SOURCE + ") s"
            + " ON t.local_day = s.local_day AND t.library = s.library AND t.channel = s.channel AND t.category = s.category"
            + " AND t.item_type = s.item_type AND t.terminal = s.terminal AND t.shard = s.shard"
            + " WHEN MATCHED THEN UPDATE SET checkouts = t.checkouts + s.checkouts, renewals = t.renewals + s.renewals,"
            + " checkins = t.checkins + s.checkins"
            + " WHEN NOT MATCHED THEN INSERT (" + COUNT_COLUMNS + ") VALUES (s.local_day, s.library, s.channel, s.category,"
            + " s.item_type, s.terminal, s.checkouts, s.renewals, s.checkins, s.shard)";

    private static final String PG_COUNT = "INSERT INTO circ_day (" + COUNT_COLUMNS + ") " + COUNT_SOURCE
            + " ON CONFLICT (local_day, library, channel, category, item_type, terminal, shard) DO UPDATE SET"
            + " checkouts = circ_day.checkouts + EXCLUDED.checkouts, renewals = circ_day.renewals + EXCLUDED.renewals,"
            + " checkins = circ_day.checkins + EXCLUDED.checkins";

    private static final String BORROWER_SOURCE = "SELECT CAST(? AS DATE) AS local_day, CAST(? AS VARCHAR(64)) AS library,"
            + " CAST(? AS VARCHAR(16)) AS channel,"
            + " COALESCE((SELECT category FROM patron WHERE id = CAST(? AS BIGINT)), '') AS category,"
            + " COALESCE((SELECT item_type FROM item WHERE id = CAST(? AS BIGINT)), '') AS item_type,"
            + " COALESCE((SELECT borrower FROM borrower_pseudonym WHERE patron_id = CAST(? AS BIGINT)),"
            + " CAST(? AS VARCHAR(64))) AS borrower, CAST(? AS BIGINT) AS patron_id";
    private static final String BORROWER_COLUMNS = DIMENSIONS + ", borrower, patron_id";

    private static final String H2_BORROWER = "MERGE INTO circ_day_borrower t USING (" + BORROWER_SOURCE + ") s"
            + " ON t.local_day = s.local_day AND t.library = s.library AND t.channel = s.channel AND t.category = s.category"
            + " AND t.item_type = s.item_type AND t.borrower = s.borrower"
            + " WHEN NOT MATCHED THEN INSERT (" + BORROWER_COLUMNS + ") VALUES (s.local_day, s.library, s.channel, s.category,"
            + " s.item_type, s.borrower, s.patron_id)";

    private static final String PG_BORROWER = "INSERT INTO circ_day_borrower (" + BORROWER_COLUMNS + ") " + BORROWER_SOURCE
            + " ON CONFLICT (local_day, library, channel, category, item_type, borrower) DO NOTHING";

    /** The shard of a transaction that is not one of the storage's writers' (see the class comment). */
    static final int OUTSIDE_WRITERS = -1;

    private final Sql sql;
    private final Function<String, ZoneId> zoneOf;
    private final int shard;

    /**
     * {@code zoneOf}: the zone a library's days are cut in ({@link #zoneOf}'s rule for a null or unknown code);
     * {@code shard}: the writer's number, which no other writer uses.
     */
    JdbcCirculationSummary(Sql sql, Function<String, ZoneId> zoneOf, int shard) {
        this.sql = sql;
        this.zoneOf = zoneOf;
        this.shard = shard;
    }

    /** Counts a just-appended event (in its transaction): one statement, two for a checkout; none for other events. */
    void record(CirculationEvent e) {
        EventType type = e.type();
        if (type != EventType.CHECKOUT && type != EventType.RENEW && type != EventType.CHECKIN) {
            return;
        }
        LocalDate day = LocalDate.ofInstant(e.at(), zoneOf.apply(e.library()));
        String library = orNone(e.library());
        String channel = e.channel() == null ? "" : e.channel().name();
        String terminal = "SIP2".equals(channel) ? orNone(e.terminal()) : "";
        boolean postgres = sql.isPostgres();
        sql.update(postgres ? PG_COUNT : H2_COUNT, day, library, channel, e.patronId(), e.itemId(), terminal,
                type == EventType.CHECKOUT ? 1L : 0L, type == EventType.RENEW ? 1L : 0L, type == EventType.CHECKIN ? 1L : 0L, shard);
        if (type == EventType.CHECKOUT && e.patronId() != null) {
            sql.update(postgres ? PG_BORROWER : H2_BORROWER, day, library, channel, e.patronId(), e.itemId(), e.patronId(),
                    linkedKey(e.patronId()), e.patronId());
        }
    }

    /** The patron was given {@code pseudonym}: their rows (keyed by patron until now) take it, so they stay one key. */
    static void pseudonymGiven(Sql sql, long patronId, String pseudonym) {
        sql.update("UPDATE circ_day_borrower SET borrower = ? WHERE patron_id = ? AND borrower = ?",
                pseudonym, patronId, linkedKey(patronId));
    }

    /**
     * Drops the patron link of their rows up to {@code lastDay} (null: all): the figures are unchanged (the key is the
     * pseudonym, which the patron has by then), but nothing in the summary leads back to the patron any longer.
     */
    static void unlink(Sql sql, long patronId, LocalDate lastDay) {
        if (lastDay == null) {
            sql.update("UPDATE circ_day_borrower SET patron_id = NULL WHERE patron_id = ?", patronId);
        } else {
            sql.update("UPDATE circ_day_borrower SET patron_id = NULL WHERE patron_id = ? AND local_day <= ?", patronId, lastDay);
        }
    }

    static String linkedKey(long patronId) {
        return "p:" + patronId;
    }

    private static String orNone(String s) {
        return s == null ? "" : s;
    }

    /**
     * The zone an event's day is cut in: its library's; for an event without a (known) library, the zone every
     * library shares, else UTC (the zone a report over all libraries is cut in).
     */
    static ZoneId zoneOf(String library, Map<String, ZoneId> zones) {
        ZoneId z = library == null ? null : zones.get(library);
        if (z != null) {
            return z;
        }
        Set<ZoneId> all = new HashSet<>(zones.values());
        return all.size() == 1 ? all.iterator().next() : ZoneOffset.UTC;
    }

    /**
     * Empties the summary and fills it again from the event log, in the caller's transaction: what the V23 migration
     * runs on an upgraded database, and what a bulk load of events (the benchmark's) calls after it. Reads the events
     * in time order and writes each day's rows once that day can no longer change, in JDBC batches. Returns the
     * number of events counted.
     */
    public static long rebuild(Connection c) throws SQLException {
        Map<String, ZoneId> zones = new HashMap<>();
        try (Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM circ_day");
            st.executeUpdate("DELETE FROM circ_day_borrower");
            try (ResultSet rs = st.executeQuery("SELECT code, zone FROM library")) {
                while (rs.next()) {
                    zones.put(rs.getString(1), ZoneId.of(rs.getString(2)));
                }
            }
        }
        Map<CountKey, long[]> counts = new HashMap<>();
        Map<BorrowerKey, Long> borrowers = new HashMap<>();
        long n = 0;
        // as the reports read the event log before the summary: today's category (or the one an anonymised event
        // kept) and item type; the pseudonym an anonymised event carries, else the patron's, else the patron
        String q = "SELECT e.at, e.event_type, e.library, e.channel, e.terminal, e.patron_id,"
                + " COALESCE(p.category, e.patron_category) AS category, i.item_type, COALESCE(e.borrower, bp.borrower) AS borrower"
                + " FROM event_log e LEFT JOIN patron p ON p.id = e.patron_id LEFT JOIN item i ON i.id = e.item_id"
                + " LEFT JOIN borrower_pseudonym bp ON bp.patron_id = e.patron_id"
                + " WHERE e." + COUNTED + " ORDER BY e.at";
        try (PreparedStatement ps = c.prepareStatement(q)) {
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant at = rs.getObject(1, OffsetDateTime.class).toInstant();
                    String type = rs.getString(2);
                    String library = rs.getString(3);
                    String channel = orNone(rs.getString(4));
                    String terminal = "SIP2".equals(channel) ? orNone(rs.getString(5)) : "";
                    long patron = rs.getLong(6);
                    Long patronId = rs.wasNull() ? null : patron;
                    String category = orNone(rs.getString(7));
                    String itemType = orNone(rs.getString(8));
                    String pseudonym = rs.getString(9);
                    LocalDate day = LocalDate.ofInstant(at, zoneOf(library, zones));
                    CountKey key = new CountKey(day, orNone(library), channel, category, itemType, terminal);
                    long[] v = counts.computeIfAbsent(key, k -> new long[3]);
                    v["CHECKOUT".equals(type) ? 0 : "RENEW".equals(type) ? 1 : 2]++;
                    if ("CHECKOUT".equals(type) && (pseudonym != null || patronId != null)) {
                        BorrowerKey b = new BorrowerKey(day, key.library(), channel, category, itemType,
                                pseudonym != null ? pseudonym : linkedKey(patronId));
                        Long linked = borrowers.get(b);
                        if (linked == null || linked < 0 && patronId != null) {
                            borrowers.put(b, patronId == null ? -1L : patronId);
                        }
                    }
                    if (++n % 50_000 == 0) {
                        // rows come in time order: no later event falls on a day two days before this one's UTC date
                        flush(c, counts, borrowers, LocalDate.ofInstant(at, ZoneOffset.UTC).minusDays(2));
                    }
                }
            }
        }
        flush(c, counts, borrowers, null);
        return n;
    }

    /** {@link #rebuild(Connection)} as a unit of work of a JDBC storage's writer (no event is written meanwhile). */
    public static long rebuild(org.stackbridge.core.port.StoreTx tx) {
        if (!(tx instanceof JdbcStoreTx jdbc)) {
            throw new IllegalArgumentException("not a JDBC store: " + tx);
        }
        try {
            return rebuild(jdbc.sql().connection());
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "circulation summary rebuild");
        }
    }

    private static void flush(Connection c, Map<CountKey, long[]> counts, Map<BorrowerKey, Long> borrowers,
                              LocalDate before) throws SQLException {
        insertDays(c, "INSERT INTO circ_day (" + V23_COUNT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", counts, CountKey::day, before,
                (ps, k, v) -> {
                    bindDimensions(ps, k.day(), k.library(), k.channel(), k.category(), k.itemType());
                    ps.setString(6, k.terminal());
                    ps.setLong(7, v[0]);
                    ps.setLong(8, v[1]);
                    ps.setLong(9, v[2]);
                });
        insertDays(c, "INSERT INTO circ_day_borrower (" + BORROWER_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", borrowers, BorrowerKey::day,
                before, (ps, k, v) -> {
                    bindDimensions(ps, k.day(), k.library(), k.channel(), k.category(), k.itemType());
                    ps.setString(6, k.borrower());
                    if (v < 0) {
                        ps.setNull(7, java.sql.Types.BIGINT);
                    } else {
                        ps.setLong(7, v);
                    }
                });
    }

    private interface RowBinder<K, V> {
        void bind(PreparedStatement ps, K key, V value) throws SQLException;
    }

    /** Inserts (and removes from {@code rows}) the rows of days before {@code before} (null: all), in JDBC batches. */
    private static <K, V> void insertDays(Connection c, String insert, Map<K, V> rows, Function<K, LocalDate> dayOf,
                                          LocalDate before, RowBinder<K, V> binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            int batched = 0;
            for (Iterator<Map.Entry<K, V>> it = rows.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<K, V> e = it.next();
                if (before != null && !dayOf.apply(e.getKey()).isBefore(before)) {
                    continue;
                }
                binder.bind(ps, e.getKey(), e.getValue());
                ps.addBatch();
                it.remove();
                if (++batched % 5_000 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }

    private static void bindDimensions(PreparedStatement ps, LocalDate day, String library, String channel, String category,
                                       String itemType) throws SQLException {
        ps.setObject(1, day);
        ps.setString(2, library);
        ps.setString(3, channel);
        ps.setString(4, category);
        ps.setString(5, itemType);
    }

    private record CountKey(LocalDate day, String library, String channel, String category, String itemType, String terminal) {
    }

    private record BorrowerKey(LocalDate day, String library, String channel, String category, String itemType, String borrower) {
    }
}
