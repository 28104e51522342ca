package org.stackbridge.core.report;

import org.stackbridge.core.model.Bucket;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** How a time series is cut: by day, ISO week (Monday first) or month, in a library's time zone. */
public enum Period {
    DAY, WEEK, MONTH;

    public static Optional<Period> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        for (Period p : values()) {
            if (p.name().equalsIgnoreCase(s.trim())) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The buckets covering the days {@code from} to {@code to} inclusive; the first and last are cut to the range, so a
     * week report from a Wednesday starts its first week that Wednesday. Each bucket is labelled by its first day
     * ({@code 2026-11-02}), months by {@code 2026-11}.
     */
    public List<Bucket> buckets(LocalDate from, LocalDate to, ZoneId zone) {
        List<Bucket> out = new ArrayList<>();
        LocalDate start = from;
        while (!start.isAfter(to)) {
            LocalDate next = switch (this) {
                case DAY -> start.plusDays(1);
                case WEEK -> start.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
                case MONTH -> start.with(TemporalAdjusters.firstDayOfNextMonth());
            };
            if (next.isAfter(to.plusDays(1))) {
                next = to.plusDays(1);
            }
            String label = this == MONTH ? start.toString().substring(0, 7) : start.toString();
            out.add(new Bucket(out.size(), label, start.atStartOfDay(zone).toInstant(), next.atStartOfDay(zone).toInstant()));
            start = next;
        }
        return out;
    }
}
