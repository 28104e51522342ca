package org.stackbridge.staff.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.stackbridge.core.report.Report;

/** How a {@link Report} is written out: JSON (a map for Jackson), CSV (Commons CSV, RFC 4180), SVG or PNG charts. */
public enum ReportFormats {
    JSON("application/json"),
    CSV("text/csv; charset=utf-8"),
    SVG("image/svg+xml"),
    PNG("image/png");

    private final String mediaType;

    ReportFormats(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    public static Optional<ReportFormats> parse(String s) {
        if (s == null || s.isBlank()) {
            return Optional.of(JSON);
        }
        for (ReportFormats f : values()) {
            if (f.name().equalsIgnoreCase(s.trim())) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The report as JSON: its parameters, columns, rows as objects keyed by column, and the chart hint. */
    public static Map<String, Object> json(Report r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("report", r.name());
        out.put("title", r.title());
        out.put("from", r.from() == null ? null : r.from().toString());
        out.put("to", r.to() == null ? null : r.to().toString());
        out.put("period", r.period());
        out.put("by", r.by());
        out.put("columns", r.columns());
        out.put("rows", r.rows().stream().map(row -> {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < r.columns().size(); i++) {
                m.put(r.columns().get(i), row.get(i));
            }
            return m;
        }).toList());
        if (r.chart().kind() != Report.Chart.Kind.NONE) {
            out.put("chart", Map.of("kind", r.chart().kind().name().toLowerCase(Locale.ROOT), "x", r.chart().x(),
                    "value", r.chart().value()));
        }
        return out;
    }

    /** The report as CSV: a header row of the column names, then one record per row. */
    public static byte[] csv(Report r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
             CSVPrinter printer = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader(r.columns().toArray(String[]::new)).get())) {
            for (List<Object> row : r.rows()) {
                printer.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
