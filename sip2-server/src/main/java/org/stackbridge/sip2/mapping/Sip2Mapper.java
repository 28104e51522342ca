package org.stackbridge.sip2.mapping;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.stackbridge.core.model.FeeType;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.outcome.PatronFlag;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.sip2.session.Sip2Profile;

/** SIP2 code tables and formats: dates, money, patron status, circulation status, fee types, screen messages. */
public final class Sip2Mapper {

    private static final DateTimeFormatter SIP_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'    'HHmmss", Locale.ROOT);

    private static final Map<String, String> DEFAULT_MESSAGES = Map.ofEntries(
            Map.entry("CHECKOUT_OK", "Checked out"),
            Map.entry("CHECKOUT_RENEWED", "Renewed"),
            Map.entry("CHECKIN_OK", "Checked in"),
            Map.entry("CHECKIN_NOT_ON_LOAN", "Item was not checked out"),
            Map.entry("CHECKIN_HOLD", "Item on hold: place on the hold shelf"),
            Map.entry("CHECKIN_TRANSIT", "Item in transit to another library"),
            Map.entry("CHECKIN_FINE", "An overdue fine was charged"),
            Map.entry("RENEW_OK", "Renewed"),
            Map.entry("HOLD_PLACED", "Hold placed"),
            Map.entry("HOLD_CANCELLED", "Hold cancelled"),
            Map.entry("HOLD_CHANGED", "Hold changed"),
            Map.entry("FEE_PAID", "Payment accepted"),
            Map.entry("INVALID_PATRON", "Invalid patron barcode"),
            Map.entry("INVALID_PIN", "Invalid PIN"),
            Map.entry("PIN_LOCKED", "Too many PIN attempts; try again later"),
            Map.entry("NOT_LOGGED_IN", "Terminal not logged in"),
            Map.entry("NOT_SUPPORTED", "Not supported by this terminal"),
            Map.entry("OUT_OF_INSTITUTION", "Institution not served by this terminal"),
            Map.entry("MISSING_FIELD", "Required field missing"),
            Map.entry("SYSTEM_ERROR", "System error, please ask staff"),
            Map.entry("SERVICE_UNAVAILABLE", "Service unavailable, please try again later or ask staff"),
            Map.entry("PATRON_BLOCKED", "Patron blocked"),
            Map.entry("PATRON_ENABLED", "Patron enabled"),
            Map.entry("PATRON_ENABLE_REFUSED", "Please see staff to enable your card"),
            Map.entry("ITEM_PROPERTIES_NOT_STORED", "Item properties are not stored"));

    private Sip2Mapper() {
    }

    /** The 18-character SIP date in local time of {@code zone} (blank zone field). */
    public static String sipDate(Instant t, ZoneId zone) {
        return SIP_DATE.format(t.atZone(zone));
    }

    /** Parses {@code YYYYMMDDZZZZHHMMSS}; blank zone = {@code localZone}, 'Z' = UTC, military letters = fixed offsets. Null if unusable. */
    public static Instant parseSipDate(String s, ZoneId localZone) {
        if (s == null || s.length() != 18 || s.isBlank()) {
            return null;
        }
        try {
            LocalDateTime ldt = LocalDateTime.of(Integer.parseInt(s.substring(0, 4)), Integer.parseInt(s.substring(4, 6)),
                    Integer.parseInt(s.substring(6, 8)), Integer.parseInt(s.substring(12, 14)), Integer.parseInt(s.substring(14, 16)),
                    Integer.parseInt(s.substring(16, 18)));
            char z = s.charAt(11);
            ZoneId zone = z == ' ' ? localZone : military(z);
            if (zone == null) {
                return null;
            }
            // the zone's rules at this instant, not today's offset
            return ldt.atZone(zone).toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static ZoneId military(char c) {
        char u = Character.toUpperCase(c);
        if (u == 'Z') {
            return ZoneOffset.UTC;
        }
        if (u >= 'A' && u <= 'I') {
            return ZoneOffset.ofHours(u - 'A' + 1);
        }
        if (u >= 'K' && u <= 'M') {
            return ZoneOffset.ofHours(u - 'K' + 10);
        }
        if (u >= 'N' && u <= 'Y') {
            return ZoneOffset.ofHours(-(u - 'N' + 1));
        }
        return null;
    }

    public static LocalDate parseSipDay(String s, ZoneId zone) {
        Instant t = parseSipDate(s, zone);
        return t == null ? null : t.atZone(zone).toLocalDate();
    }

    /** AH in the profile's format ("SIP" or a java.time pattern), in the profile's zone. */
    public static String dueDate(Instant due, Sip2Profile p) {
        return dueDate(due, p, p.zone());
    }

    /** AH in the profile's format ("SIP" or a java.time pattern), in {@code zone}. */
    public static String dueDate(Instant due, Sip2Profile p, ZoneId zone) {
        if (due == null) {
            return "";
        }
        if ("SIP".equalsIgnoreCase(p.dueDateFormat())) {
            return sipDate(due, zone);
        }
        return DateTimeFormatter.ofPattern(p.dueDateFormat(), Locale.ROOT).format(due.atZone(zone));
    }

    /** Money for BV: scale 2, '.' separator, never locale-formatted. */
    public static String money(Money m) {
        return m == null ? "0.00" : m.amount().setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }

    public static String currency(Money m, Sip2Profile p) {
        if (p.currency() != null && !p.currency().isBlank()) {
            return p.currency();
        }
        return m == null ? null : m.currency().getCurrencyCode();
    }

    /** n4: four digits, capped at 9999. */
    public static String n4(int n) {
        return String.format(Locale.ROOT, "%04d", Math.max(0, Math.min(9999, n)));
    }

    public static String n3(int n) {
        return String.format(Locale.ROOT, "%03d", Math.max(0, Math.min(999, n)));
    }

    /**
     * The profile's {@code patron-status-flags} key for a patron whose PIN is locked after too many failed attempts.
     * SIP2 2.00 has no patron-status position of its own for it; by default it sets charge privileges denied
     * (position 0), since no checkout with a PIN can succeed until the lock ends.
     */
    public static final String PIN_LOCKED_STATUS = "PIN_LOCKED";

    /** The 14 patron-status characters of a patron view: its flags and, while the PIN is locked, the lock's positions. */
    public static String patronStatus(Views.PatronInfo info, Sip2Profile p) {
        String status = patronStatus(info.flags(), p);
        if (!info.pinLocked()) {
            return status;
        }
        char[] c = status.toCharArray();
        setPositions(c, p.patronStatusFlags().getOrDefault(PIN_LOCKED_STATUS, List.of(PatronFlag.CHARGE_PRIVILEGES_DENIED.sip2Position())));
        return new String(c);
    }

    /** The 14 patron-status characters from the engine's flags, through the profile's mapping. */
    public static String patronStatus(Set<PatronFlag> flags, Sip2Profile p) {
        char[] c = "              ".toCharArray();
        for (PatronFlag f : flags) {
            List<Integer> positions = p.patronStatusFlags().get(f.name());
            if (positions == null) {
                c[f.sip2Position()] = 'Y';
            } else {
                setPositions(c, positions);
            }
        }
        return new String(c);
    }

    private static void setPositions(char[] status, List<Integer> positions) {
        for (int pos : positions) {
            if (pos >= 0 && pos < status.length) {
                status[pos] = 'Y';
            }
        }
    }

    /** Unknown or refused patron: the four privilege flags denied (Koha/Evergreen convention). */
    public static final String DENIED_STATUS = "YYYY          ";

    /** SIP2 circulation status (5.3) for an item. */
    public static String circulationStatus(Views.ItemInfo i) {
        return switch (i.status()) {
            case AVAILABLE -> "03";
            case CHECKED_OUT -> "04";
            case ON_HOLD_SHELF -> "08";
            case IN_TRANSIT -> "10";
            case LOST -> "12";
            case MISSING -> "13";
            case IN_PROCESS -> "06";
            case DAMAGED, WITHDRAWN -> "01";
            case CLAIMS_RETURNED -> "11";
        };
    }

    /** SIP2 fee type (5.4). */
    public static String feeType(FeeType t) {
        return switch (t) {
            case OVERDUE -> "04";
            case LOST -> "07";
            case PROCESSING -> "05";
            case DAMAGE -> "03";
            case CARD_REPLACEMENT -> "02";
            case HOLD -> "09";
            case ILL, MANUAL -> "01";
        };
    }

    public static String mediaType(String itemType, Sip2Profile p) {
        String m = itemType == null ? null : p.mediaTypes().get(itemType);
        return m == null ? "001" : m;
    }

    /** The AF text for {@code key}: profile "KEY@lang", then "KEY", then {@code fallback}, then the built-in default. */
    public static String screenMessage(Sip2Profile p, String key, String language, String fallback) {
        Map<String, String> m = p.screenMessages();
        String lang = language == null || language.isBlank() ? p.language() : language;
        String v = m.get(key + "@" + lang);
        if (v == null) {
            v = m.get(key);
        }
        if (v == null) {
            v = fallback;
        }
        if (v == null) {
            v = DEFAULT_MESSAGES.getOrDefault(key, key);
        }
        return v;
    }

    /** The screen-message key for a PIN that did not verify (CQ N): locked after too many attempts, or wrong. */
    public static String pinFailureKey(Views.PatronInfo info) {
        return info.pinLocked() ? RefusalReason.PIN_LOCKED.name() : "INVALID_PIN";
    }

    /**
     * The AF text of a refusal: the profile's screen message for the reason, else the engine's text; for a backend
     * failure (SYSTEM_ERROR, SERVICE_UNAVAILABLE) never the engine's text, which is for the log, but the profile's or
     * the default screen message.
     */
    public static String refusalMessage(Sip2Profile p, RefusalReason reason, String engineMessage, String language) {
        boolean backend = reason == RefusalReason.SYSTEM_ERROR || reason == RefusalReason.SERVICE_UNAVAILABLE;
        return screenMessage(p, reason.name(), language, backend ? null : engineMessage);
    }

    /** A patron attribute for an extra field mapping (profile patronFields). */
    public static String patronAttribute(Views.PatronView v, String attribute, Sip2Profile p) {
        return switch (attribute) {
            case "email" -> v.email();
            case "phone" -> v.phone();
            case "address" -> v.address();
            case "expires" -> v.expires() == null ? null : sipDate(v.expires().atStartOfDay(p.zone()).toInstant(), p.zone());
            case "expiresIso" -> v.expires() == null ? null : v.expires().toString();
            case "category" -> v.category();
            case "homeLibrary" -> v.homeLibrary();
            default -> null;
        };
    }
}
