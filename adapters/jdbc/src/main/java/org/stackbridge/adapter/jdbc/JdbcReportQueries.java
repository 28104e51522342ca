package org.stackbridge.adapter.jdbc;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stackbridge.core.model.Bucket;
import org.stackbridge.core.model.Dimension;
import org.stackbridge.core.port.ReportQueries;

/**
 * The reports' aggregates in SQL that H2 and PostgreSQL both run. A time series is one grouped query over the whole
 * range (on {@code event_log.at}), each event put in its bucket by {@link #bucketOf}: each event is read once, day
 * boundaries follow the library's zone exactly, and distinct borrowers are distinct within their own bucket, which
 * summing finer buckets could not give.
 */
final class JdbcReportQueries implements ReportQueries {

    private static final String CIRCULATION_EVENTS = "e.event_type IN ('CHECKOUT', 'RENEW', 'CHECKIN')";

    private final Sql sql;

    JdbcReportQueries(Sql sql) {
        this.sql = sql;
    }

    @Override
    public List<CirculationRow> circulation(List<Bucket> buckets, Dimension by, String library) {
        if (buckets.isEmpty()) {
            return List.of();
        }
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
        List<Object> args = new ArrayList<>();
        String bucket = bucketOf("e.at", buckets, args);
        // a borrower is the patron, or the pseudonym their anonymised loans carry (the same for every loan of the
        // patron, so a patron half anonymised is still one borrower): see JdbcLoanHistory
        String q = "SELECT t.b, t.grp,"
                + " SUM(CASE WHEN t.event_type = 'CHECKOUT' THEN 1 ELSE 0 END) AS checkouts,"
                + " SUM(CASE WHEN t.event_type = 'RENEW' THEN 1 ELSE 0 END) AS renewals,"
                + " SUM(CASE WHEN t.event_type = 'CHECKIN' THEN 1 ELSE 0 END) AS checkins,"
                + " COUNT(DISTINCT CASE WHEN t.event_type = 'CHECKOUT' THEN t.borrower END) AS borrowers"
                + " FROM (SELECT " + bucket + " AS b, " + group + " AS grp, e.event_type,"
                + " COALESCE(e.borrower, bp.borrower, CAST(e.patron_id AS VARCHAR(32))) AS borrower"
                + " FROM event_log e" + join + " LEFT JOIN borrower_pseudonym bp ON bp.patron_id = e.patron_id"
                + " WHERE e.at >= ? AND e.at < ? AND " + CIRCULATION_EVENTS + libraryFilter(library) + ") t"
                + " GROUP BY t.b, t.grp";
        args.addAll(List.of(args(buckets.get(0).start(), buckets.get(buckets.size() - 1).end(), library)));
        return sql.list(q, rs -> new CirculationRow(rs.getInt("b"), rs.getString("grp"), rs.getLong("checkouts"),
                rs.getLong("renewals"), rs.getLong("checkins"), rs.getLong("borrowers")), args.toArray());
    }

    /**
     * From the daily summary ({@link JdbcCirculationSummary}) when its days are the report's: every bucket is a run of
     * whole local days in {@code zone} (as {@code Period.buckets} cuts them), and every library in scope cuts its days
     * in that zone. Otherwise (libraries in different zones reported together, cut in UTC) from the event log.
     */
    @Override
    public List<CirculationRow> circulation(List<Bucket> buckets, Dimension by, String library, java.time.ZoneId zone) {
        List<LocalDate> starts = summaryDays(buckets, library, zone);
        if (starts == null) {
            return circulation(buckets, by, library);
        }
        String group = switch (by) {
            case LIBRARY -> "NULLIF(library, '')";
            case CATEGORY -> "NULLIF(category, '')";
            case ITEM_TYPE -> "NULLIF(item_type, '')";
            case CHANNEL -> "NULLIF(channel, '')";
            case NONE -> "CAST(NULL AS VARCHAR(64))";
        };
        String where = " WHERE local_day >= ? AND local_day < ?" + (library == null ? "" : " AND library = ?");
        Object[] range = summaryRange(starts, library);
        List<Object> args = new ArrayList<>();
        String bucket = bucketOf("local_day", starts, buckets.get(0).index(), starts.size() - 1, args);
        args.addAll(List.of(range));
        Map<String, long[]> figures = new LinkedHashMap<>();
        for (Object[] r : sql.list("SELECT t.b, t.grp, SUM(t.checkouts), SUM(t.renewals), SUM(t.checkins) FROM (SELECT " + bucket
                + " AS b, " + group + " AS grp, checkouts, renewals, checkins FROM circ_day" + where + ") t GROUP BY t.b, t.grp",
                rs -> new Object[] {rs.getInt(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)}, args.toArray())) {
            long[] v = figures.computeIfAbsent(r[0] + "\u0000" + (r[1] == null ? "" : r[1]), k -> new long[4]);
            v[0] = (Long) r[2];
            v[1] = (Long) r[3];
            v[2] = (Long) r[4];
        }
        args.clear();
        bucket = bucketOf("local_day", starts, buckets.get(0).index(), starts.size() - 1, args);
        args.addAll(List.of(range));
        for (Object[] r : sql.list("SELECT t.b, t.grp, COUNT(DISTINCT t.borrower) FROM (SELECT " + bucket + " AS b, " + group
                + " AS grp, borrower FROM circ_day_borrower" + where + ") t GROUP BY t.b, t.grp",
                rs -> new Object[] {rs.getInt(1), rs.getString(2), rs.getLong(3)}, args.toArray())) {
            figures.computeIfAbsent(r[0] + "\u0000" + (r[1] == null ? "" : r[1]), k -> new long[4])[3] = (Long) r[2];
        }
        List<CirculationRow> out = new ArrayList<>();
        figures.forEach((k, v) -> {
            int cut = k.indexOf('\u0000');
            String g = k.substring(cut + 1);
            out.add(new CirculationRow(Integer.parseInt(k.substring(0, cut)), by == Dimension.NONE || g.isEmpty() ? null : g,
                    v[0], v[1], v[2], v[3]));
        });
        return out;
    }

    /** Per SIP2 terminal and day from the daily summary, under the same condition as the zoned circulation. */
    @Override
    public List<TerminalRow> kiosks(List<Bucket> days, String library, java.time.ZoneId zone) {
        List<LocalDate> starts = summaryDays(days, library, zone);
        if (starts == null) {
            return kiosks(days, library);
        }
        List<Object> args = new ArrayList<>();
        String bucket = bucketOf("local_day", starts, days.get(0).index(), starts.size() - 1, args);
        args.addAll(List.of(summaryRange(starts, library)));
        return sql.list("SELECT t.b, t.terminal, SUM(t.checkouts), SUM(t.checkins), SUM(t.renewals) FROM (SELECT " + bucket
                + " AS b, NULLIF(terminal, '') AS terminal, checkouts, checkins, renewals FROM circ_day"
                + " WHERE local_day >= ? AND local_day < ? AND channel = 'SIP2'" + (library == null ? "" : " AND library = ?") + ") t"
                + " GROUP BY t.b, t.terminal ORDER BY t.b, t.terminal",
                rs -> new TerminalRow(rs.getInt(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)), args.toArray());
    }

    /**
     * The buckets' first local days and, last, the day after the last bucket, when the summary can answer for them;
     * null when not (a bucket not starting at a local midnight of {@code zone}, or a library in scope cutting its days
     * in another zone).
     */
    private List<LocalDate> summaryDays(List<Bucket> buckets, String library, java.time.ZoneId zone) {
        if (buckets.isEmpty() || zone == null) {
            return null;
        }
        List<String> zones = library == null ? sql.list("SELECT DISTINCT zone FROM library", rs -> rs.getString(1))
                : sql.list("SELECT zone FROM library WHERE code = ?", rs -> rs.getString(1), library);
        for (String z : zones) {
            // the same rules cut the same days ("UTC" and "Z" alike)
            if (!java.time.ZoneId.of(z).normalized().equals(zone.normalized())) {
                return null;
            }
        }
        List<LocalDate> starts = new ArrayList<>();
        for (Bucket b : buckets) {
            LocalDate d = LocalDate.ofInstant(b.start(), zone);
            if (!d.atStartOfDay(zone).toInstant().equals(b.start())) {
                return null;
            }
            starts.add(d);
        }
        LocalDate end = LocalDate.ofInstant(buckets.get(buckets.size() - 1).end(), zone);
        if (!end.atStartOfDay(zone).toInstant().equals(buckets.get(buckets.size() - 1).end())) {
            return null;
        }
        starts.add(end);
        return starts;
    }

    private static Object[] summaryRange(List<LocalDate> starts, String library) {
        LocalDate first = starts.get(0);
        LocalDate end = starts.get(starts.size() - 1);
        return library == null ? new Object[] {first, end} : new Object[] {first, end, library};
    }

    /**
     * The index of the bucket an instant falls in, as SQL: a binary search over the buckets' starts (about nine
     * comparisons for a daily year), so one grouped query cuts the periods exactly where {@code Period.buckets} does
     * (the library's zone, daylight-saving days included) without either database's own time-zone rules. Rows must
     * already be limited to the buckets' span.
     */
    static String bucketOf(String column, List<Bucket> buckets, List<Object> args) {
        return bucketOf(column, buckets.stream().map(b -> (Object) b.start()).toList(), buckets.get(0).index(), buckets.size(), args);
    }

    /** As above over the buckets' start values (instants, or local days), the first bucket's index {@code first}. */
    private static String bucketOf(String column, List<?> starts, int first, int count, List<Object> args) {
        StringBuilder out = new StringBuilder();
        bucketOf(column, starts, first, 0, count, out, args);
        return out.toString();
    }

    private static void bucketOf(String column, List<?> starts, int first, int from, int to, StringBuilder out, List<Object> args) {
        if (to - from == 1) {
            out.append(first + from);
            return;
        }
        int mid = (from + to) >>> 1;
        out.append("CASE WHEN ").append(column).append(" < ? THEN ");
        args.add(starts.get(mid));
        bucketOf(column, starts, first, from, mid, out, args);
        out.append(" ELSE ");
        bucketOf(column, starts, first, mid, to, out, args);
        out.append(" END");
    }

    @Override
    public List<TitleRow> topTitles(Instant from, Instant to, String library, int limit) {
        if (!sql.isPostgres()) {
            return topTitlesCountedHere(from, to, library, limit);
        }
        // checkouts counted per item first, from ix_event_log_type_at alone, so the item table is read once per item
        // borrowed rather than once per checkout
        return sql.list("SELECT b.control_number, b.title, b.author, t.n FROM"
                + " (SELECT i.bib_id, SUM(c.n) AS n FROM (SELECT e.item_id, COUNT(*) AS n FROM event_log e"
                + " WHERE e.at >= ? AND e.at < ? AND e.event_type = 'CHECKOUT'" + libraryFilter(library)
                + " GROUP BY e.item_id) c JOIN item i ON i.id = c.item_id GROUP BY i.bib_id) t JOIN bib b ON b.id = t.bib_id"
                + " ORDER BY t.n DESC, b.control_number FETCH FIRST ? ROWS ONLY",
                rs -> new TitleRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)),
                append(args(from, to, library), limit));
    }

    /**
     * Top titles on H2, counted in hash maps here: H2 groups through a sorted map, which took 1.0-1.2 s for a year's
     * 525,000 checkouts over 100,000 items where reading the same item ids from ix_event_log_type_at and counting them
     * here takes 0.1-0.3 s (in memory), and 2.1-2.4 s at the bench's full size on file. Same rows and order as the SQL.
     */
    private List<TitleRow> topTitlesCountedHere(Instant from, Instant to, String library, int limit) {
        java.util.Map<Long, long[]> perItem = new java.util.HashMap<>();
        sql.forEach("SELECT e.item_id FROM event_log e WHERE e.at >= ? AND e.at < ? AND e.event_type = 'CHECKOUT'"
                + " AND e.item_id IS NOT NULL" + libraryFilter(library),
                rs -> perItem.computeIfAbsent(rs.getLong(1), k -> new long[1])[0]++, args(from, to, library));
        if (perItem.isEmpty() || limit <= 0) {
            return List.of();
        }
        java.util.Map<Long, long[]> perBib = new java.util.HashMap<>();
        sql.forEach("SELECT id, bib_id FROM item WHERE bib_id IS NOT NULL", rs -> {
            long[] n = perItem.get(rs.getLong(1));
            if (n != null) {
                perBib.computeIfAbsent(rs.getLong(2), k -> new long[1])[0] += n[0];
            }
        });
        // every record tied with the last place, so the control number breaks ties exactly as ORDER BY does
        long[] counts = perBib.values().stream().mapToLong(n -> n[0]).sorted().toArray();
        long threshold = counts.length == 0 ? 0 : counts[Math.max(0, counts.length - limit)];
        List<Long> candidates = perBib.entrySet().stream().filter(e -> e.getValue()[0] >= threshold).map(java.util.Map.Entry::getKey).toList();
        List<TitleRow> rows = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i += 500) {
            List<Long> chunk = candidates.subList(i, Math.min(candidates.size(), i + 500));
            rows.addAll(sql.list("SELECT id, control_number, title, author FROM bib WHERE id IN ("
                    + String.join(",", java.util.Collections.nCopies(chunk.size(), "?")) + ")",
                    rs -> new TitleRow(rs.getString(2), rs.getString(3), rs.getString(4), perBib.get(rs.getLong(1))[0]),
                    chunk.toArray()));
        }
        rows.sort(java.util.Comparator.comparingLong(TitleRow::checkouts).reversed()
                .thenComparing(TitleRow::controlNumber, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())));
        return rows.size() > limit ? List.copyOf(rows.subList(0, limit)) : rows;
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
        if (days.isEmpty()) {
            return List.of();
        }
        List<Object> args = new ArrayList<>();
        String bucket = bucketOf("e.at", days, args);
        String q = "SELECT t.b, t.terminal,"
                + " SUM(CASE WHEN t.event_type = 'CHECKOUT' THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN t.event_type = 'CHECKIN' THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN t.event_type = 'RENEW' THEN 1 ELSE 0 END)"
                + " FROM (SELECT " + bucket + " AS b, e.terminal, e.event_type FROM event_log e"
                + " WHERE e.at >= ? AND e.at < ? AND e.channel = 'SIP2' AND " + CIRCULATION_EVENTS + libraryFilter(library) + ") t"
                + " GROUP BY t.b, t.terminal ORDER BY t.b, t.terminal";
        args.addAll(List.of(args(days.get(0).start(), days.get(days.size() - 1).end(), library)));
        return sql.list(q, rs -> new TerminalRow(rs.getInt(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)),
                args.toArray());
    }

    @Override
    public List<ItemRow> neverBorrowed(Instant from, Instant to, String library, int limit) {
        return sql.list("SELECT i.home_library, i.barcode, i.call_number, b.title, i.status FROM item i LEFT JOIN bib b ON b.id = i.bib_id"
                + (sql.isPostgres()
                // PostgreSQL plans NOT EXISTS as a hash anti-join (spilling to disk if it must)
                ? " WHERE NOT EXISTS (SELECT 1 FROM event_log e WHERE e.item_id = i.id AND e.event_type = 'CHECKOUT'"
                        + " AND e.at >= ? AND e.at < ?)"
                // H2 probes each item's whole event history for NOT EXISTS (8.9 s for 200,000 items and 2.2 million events
                // in memory); NOT IN reads the period's checkouts once through ix_event_log_type_at into a set (1.5 s).
                // IS NOT NULL because one NULL in a NOT IN list matches nothing
                : " WHERE i.id NOT IN (SELECT e.item_id FROM event_log e WHERE e.event_type = 'CHECKOUT'"
                        + " AND e.at >= ? AND e.at < ? AND e.item_id IS NOT NULL)")
                + (library == null ? "" : " AND i.home_library = ?")
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
