package org.stackbridge.sip2.spec;

/** A fixed-length field of a SIP2 message: its width and what characters it may hold. */
public enum FixedField {
    UID_ALGORITHM(1, Kind.ANY),
    PWD_ALGORITHM(1, Kind.ANY),
    OK(1, Kind.ZERO_ONE),
    STATUS_CODE(1, Kind.DIGITS),
    MAX_PRINT_WIDTH(3, Kind.ANY),
    PROTOCOL_VERSION(4, Kind.ANY),
    ONLINE_STATUS(1, Kind.YN),
    CHECKIN_OK(1, Kind.YN),
    CHECKOUT_OK(1, Kind.YN),
    ACS_RENEWAL_POLICY(1, Kind.YN),
    STATUS_UPDATE_OK(1, Kind.YN),
    OFFLINE_OK(1, Kind.YN),
    TIMEOUT_PERIOD(3, Kind.DIGITS),
    RETRIES_ALLOWED(3, Kind.DIGITS),
    DATE_TIME_SYNC(18, Kind.ANY),
    LANGUAGE(3, Kind.ANY),
    TRANSACTION_DATE(18, Kind.DATE_OR_BLANK), // blank from kiosks without a clock: the request is handled as of now
    PATRON_STATUS(14, Kind.ANY),
    CARD_RETAINED(1, Kind.YN),
    SUMMARY(10, Kind.ANY),
    HOLD_ITEMS_COUNT(4, Kind.COUNT),
    OVERDUE_ITEMS_COUNT(4, Kind.COUNT),
    CHARGED_ITEMS_COUNT(4, Kind.COUNT),
    FINE_ITEMS_COUNT(4, Kind.COUNT),
    RECALL_ITEMS_COUNT(4, Kind.COUNT),
    UNAVAILABLE_HOLDS_COUNT(4, Kind.COUNT),
    SC_RENEWAL_POLICY(1, Kind.YN),
    NO_BLOCK(1, Kind.YN),
    NB_DUE_DATE(18, Kind.DATE_OR_BLANK),
    RENEWAL_OK(1, Kind.YN),
    MAGNETIC_MEDIA(1, Kind.YNU),
    DESENSITIZE(1, Kind.YNU),
    RETURN_DATE(18, Kind.DATE_OR_BLANK),
    RESENSITIZE(1, Kind.YN),
    ALERT(1, Kind.YN),
    CIRCULATION_STATUS(2, Kind.DIGITS),
    SECURITY_MARKER(2, Kind.DIGITS),
    FEE_TYPE(2, Kind.DIGITS),
    ITEM_PROPERTIES_OK(1, Kind.ZERO_ONE),
    HOLD_MODE(1, Kind.HOLD_MODE),
    AVAILABLE(1, Kind.YN),
    THIRD_PARTY_ALLOWED(1, Kind.YN),
    RENEWED_COUNT(4, Kind.COUNT),
    UNRENEWED_COUNT(4, Kind.COUNT),
    END_SESSION(1, Kind.YN),
    PAYMENT_TYPE(2, Kind.DIGITS),
    CURRENCY_TYPE(3, Kind.ANY),
    PAYMENT_ACCEPTED(1, Kind.YN);

    /** Value classes; validation is lenient where real clients deviate (Y/N fields also accept blank). */
    public enum Kind { ANY, YN, YNU, ZERO_ONE, DIGITS, COUNT, DATE, DATE_OR_BLANK, HOLD_MODE }

    private final int length;
    private final Kind kind;

    FixedField(int length, Kind kind) {
        this.length = length;
        this.kind = kind;
    }

    public int length() {
        return length;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether {@code v} (exactly {@link #length()} characters) is an acceptable value. */
    public boolean accepts(String v) {
        if (v == null || v.length() != length) {
            return false;
        }
        return switch (kind) {
            case ANY -> true;
            case YN -> all(v, "YNyn ");
            case YNU -> all(v, "YNUynu ");
            case ZERO_ONE -> all(v, "01");
            case DIGITS -> all(v, "0123456789");
            case COUNT -> all(v, "0123456789") || v.isBlank();
            case DATE -> isDate(v);
            case DATE_OR_BLANK -> v.isBlank() || isDate(v);
            case HOLD_MODE -> all(v, "+-*");
        };
    }

    private static boolean all(String v, String allowed) {
        for (int i = 0; i < v.length(); i++) {
            if (allowed.indexOf(v.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code YYYYMMDDZZZZHHMMSS}: digits around a 4-character zone that is blank or ends in a zone letter. */
    private static boolean isDate(String v) {
        for (int i = 0; i < 18; i++) {
            if (i >= 8 && i < 12) {
                continue;
            }
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        String zone = v.substring(8, 12);
        return zone.isBlank() || (zone.substring(0, 3).isBlank() && Character.isLetter(zone.charAt(3)));
    }
}
