package org.stackbridge.sip2.spec;

/** Every SIP2 2.00 message, with its wire code and direction. Lookup by code is O(1) and checked at class load. */
public enum Sip2MessageType {
    PATRON_STATUS_REQUEST("23", Direction.REQUEST, 0),
    PATRON_STATUS_RESPONSE("24", Direction.RESPONSE, -1),
    CHECKOUT_REQUEST("11", Direction.REQUEST, 1),
    CHECKOUT_RESPONSE("12", Direction.RESPONSE, -1),
    CHECKIN_REQUEST("09", Direction.REQUEST, 2),
    CHECKIN_RESPONSE("10", Direction.RESPONSE, -1),
    BLOCK_PATRON_REQUEST("01", Direction.REQUEST, 3),
    SC_STATUS_REQUEST("99", Direction.REQUEST, 4),
    ACS_STATUS_RESPONSE("98", Direction.RESPONSE, -1),
    REQUEST_ACS_RESEND("97", Direction.REQUEST, 5),
    REQUEST_SC_RESEND("96", Direction.RESPONSE, -1),
    LOGIN_REQUEST("93", Direction.REQUEST, 6),
    LOGIN_RESPONSE("94", Direction.RESPONSE, -1),
    PATRON_INFORMATION_REQUEST("63", Direction.REQUEST, 7),
    PATRON_INFORMATION_RESPONSE("64", Direction.RESPONSE, -1),
    END_PATRON_SESSION_REQUEST("35", Direction.REQUEST, 8),
    END_SESSION_RESPONSE("36", Direction.RESPONSE, -1),
    FEE_PAID_REQUEST("37", Direction.REQUEST, 9),
    FEE_PAID_RESPONSE("38", Direction.RESPONSE, -1),
    ITEM_INFORMATION_REQUEST("17", Direction.REQUEST, 10),
    ITEM_INFORMATION_RESPONSE("18", Direction.RESPONSE, -1),
    ITEM_STATUS_UPDATE_REQUEST("19", Direction.REQUEST, 11),
    ITEM_STATUS_UPDATE_RESPONSE("20", Direction.RESPONSE, -1),
    PATRON_ENABLE_REQUEST("25", Direction.REQUEST, 12),
    PATRON_ENABLE_RESPONSE("26", Direction.RESPONSE, -1),
    HOLD_REQUEST("15", Direction.REQUEST, 13),
    HOLD_RESPONSE("16", Direction.RESPONSE, -1),
    RENEW_REQUEST("29", Direction.REQUEST, 14),
    RENEW_RESPONSE("30", Direction.RESPONSE, -1),
    RENEW_ALL_REQUEST("65", Direction.REQUEST, 15),
    RENEW_ALL_RESPONSE("66", Direction.RESPONSE, -1);

    public enum Direction { REQUEST, RESPONSE }

    private static final Sip2MessageType[] BY_CODE = new Sip2MessageType[100];

    static {
        for (Sip2MessageType t : values()) {
            int i = Integer.parseInt(t.code);
            if (BY_CODE[i] != null) {
                throw new IllegalStateException("duplicate SIP2 code " + t.code);
            }
            BY_CODE[i] = t;
        }
    }

    private final String code;
    private final Direction direction;
    private final int bxPosition;

    Sip2MessageType(String code, Direction direction, int bxPosition) {
        this.code = code;
        this.direction = direction;
        this.bxPosition = bxPosition;
    }

    public String code() {
        return code;
    }

    public Direction direction() {
        return direction;
    }

    /** Position in the 98 BX supported-messages field, or -1 for responses. */
    public int bxPosition() {
        return bxPosition;
    }

    public MessageSpec spec() {
        return MessageSpec.of(this);
    }

    /** The type for a two-digit code, or null when the code is not a SIP2 message. */
    public static Sip2MessageType fromCode(CharSequence code) {
        if (code == null || code.length() != 2) {
            return null;
        }
        char a = code.charAt(0);
        char b = code.charAt(1);
        if (a < '0' || a > '9' || b < '0' || b > '9') {
            return null;
        }
        return BY_CODE[(a - '0') * 10 + (b - '0')];
    }
}
