package org.stackbridge.staff.console.page;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.stackbridge.core.model.Money;

/** How the pages write times, dates, money and codes. Times are UTC, as everywhere in Stackbridge. */
public final class Fmt {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Fmt() {
    }

    public static String time(Instant t) {
        return t == null ? "" : TIME.format(t);
    }

    public static String date(Instant t) {
        return t == null ? "" : DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC).format(t);
    }

    public static String date(LocalDate d) {
        return d == null ? "" : d.toString();
    }

    /** The machine-readable form of a time, for {@code <time datetime>}. */
    public static String iso(Instant t) {
        return t == null ? "" : t.toString();
    }

    public static String money(Money m) {
        return m == null ? "" : m.amount().toPlainString() + " " + m.currency().getCurrencyCode();
    }

    /** An enum constant as words: {@code CARD_REPORTED_LOST} becomes {@code card reported lost}. */
    public static String words(Enum<?> e) {
        return e == null ? "" : e.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** A value for a query string. */
    public static String query(String s) {
        return s == null ? "" : java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A value for one path segment. */
    public static String path(String s) {
        return query(s).replace("+", "%20");
    }

    public static String orDash(String s) {
        return s == null || s.isBlank() ? "—" : s;
    }
}
