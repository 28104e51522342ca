package org.stackbridge.core.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A finished report: a table (named columns, rows of strings, numbers and dates) and how it reads as a chart.
 * {@code from}/{@code to} are the inclusive days asked for ({@code null} for a snapshot).
 */
public record Report(String name, String title, LocalDate from, LocalDate to, String period, String by,
                     List<String> columns, List<List<Object>> rows, Chart chart) {

    public Report {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        rows = rows.stream().map(r -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r))).toList();
    }

    /**
     * A chart of the table: LINE for a time series (x = the period column), BAR for a breakdown. {@code series} names
     * the column whose values become separate lines or bar groups ({@code null}: one series), {@code value} the
     * plotted number column.
     */
    public record Chart(Kind kind, String x, String series, String value) {
        public enum Kind { NONE, LINE, BAR }

        public static final Chart NONE = new Chart(Kind.NONE, null, null, null);
    }

    public int column(String name) {
        int i = columns.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no column " + name + " in " + columns);
        }
        return i;
    }
}
