package org.stackbridge.adapter.jdbc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.stackbridge.core.model.Bucket;
import org.stackbridge.core.model.Dimension;
import org.stackbridge.core.port.ReportQueries;

/**
 * The reports' aggregates in SQL that H2 and PostgreSQL both run. A time series is one indexed range query per
 * bucket (on {@code event_log.at}): each event is read once, day boundaries follow the library's zone exactly, and
 * distinct borrowers are distinct within their own bucket, which summing finer buckets could not give.
 */
final class JdbcReportQueries implements ReportQueries {

    private static final String CIRCULATION_EVENTS = "e.event_type IN ('CHECKOUT', 'RENEW', 'CHECKIN')";

    private final Sql sql;

    JdbcReportQueries(Sql sql) {
        this.sql = sql;
    }

    @Override
    public List<CirculationRow> circulation(List<Bucket> buckets, Dimension by, String library) {
        String group = switch (by) {
            case LIBRARY -> "e.library";
            // an anonymised event has no patron but keeps the category it had (loan-history anonymisation)
            case CATEGORY -> "COALESCE(p.category, e.patron_category)";
            case ITEM_TYPE -> "i.item_type";
            case CHANNEL -> "e.channel";
            case NONE -> "CAST(NULL AS VARCHAR(64))";
        };
        String join = switch (by) {
            case CATEGORY -> " LEFT JOIN patron p ON p.id = e.patron_id";
            case ITEM_TYPE -> " LEFT JOIN item i ON i.id = e.item_id";
            default -> "";
        };
        String q = "SELECT " + group + " AS grp,"
                + " SUM(CASE WHEN e.event_type = 'CHECKOUT' THEN 1 ELSE 0 END) AS checkouts,"
                + " SUM(CASE WHEN e.event_type = 'RENEW' THEN 1 ELSE 0 END) AS renewals,"
                + " SUM(CASE WHEN e.event_type = 'CHECKIN' THEN 1 ELSE 0 END) AS checkins,"
                // anonymised check-outs count by their opaque borrower token instead of the patron
                + " COUNT(DISTINCT CASE WHEN e.event_type = 'CHECKOUT' THEN COALESCE(e.borrower, CAST(e.patron_id AS VARCHAR(32))) END) AS borrowers"
                + " FROM event_log e" + join
                + " WHERE e.at >= ? AND e.at < ? AND " + CIRCULATION_EVENTS + libraryFilter(library)
                + " GROUP BY " + group;
        List<CirculationRow> out = new ArrayList<>();
        for (Bucket b : buckets) {
            out.addAll(sql.list(q, rs -> new CirculationRow(b.index(), rs.getString("grp"), rs.getLong("checkouts"),
                    rs.getLong("renewals"), rs.getLong("checkins"), rs.getLong("borrowers")), args(b.start(), b.end(), library)));
        }
        return out;
    }

    @Override
    public List<TitleRow> topTitles(Instant from, Instant to, String library, int limit) {
        return sql.list("SELECT b.control_number, b.title, b.author, t.n FROM"
                + " (SELECT i.bib_id, COUNT(*) AS n FROM event_log e JOIN item i ON i.id = e.item_id"
                + " WHERE e.at >= ? AND e.at < ? AND e.event_type = 'CHECKOUT'" + libraryFilter(library)
                + " GROUP BY i.bib_id) t JOIN bib b ON b.id = t.bib_id"
                + " ORDER BY t.n DESC, b.control_number FETCH FIRST ? ROWS ONLY",
                rs -> new TitleRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)),
                append(args(from, to, library), limit));
    }

    @Override
    public List<CountRow> itemsByStatus(String library) {
        return sql.list("SELECT status, COUNT(*) FROM item" + (library == null ? "" : " WHERE home_library = ?")
                + " GROUP BY status ORDER BY status",
                rs -> new CountRow(rs.getString(1), rs.getLong(2)), library == null ? new Object[0] : new Object[] {library});
    }

    @Override
    public List<OverdueRow> overdue(Instant now, String library, int limit) {
        return sql.list("SELECT l.library, i.barcode, b.title, p.barcode, p.name, l.due_at FROM loan l"
                + " JOIN item i ON i.id = l.item_id JOIN patron p ON p.id = l.patron_id LEFT JOIN bib b ON b.id = i.bib_id"
                + " WHERE l.returned_at IS NULL AND l.due_at < ?" + (library == null ? "" : " AND l.library = ?")
                + " ORDER BY l.due_at, i.barcode FETCH FIRST ? ROWS ONLY",
                rs -> new OverdueRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        Sql.instant(rs, "due_at")),
                library == null ? new Object[] {now, limit} : new Object[] {now, library, limit});
    }

    @Override
    public List<TerminalRow> kiosks(List<Bucket> days, String library) {
        String q = "SELECT e.terminal,"
                + " SUM(CASE WHEN e.event_type = 'CHECKOUT' THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN e.event_type = 'CHECKIN' THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN e.event_type = 'RENEW' THEN 1 ELSE 0 END)"
                + " FROM event_log e WHERE e.at >= ? AND e.at < ? AND e.channel = 'SIP2' AND " + CIRCULATION_EVENTS
                + libraryFilter(library) + " GROUP BY e.terminal ORDER BY e.terminal";
        List<TerminalRow> out = new ArrayList<>();
        for (Bucket b : days) {
            out.addAll(sql.list(q, rs -> new TerminalRow(b.index(), rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)),
                    args(b.start(), b.end(), library)));
        }
        return out;
    }

    @Override
    public List<ItemRow> neverBorrowed(Instant from, Instant to, String library, int limit) {
        return sql.list("SELECT i.home_library, i.barcode, i.call_number, b.title, i.status FROM item i LEFT JOIN bib b ON b.id = i.bib_id"
                + " WHERE NOT EXISTS (SELECT 1 FROM event_log e WHERE e.item_id = i.id AND e.event_type = 'CHECKOUT'"
                + " AND e.at >= ? AND e.at < ?)" + (library == null ? "" : " AND i.home_library = ?")
                + " ORDER BY i.home_library, i.call_number, i.barcode FETCH FIRST ? ROWS ONLY",
                rs -> new ItemRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)),
                append(args(from, to, library), limit));
    }

    @Override
    public List<HoldRow> holdsPlaced(Instant from, Instant to, String library, int limit) {
        return sql.list("SELECT h.id, h.pickup_library, h.placed_at, h.status FROM hold h WHERE h.placed_at >= ? AND h.placed_at < ?"
                + (library == null ? "" : " AND h.pickup_library = ?") + " ORDER BY h.id FETCH FIRST ? ROWS ONLY",
                rs -> new HoldRow(rs.getLong("id"), rs.getString("pickup_library"), Sql.instant(rs, "placed_at"), rs.getString("status"), null),
                append(args(from, to, library), limit));
    }

    @Override
    public java.util.Map<Long, Instant> holdTraps(Instant from, Instant to, int limit) {
        // a HOLD_TRAPPED event names its hold in the detail: "hold=<id> pickup=<library>"
        java.util.Map<Long, Instant> first = new java.util.HashMap<>();
        for (Object[] t : sql.list("SELECT detail, at FROM event_log WHERE at >= ? AND at < ? AND event_type = 'HOLD_TRAPPED'"
                + " ORDER BY at FETCH FIRST ? ROWS ONLY", rs -> new Object[] {rs.getString(1), Sql.instant(rs, "at")}, from, to, limit)) {
            String detail = (String) t[0];
            if (detail != null && detail.startsWith("hold=")) {
                int end = detail.indexOf(' ');
                try {
                    first.putIfAbsent(Long.parseLong(end < 0 ? detail.substring(5) : detail.substring(5, end)), (Instant) t[1]);
                } catch (NumberFormatException e) {
                    // not a trap this version wrote; not counted
                }
            }
        }
        return first;
    }

    @Override
    public List<HoldRow> holdsExpiredOnShelf(java.time.LocalDate from, java.time.LocalDate to, String library, int limit) {
        return sql.list("SELECT h.id, h.pickup_library, h.placed_at, h.status FROM hold h WHERE h.status = 'EXPIRED'"
                + " AND h.shelf_expires_on IS NOT NULL AND h.shelf_expires_on >= ? AND h.shelf_expires_on < ?"
                + (library == null ? "" : " AND h.pickup_library = ?") + " ORDER BY h.id FETCH FIRST ? ROWS ONLY",
                rs -> new HoldRow(rs.getLong("id"), rs.getString("pickup_library"), Sql.instant(rs, "placed_at"), rs.getString("status"), null),
                library == null ? new Object[] {from, to, limit} : new Object[] {from, to, library, limit});
    }

    @Override
    public List<IllRow> illRequests(Instant from, Instant to, int limit) {
        return sql.list("SELECT partner_agency, role, state, created_at, updated_at FROM ill_request WHERE created_at >= ? AND created_at < ?"
                + " ORDER BY partner_agency, role, id FETCH FIRST ? ROWS ONLY",
                rs -> new IllRow(rs.getString(1), rs.getString(2), rs.getString(3), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at")),
                from, to, limit);
    }

    @Override
    public List<MoneyRow> money(Instant from, Instant to, String library) {
        String lib = library == null ? "" : " AND p.home_library = ?";
        Object[] args = args(from, to, library);
        List<MoneyRow> out = new ArrayList<>(sql.list("SELECT p.home_library, f.fee_type, f.currency, SUM(f.amount), COUNT(*) FROM fee f"
                + " JOIN patron p ON p.id = f.patron_id WHERE f.created_at >= ? AND f.created_at < ?" + lib
                + " GROUP BY p.home_library, f.fee_type, f.currency",
                rs -> new MoneyRow(rs.getString(1), rs.getString(2), rs.getString(3), "CHARGED", rs.getBigDecimal(4), rs.getLong(5)), args));
        // a credit counts on the fees it was allocated to, so a payment over two fees of two types splits between them
        out.addAll(sql.list("SELECT p.home_library, f.fee_type, f.currency, c.credit_type, SUM(a.amount), COUNT(DISTINCT c.id)"
                + " FROM fee_credit c JOIN fee_allocation a ON a.credit_id = c.id JOIN fee f ON f.id = a.fee_id"
                + " JOIN patron p ON p.id = f.patron_id WHERE c.credited_at >= ? AND c.credited_at < ?" + lib
                + " GROUP BY p.home_library, f.fee_type, f.currency, c.credit_type",
                rs -> new MoneyRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBigDecimal(5), rs.getLong(6)), args));
        out.addAll(sql.list("SELECT p.home_library, f.fee_type, f.currency, d.outcome, SUM(f.amount), COUNT(*) FROM fee_dispute d"
                + " JOIN fee f ON f.id = d.fee_id JOIN patron p ON p.id = d.patron_id WHERE d.opened_at >= ? AND d.opened_at < ?" + lib
                + " GROUP BY p.home_library, f.fee_type, f.currency, d.outcome",
                rs -> new MoneyRow(rs.getString(1), rs.getString(2), rs.getString(3),
                        "DISPUTE_" + (rs.getString(4) == null ? "OPEN" : rs.getString(4)), rs.getBigDecimal(5), rs.getLong(6)), args));
        return out;
    }

    private static String libraryFilter(String library) {
        return library == null ? "" : " AND e.library = ?";
    }

    private static Object[] args(Instant from, Instant to, String library) {
        return library == null ? new Object[] {from, to} : new Object[] {from, to, library};
    }

    private static Object[] append(Object[] a, Object last) {
        Object[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = last;
        return out;
    }
}
