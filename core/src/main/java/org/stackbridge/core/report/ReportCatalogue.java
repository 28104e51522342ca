package org.stackbridge.core.report;

import org.stackbridge.core.model.Dimension;

import org.stackbridge.core.model.Bucket;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.Library;
import org.stackbridge.core.port.ReportQueries;
import org.stackbridge.core.port.StoreTx;
import org.stackbridge.core.port.TransactionRunner;

/**
 * The named usage reports, their parameters, and how each is computed from the store's {@link ReportQueries}. The one
 * place that says which reports exist, what {@code by} each accepts, and what a bad request is answered.
 */
public final class ReportCatalogue {

    /** A report's name, title, whether it covers a period, and the breakdowns it accepts. */
    public record Definition(String name, String title, boolean periodic, Set<Dimension> dimensions) {
    }

    static final int TOP_TITLES = 50;
    static final int MAX_OVERDUE_ROWS = 10_000;
    static final int MAX_LIST_ROWS = 10_000;
    static final int MAX_SCANNED_ROWS = 2_000_000;

    private static final Map<String, Definition> DEFINITIONS = new LinkedHashMap<>();

    static {
        define(new Definition("circulation", "Checkouts, renewals, checkins and distinct borrowers", true,
                Set.of(Dimension.NONE, Dimension.LIBRARY, Dimension.CATEGORY, Dimension.ITEM_TYPE, Dimension.CHANNEL)));
        define(new Definition("top-titles", "Most borrowed titles", true, Set.of(Dimension.NONE)));
        define(new Definition("items-by-status", "Items by status (now)", false, Set.of(Dimension.NONE)));
        define(new Definition("overdue", "Overdue loans (now)", false, Set.of(Dimension.NONE)));
        define(new Definition("never-borrowed", "Items not borrowed in the range", true, Set.of(Dimension.NONE)));
        define(new Definition("holds", "Holds: placed, filled, fill rate, median days to fill, expired unclaimed", true,
                Set.of(Dimension.NONE, Dimension.LIBRARY)));
        define(new Definition("ill", "Interlibrary loan: requests, fill rate and median turnaround by partner and direction", true,
                Set.of(Dimension.NONE)));
        define(new Definition("money", "Fines and fees: charged, paid, waived, refunded, disputed, by fee type", true,
                Set.of(Dimension.NONE, Dimension.LIBRARY)));
        define(new Definition("kiosks", "SIP2 terminals: checkouts, checkins and renewals per day", true, Set.of(Dimension.NONE)));
    }

    private static void define(Definition d) {
        DEFINITIONS.put(d.name(), d);
    }

    private final TransactionRunner store;
    private final Clock clock;
    private final int maxRangeDays;

    public ReportCatalogue(TransactionRunner store, Clock clock, int maxRangeDays) {
        this.store = store;
        this.clock = clock;
        this.maxRangeDays = maxRangeDays;
    }

    public static List<Definition> definitions() {
        return List.copyOf(DEFINITIONS.values());
    }

    public int maxRangeDays() {
        return maxRangeDays;
    }

    /** Validates the request (a {@link ReportException} naming the field otherwise) and computes the report. */
    public Report run(ReportRequest request) {
        Definition def = DEFINITIONS.get(request.name());
        if (def == null) {
            throw new ReportException("name", "unknown report '" + request.name() + "'; reports: "
                    + String.join(", ", DEFINITIONS.keySet()));
        }
        Dimension by = Dimension.parse(request.by()).orElseThrow(() -> new ReportException("by",
                "unknown breakdown '" + request.by() + "'; " + def.name() + " accepts " + labels(def.dimensions())));
        if (!def.dimensions().contains(by)) {
            throw new ReportException("by", def.name() + " cannot be broken down by " + by.label() + "; it accepts " + labels(def.dimensions()));
        }
        Period period = request.period() == null || request.period().isBlank() ? Period.DAY
                : Period.parse(request.period()).orElseThrow(() -> new ReportException("period",
                        "unknown period '" + request.period() + "'; one of day, week, month"));
        String library = request.library() == null || request.library().isBlank() ? null : request.library().trim();
        if (library == null && request.institution() != null) {
            throw new ReportException("library", "give the library (an account of one institution reports on its own libraries)");
        }
        ZoneId zone = store.read(tx -> zone(tx, library, request.institution())).join()
                .orElseThrow(() -> new ReportException("library", "unknown library '" + request.library() + "'"));
        LocalDate from = null;
        LocalDate to = null;
        if (def.periodic()) {
            from = date("from", request.from());
            to = date("to", request.to());
            if (to.isBefore(from)) {
                throw new ReportException("to", "to (" + to + ") is before from (" + from + ")");
            }
            long days = ChronoUnit.DAYS.between(from, to) + 1;
            if (days > maxRangeDays) {
                throw new ReportException("to", "the range is " + days + " days; at most " + maxRangeDays + " (reports.max-range-days)");
            }
        }
        Report report = compute(def, by, period, library, zone, from, to);
        return report;
    }

    private Report compute(Definition def, Dimension by, Period period, String library, ZoneId zone, LocalDate from, LocalDate to) {
        return switch (def.name()) {
            case "circulation" -> circulation(def, by, period, library, zone, from, to);
            case "top-titles" -> topTitles(def, library, zone, from, to);
            case "items-by-status" -> itemsByStatus(def, library);
            case "overdue" -> overdue(def, library);
            case "kiosks" -> kiosks(def, library, zone, from, to);
            case "never-borrowed" -> neverBorrowed(def, library, zone, from, to);
            case "holds" -> holds(def, by, library, zone, from, to);
            case "ill" -> ill(def, zone, from, to);
            case "money" -> money(def, by, library, zone, from, to);
            default -> throw new IllegalStateException("report without a computation: " + def.name());
        };
    }

    private Report circulation(Definition def, Dimension by, Period period, String library, ZoneId zone, LocalDate from, LocalDate to) {
        List<Bucket> buckets = period.buckets(from, to, zone);
        List<ReportQueries.CirculationRow> raw = store.read(tx -> tx.reports().circulation(buckets, by, library, zone)).join();
        // channels are shown as the library knows them: the desk is the staff API and the console together
        Map<String, long[]> merged = new LinkedHashMap<>();
        for (ReportQueries.CirculationRow r : raw) {
            String group = by == Dimension.CHANNEL ? channelLabel(r.group()) : r.group() == null ? "" : r.group();
            long[] v = merged.computeIfAbsent(r.bucket() + "\u0000" + group, k -> new long[4]);
            v[0] += r.checkouts();
            v[1] += r.renewals();
            v[2] += r.checkins();
            v[3] += r.borrowers();
        }
        long[] totalCheckouts = new long[buckets.size()];
        merged.forEach((k, v) -> totalCheckouts[Integer.parseInt(k.substring(0, k.indexOf('\u0000')))] += v[0]);
        List<String> columns = new ArrayList<>(List.of("period"));
        if (by != Dimension.NONE) {
            columns.add(by.label());
        }
        columns.addAll(List.of("checkouts", "renewals", "checkins", "borrowers"));
        if (by != Dimension.NONE) {
            columns.add("checkout_share");
        }
        List<List<Object>> rows = new ArrayList<>();
        List<String> keys = new ArrayList<>(merged.keySet());
        keys.sort((a, b) -> {
            int ba = Integer.parseInt(a.substring(0, a.indexOf('\u0000')));
            int bb = Integer.parseInt(b.substring(0, b.indexOf('\u0000')));
            return ba != bb ? Integer.compare(ba, bb) : a.compareTo(b);
        });
        for (String k : keys) {
            int b = Integer.parseInt(k.substring(0, k.indexOf('\u0000')));
            String group = k.substring(k.indexOf('\u0000') + 1);
            long[] v = merged.get(k);
            List<Object> row = new ArrayList<>();
            row.add(buckets.get(b).label());
            if (by != Dimension.NONE) {
                row.add(group);
            }
            row.add(v[0]);
            row.add(v[1]);
            row.add(v[2]);
            // distinct per group; across groups a patron may count in each (e.g. a kiosk and the desk the same day)
            row.add(v[3]);
            if (by != Dimension.NONE) {
                row.add(percent(v[0], totalCheckouts[b]));
            }
            rows.add(row);
        }
        return new Report(def.name(), def.title(), from, to, period.label(), by.label(), columns, rows,
                new Report.Chart(Report.Chart.Kind.LINE, "period", by == Dimension.NONE ? null : by.label(), "checkouts"));
    }

    /** SIP2 → kiosk; the staff API and the desk → desk; NCIP → ncip; anything else by its own name. */
    static String channelLabel(String channel) {
        if (channel == null) {
            return "unknown";
        }
        return switch (channel) {
            case "SIP2" -> "kiosk";
            case "API", "DESK" -> "desk";
            default -> Arrays.stream(Channel.values()).anyMatch(c -> c.name().equals(channel)) ? channel.toLowerCase(java.util.Locale.ROOT) : channel;
        };
    }

    private Report topTitles(Definition def, String library, ZoneId zone, LocalDate from, LocalDate to) {
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        List<ReportQueries.TitleRow> raw = store.read(tx -> tx.reports().topTitles(start, end, library, TOP_TITLES)).join();
        List<List<Object>> rows = new ArrayList<>();
        int rank = 0;
        for (ReportQueries.TitleRow r : raw) {
            rows.add(List.of(++rank, r.controlNumber(), nz(r.title()), nz(r.author()), r.checkouts()));
        }
        return new Report(def.name(), def.title(), from, to, null, Dimension.NONE.label(),
                List.of("rank", "control_number", "title", "author", "checkouts"), rows,
                new Report.Chart(Report.Chart.Kind.BAR, "title", null, "checkouts"));
    }

    private Report itemsByStatus(Definition def, String library) {
        List<ReportQueries.CountRow> raw = store.read(tx -> tx.reports().itemsByStatus(library)).join();
        List<List<Object>> rows = raw.stream().map(r -> List.<Object>of(r.key().toLowerCase(java.util.Locale.ROOT), r.count())).toList();
        return new Report(def.name(), def.title(), null, null, null, Dimension.NONE.label(), List.of("status", "items"), rows,
                new Report.Chart(Report.Chart.Kind.BAR, "status", null, "items"));
    }

    private Report overdue(Definition def, String library) {
        Instant now = clock.instant();
        List<ReportQueries.OverdueRow> raw = store.read(tx -> tx.reports().overdue(now, library, MAX_OVERDUE_ROWS)).join();
        List<List<Object>> rows = new ArrayList<>();
        for (ReportQueries.OverdueRow r : raw) {
            long days = Duration.between(r.dueAt(), now).toDays();
            rows.add(List.of(r.library(), r.itemBarcode(), nz(r.title()), r.patronBarcode(), nz(r.patronName()), r.dueAt().toString(), days));
        }
        return new Report(def.name(), def.title(), null, null, null, Dimension.NONE.label(),
                List.of("library", "item", "title", "patron", "patron_name", "due_at", "days_overdue"), rows, Report.Chart.NONE);
    }

    private Report kiosks(Definition def, String library, ZoneId zone, LocalDate from, LocalDate to) {
        List<Bucket> days = Period.DAY.buckets(from, to, zone);
        List<ReportQueries.TerminalRow> raw = store.read(tx -> tx.reports().kiosks(days, library, zone)).join();
        List<List<Object>> rows = new ArrayList<>();
        for (ReportQueries.TerminalRow r : raw) {
            rows.add(List.of(days.get(r.bucket()).label(), nz(r.terminal()), r.checkouts(), r.checkins(), r.renewals()));
        }
        return new Report(def.name(), def.title(), from, to, Period.DAY.label(), Dimension.NONE.label(),
                List.of("day", "terminal", "checkouts", "checkins", "renewals"), rows,
                new Report.Chart(Report.Chart.Kind.LINE, "day", "terminal", "checkouts"));
    }

    private Report neverBorrowed(Definition def, String library, ZoneId zone, LocalDate from, LocalDate to) {
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        List<ReportQueries.ItemRow> raw = store.read(tx -> tx.reports().neverBorrowed(start, end, library, MAX_LIST_ROWS)).join();
        List<List<Object>> rows = raw.stream().map(r -> List.<Object>of(r.library(), r.barcode(), nz(r.callNumber()), nz(r.title()),
                r.status().toLowerCase(java.util.Locale.ROOT))).toList();
        return new Report(def.name(), def.title(), from, to, null, Dimension.NONE.label(),
                List.of("library", "item", "call_number", "title", "status"), rows, Report.Chart.NONE);
    }

    /**
     * Per pickup library (or in total): holds placed in the range; of those, filled (collected), cancelled, still open;
     * the fill rate; the median days from placing to the first item trapped; and holds that expired unclaimed on the
     * shelf in the range.
     */
    private Report holds(Definition def, Dimension by, String library, ZoneId zone, LocalDate from, LocalDate to) {
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        Instant now = clock.instant();
        record Data(List<ReportQueries.HoldRow> placed, Map<Long, Instant> traps, List<ReportQueries.HoldRow> expired) {
        }
        Data d = store.read(tx -> new Data(tx.reports().holdsPlaced(start, end, library, MAX_SCANNED_ROWS),
                // a hold placed in the range may be trapped after it: look up to now
                tx.reports().holdTraps(start, now.isAfter(end) ? now : end, MAX_SCANNED_ROWS),
                tx.reports().holdsExpiredOnShelf(from, to.plusDays(1), library, MAX_SCANNED_ROWS))).join();
        Map<String, long[]> counts = new java.util.TreeMap<>();
        Map<String, List<Double>> days = new java.util.TreeMap<>();
        for (ReportQueries.HoldRow h : d.placed()) {
            String key = by == Dimension.LIBRARY ? nz(h.pickupLibrary()) : "";
            long[] c = counts.computeIfAbsent(key, k -> new long[5]);
            c[0]++;
            switch (h.status()) {
                case "FILLED" -> c[1]++;
                case "CANCELLED" -> c[2]++;
                case "WAITING", "IN_TRANSIT", "READY" -> c[3]++;
                default -> { }
            }
            Instant trapped = d.traps().get(h.id());
            if (trapped != null) {
                days.computeIfAbsent(key, k -> new ArrayList<>()).add(Duration.between(h.placedAt(), trapped).toMinutes() / 1440.0);
            }
        }
        for (ReportQueries.HoldRow h : d.expired()) {
            counts.computeIfAbsent(by == Dimension.LIBRARY ? nz(h.pickupLibrary()) : "", k -> new long[5])[4]++;
        }
        List<String> columns = new ArrayList<>();
        if (by == Dimension.LIBRARY) {
            columns.add("library");
        }
        columns.addAll(List.of("placed", "filled", "cancelled", "open", "fill_rate", "median_days_to_fill", "expired_unclaimed"));
        List<List<Object>> rows = new ArrayList<>();
        counts.forEach((key, c) -> {
            List<Object> row = new ArrayList<>();
            if (by == Dimension.LIBRARY) {
                row.add(key);
            }
            // the median is null (shown empty) when no hold was trapped; List.of refuses nulls
            row.addAll(Arrays.asList(c[0], c[1], c[2], c[3], percent(c[1], c[0]), median(days.getOrDefault(key, List.of())), c[4]));
            rows.add(row);
        });
        return new Report(def.name(), def.title(), from, to, null, by.label(), columns, rows,
                by == Dimension.LIBRARY ? new Report.Chart(Report.Chart.Kind.BAR, "library", null, "placed") : Report.Chart.NONE);
    }

    /** Per partner and direction: requests created in the range, completed, unfilled or cancelled, fill rate, median days. */
    private Report ill(Definition def, ZoneId zone, LocalDate from, LocalDate to) {
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        List<ReportQueries.IllRow> raw = store.read(tx -> tx.reports().illRequests(start, end, MAX_SCANNED_ROWS)).join();
        Map<String, long[]> counts = new java.util.TreeMap<>();
        Map<String, List<Double>> turnaround = new java.util.TreeMap<>();
        for (ReportQueries.IllRow r : raw) {
            String key = r.partner() + "\u0000" + r.role().toLowerCase(java.util.Locale.ROOT);
            long[] c = counts.computeIfAbsent(key, k -> new long[3]);
            c[0]++;
            if (r.state().equals("COMPLETE")) {
                c[1]++;
                // the request's last change is its completion
                turnaround.computeIfAbsent(key, k -> new ArrayList<>()).add(Duration.between(r.createdAt(), r.updatedAt()).toMinutes() / 1440.0);
            } else if (r.state().equals("UNFILLED") || r.state().equals("CANCELLED")) {
                c[2]++;
            }
        }
        List<List<Object>> rows = new ArrayList<>();
        counts.forEach((key, c) -> {
            String[] k = key.split("\u0000");
            rows.add(Arrays.asList(k[0], k[1], c[0], c[1], c[2], percent(c[1], c[1] + c[2]), median(turnaround.getOrDefault(key, List.of()))));
        });
        return new Report(def.name(), def.title(), from, to, null, Dimension.NONE.label(),
                List.of("partner", "direction", "requests", "completed", "unfilled", "fill_rate", "median_turnaround_days"), rows,
                new Report.Chart(Report.Chart.Kind.BAR, "partner", "direction", "requests"));
    }

    /**
     * The fee ledger per fee type (and library, with {@code by=library}; the patron's home library): charged, paid,
     * waived (waivers, cancellations, upheld disputes), refunded, and disputes opened in the range by their state.
     */
    private Report money(Definition def, Dimension by, String library, ZoneId zone, LocalDate from, LocalDate to) {
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        List<ReportQueries.MoneyRow> raw = store.read(tx -> tx.reports().money(start, end, library)).join();
        String[] kinds = {"CHARGED", "PAYMENT", "WAIVED", "REFUND"};
        Map<String, java.math.BigDecimal[]> sums = new java.util.TreeMap<>();
        Map<String, long[]> disputes = new java.util.TreeMap<>();
        for (ReportQueries.MoneyRow r : raw) {
            String key = (by == Dimension.LIBRARY ? nz(r.library()) : "") + "\u0000" + r.feeType().toLowerCase(java.util.Locale.ROOT)
                    + "\u0000" + r.currency();
            java.math.BigDecimal[] v = sums.computeIfAbsent(key, k -> {
                java.math.BigDecimal[] z = new java.math.BigDecimal[kinds.length];
                Arrays.fill(z, java.math.BigDecimal.ZERO.setScale(2));
                return z;
            });
            long[] d = disputes.computeIfAbsent(key, k -> new long[3]);
            String kind = switch (r.kind()) {
                case "WAIVER", "CANCELLATION", "DISPUTE_UPHELD" -> "WAIVED";
                default -> r.kind();
            };
            switch (kind) {
                case "DISPUTE_OPEN" -> d[0] += r.count();
                case "DISPUTE_UPHELD" -> d[1] += r.count();
                case "DISPUTE_REJECTED" -> d[2] += r.count();
                default -> {
                    int k = Arrays.asList(kinds).indexOf(kind);
                    if (k >= 0) {
                        v[k] = v[k].add(r.amount());
                    }
                }
            }
        }
        List<String> columns = new ArrayList<>();
        if (by == Dimension.LIBRARY) {
            columns.add("library");
        }
        columns.addAll(List.of("fee_type", "currency", "charged", "paid", "waived", "refunded", "disputes_open", "disputes_upheld",
                "disputes_rejected"));
        List<List<Object>> rows = new ArrayList<>();
        sums.forEach((key, v) -> {
            String[] k = key.split("\u0000", -1);
            List<Object> row = new ArrayList<>();
            if (by == Dimension.LIBRARY) {
                row.add(k[0]);
            }
            long[] d = disputes.get(key);
            row.addAll(List.of(k[1], k[2], v[0], v[1], v[2], v[3], d[0], d[1], d[2]));
            rows.add(row);
        });
        return new Report(def.name(), def.title(), from, to, null, by.label(), columns, rows,
                new Report.Chart(Report.Chart.Kind.BAR, "fee_type", by == Dimension.LIBRARY ? "library" : null, "charged"));
    }

    /** {@code part} of {@code whole} in percent with one decimal; 0 when there is no whole. */
    static double percent(long part, long whole) {
        return whole == 0 ? 0.0 : Math.round(1000.0 * part / whole) / 10.0;
    }

    /** The median with one decimal, or null for no values (shown empty). */
    static Double median(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        double m = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return Math.round(m * 10) / 10.0;
    }

    /** The zone a report's days are cut in: the library's, or the one zone all libraries share, else UTC. */
    private static Optional<ZoneId> zone(StoreTx tx, String library, String institution) {
        if (library != null) {
            // another institution's library is as unknown to a scoped account as one that does not exist
            return tx.libraries().find(library).filter(l -> institution == null || institution.equals(l.institution())).map(Library::zone);
        }
        Set<ZoneId> zones = tx.libraries().all().stream().map(Library::zone).collect(Collectors.toSet());
        return Optional.of(zones.size() == 1 ? zones.iterator().next() : ZoneId.of("UTC"));
    }

    private static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ReportException(field, field + " is required (YYYY-MM-DD)");
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new ReportException(field, "'" + value + "' is not a date (YYYY-MM-DD)");
        }
    }

    private static String labels(Set<Dimension> dims) {
        return Arrays.stream(Dimension.values()).filter(dims::contains).map(Dimension::label).collect(Collectors.joining(", "));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
