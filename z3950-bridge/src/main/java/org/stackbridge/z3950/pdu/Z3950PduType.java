package org.stackbridge.z3950.pdu;

/**
 * The alternatives of {@code PDU ::= CHOICE { initRequest [20] IMPLICIT InitializeRequest, ... }}
 * (Z39-50-APDU-1995), each owning its context tag. Shared by {@link Z3950Decoder} and {@link Z3950Encoder};
 * {@link #valueOf(int)} is an O(1) table built and checked for duplicate tags at class load, as Netty's
 * {@code MqttMessageType} does.
 */
public enum Z3950PduType {
    INIT_REQUEST(20),
    INIT_RESPONSE(21),
    SEARCH_REQUEST(22),
    SEARCH_RESPONSE(23),
    PRESENT_REQUEST(24),
    PRESENT_RESPONSE(25),
    DELETE_RESULT_SET_REQUEST(26),
    DELETE_RESULT_SET_RESPONSE(27),
    ACCESS_CONTROL_REQUEST(28),
    ACCESS_CONTROL_RESPONSE(29),
    RESOURCE_CONTROL_REQUEST(30),
    RESOURCE_CONTROL_RESPONSE(31),
    TRIGGER_RESOURCE_CONTROL_REQUEST(32),
    RESOURCE_REPORT_REQUEST(33),
    RESOURCE_REPORT_RESPONSE(34),
    SCAN_REQUEST(35),
    SCAN_RESPONSE(36),
    SORT_REQUEST(43),
    SORT_RESPONSE(44),
    SEGMENT_REQUEST(45),
    EXTENDED_SERVICES_REQUEST(46),
    EXTENDED_SERVICES_RESPONSE(47),
    CLOSE(48),
    DUPLICATE_DETECTION_REQUEST(49),
    DUPLICATE_DETECTION_RESPONSE(50);

    /** Lowest and highest context tag of the PDU CHOICE; tags in between without a type are reserved. */
    public static final int FIRST_TAG = 20, LAST_TAG = 50;

    private static final Z3950PduType[] BY_TAG = new Z3950PduType[LAST_TAG + 1];

    static {
        for (Z3950PduType t : values()) {
            if (t.tag < FIRST_TAG || t.tag > LAST_TAG) {
                throw new ExceptionInInitializerError("tag out of range: " + t);
            }
            if (BY_TAG[t.tag] != null) {
                throw new ExceptionInInitializerError("duplicate tag " + t.tag + ": " + BY_TAG[t.tag] + ", " + t);
            }
            BY_TAG[t.tag] = t;
        }
    }

    private final int tag;

    Z3950PduType(int tag) {
        this.tag = tag;
    }

    /** The context tag number on the wire. */
    public int tag() {
        return tag;
    }

    /** The type with this context tag, or {@code null} for a reserved or out-of-range tag. */
    public static Z3950PduType valueOf(int tag) {
        return tag >= FIRST_TAG && tag <= LAST_TAG ? BY_TAG[tag] : null;
    }

    /** True for a tag inside the PDU CHOICE range (defined or reserved). */
    public static boolean inRange(int tag) {
        return tag >= FIRST_TAG && tag <= LAST_TAG;
    }
}
