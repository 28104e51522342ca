package org.stackbridge.sip2.spec;

import static org.stackbridge.sip2.spec.FieldCode.*;
import static org.stackbridge.sip2.spec.FixedField.*;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The layout of one message as data: fixed fields in order, then the variable fields it defines and which
 * are required. One table drives the single generic decoder and encoder (SIP2 2.00, section 4 of the reference).
 */
public record MessageSpec(Sip2MessageType type, List<FixedField> fixed, Set<FieldCode> known, Set<FieldCode> required) {

    private static final Map<Sip2MessageType, MessageSpec> TABLE = new EnumMap<>(Sip2MessageType.class);

    public MessageSpec {
        fixed = List.copyOf(fixed);
        known = Set.copyOf(known);
        required = Set.copyOf(required);
    }

    /** Length of the fixed part, without the 2-character command code. */
    public int fixedLength() {
        int n = 0;
        for (FixedField f : fixed) {
            n += f.length();
        }
        return n;
    }

    public static MessageSpec of(Sip2MessageType type) {
        return TABLE.get(type);
    }

    private static final List<FieldCode> SCREEN = List.of(AF, AG);

    static {
        define(Sip2MessageType.LOGIN_REQUEST, layout(UID_ALGORITHM, PWD_ALGORITHM), req(CN, CO), opt(CP));
        define(Sip2MessageType.LOGIN_RESPONSE, layout(OK), req(), opt());
        define(Sip2MessageType.SC_STATUS_REQUEST, layout(STATUS_CODE, MAX_PRINT_WIDTH, PROTOCOL_VERSION), req(), opt());
        define(Sip2MessageType.ACS_STATUS_RESPONSE, layout(ONLINE_STATUS, CHECKIN_OK, CHECKOUT_OK, ACS_RENEWAL_POLICY,
                STATUS_UPDATE_OK, OFFLINE_OK, TIMEOUT_PERIOD, RETRIES_ALLOWED, DATE_TIME_SYNC, PROTOCOL_VERSION),
                req(AO, BX), opt(AM, AN, AF, AG));
        define(Sip2MessageType.REQUEST_ACS_RESEND, layout(), req(), opt());
        define(Sip2MessageType.REQUEST_SC_RESEND, layout(), req(), opt());
        define(Sip2MessageType.PATRON_STATUS_REQUEST, layout(LANGUAGE, TRANSACTION_DATE), req(AO, AA, AC, AD), opt());
        define(Sip2MessageType.PATRON_STATUS_RESPONSE, layout(PATRON_STATUS, LANGUAGE, TRANSACTION_DATE), req(AO, AA, AE),
                opt(BL, CQ, BH, BV, BD, BE, BF, AF, AG));
        define(Sip2MessageType.BLOCK_PATRON_REQUEST, layout(CARD_RETAINED, TRANSACTION_DATE), req(AO, AL, AA, AC), opt());
        define(Sip2MessageType.PATRON_INFORMATION_REQUEST, layout(LANGUAGE, TRANSACTION_DATE, SUMMARY), req(AO, AA),
                opt(AC, AD, BP, BQ));
        define(Sip2MessageType.PATRON_INFORMATION_RESPONSE, layout(PATRON_STATUS, LANGUAGE, TRANSACTION_DATE, HOLD_ITEMS_COUNT,
                OVERDUE_ITEMS_COUNT, CHARGED_ITEMS_COUNT, FINE_ITEMS_COUNT, RECALL_ITEMS_COUNT, UNAVAILABLE_HOLDS_COUNT),
                req(AO, AA, AE), opt(BZ, CA, CB, BL, CQ, BH, BV, CC, AS, AT, AU, AV, BU, CD, BD, BE, BF, PA, PB, PC, AF, AG));
        define(Sip2MessageType.CHECKOUT_REQUEST, layout(SC_RENEWAL_POLICY, NO_BLOCK, TRANSACTION_DATE, NB_DUE_DATE),
                req(AO, AA, AB, AC), opt(CH, AD, BO, BI));
        define(Sip2MessageType.CHECKOUT_RESPONSE, layout(OK, RENEWAL_OK, MAGNETIC_MEDIA, DESENSITIZE, TRANSACTION_DATE),
                req(AO, AA, AB, AJ, AH), opt(BT, CI, BH, BV, CK, CH, BK, AF, AG));
        define(Sip2MessageType.CHECKIN_REQUEST, layout(NO_BLOCK, TRANSACTION_DATE, RETURN_DATE), req(AP, AO, AB, AC), opt(CH, BI));
        define(Sip2MessageType.CHECKIN_RESPONSE, layout(OK, RESENSITIZE, MAGNETIC_MEDIA, ALERT, TRANSACTION_DATE),
                req(AO, AB, AQ), opt(AJ, CL, AA, CK, CH, CR, CS, CT, CV, CY, DA, AF, AG));
        define(Sip2MessageType.ITEM_INFORMATION_REQUEST, layout(TRANSACTION_DATE), req(AO, AB), opt(AC));
        define(Sip2MessageType.ITEM_INFORMATION_RESPONSE, layout(CIRCULATION_STATUS, SECURITY_MARKER, FEE_TYPE, TRANSACTION_DATE),
                req(AB, AJ), opt(CF, AH, CJ, CM, BG, BH, BV, CK, AQ, AP, CH, CR, CS, CT, AF, AG));
        define(Sip2MessageType.ITEM_STATUS_UPDATE_REQUEST, layout(TRANSACTION_DATE), req(AO, AB, CH), opt(AC));
        define(Sip2MessageType.ITEM_STATUS_UPDATE_RESPONSE, layout(ITEM_PROPERTIES_OK, TRANSACTION_DATE), req(AB), opt(AJ, CH, AF, AG));
        define(Sip2MessageType.PATRON_ENABLE_REQUEST, layout(TRANSACTION_DATE), req(AO, AA), opt(AC, AD));
        define(Sip2MessageType.PATRON_ENABLE_RESPONSE, layout(PATRON_STATUS, LANGUAGE, TRANSACTION_DATE), req(AO, AA, AE),
                opt(BL, CQ, AF, AG));
        define(Sip2MessageType.HOLD_REQUEST, layout(HOLD_MODE, TRANSACTION_DATE), req(AO, AA), opt(BW, BS, BY, AD, AB, AJ, AC, BO));
        define(Sip2MessageType.HOLD_RESPONSE, layout(OK, AVAILABLE, TRANSACTION_DATE), req(AO, AA), opt(BW, BR, BS, AB, AJ, AF, AG));
        define(Sip2MessageType.RENEW_REQUEST, layout(THIRD_PARTY_ALLOWED, NO_BLOCK, TRANSACTION_DATE, NB_DUE_DATE), req(AO, AA),
                opt(AD, AB, AJ, AC, CH, BO));
        define(Sip2MessageType.RENEW_RESPONSE, layout(OK, RENEWAL_OK, MAGNETIC_MEDIA, DESENSITIZE, TRANSACTION_DATE),
                req(AO, AA, AB, AJ, AH), opt(BT, CI, BH, BV, CK, CH, BK, AF, AG));
        define(Sip2MessageType.RENEW_ALL_REQUEST, layout(TRANSACTION_DATE), req(AO, AA), opt(AD, AC, BO));
        define(Sip2MessageType.RENEW_ALL_RESPONSE, layout(OK, RENEWED_COUNT, UNRENEWED_COUNT, TRANSACTION_DATE), req(AO),
                opt(BM, BN, AF, AG));
        define(Sip2MessageType.END_PATRON_SESSION_REQUEST, layout(TRANSACTION_DATE), req(AO, AA), opt(AC, AD));
        define(Sip2MessageType.END_SESSION_RESPONSE, layout(END_SESSION, TRANSACTION_DATE), req(AO, AA), opt(AF, AG));
        define(Sip2MessageType.FEE_PAID_REQUEST, layout(TRANSACTION_DATE, FEE_TYPE, PAYMENT_TYPE, CURRENCY_TYPE), req(BV, AO, AA),
                opt(AC, AD, CG, BK));
        define(Sip2MessageType.FEE_PAID_RESPONSE, layout(PAYMENT_ACCEPTED, TRANSACTION_DATE), req(AO, AA), opt(BK, AF, AG));
        for (Sip2MessageType t : Sip2MessageType.values()) {
            if (!TABLE.containsKey(t)) {
                throw new IllegalStateException("no spec for " + t);
            }
        }
    }

    private static void define(Sip2MessageType type, List<FixedField> fixed, List<FieldCode> required, List<FieldCode> optional) {
        Set<FieldCode> known = new LinkedHashSet<>(required);
        known.addAll(optional);
        if (type.direction() == Sip2MessageType.Direction.RESPONSE) {
            known.addAll(SCREEN);
        }
        if (TABLE.put(type, new MessageSpec(type, fixed, known, new LinkedHashSet<>(required))) != null) {
            throw new IllegalStateException("duplicate spec " + type);
        }
    }

    private static List<FixedField> layout(FixedField... f) {
        return List.of(f);
    }

    private static List<FieldCode> req(FieldCode... f) {
        return new ArrayList<>(List.of(f));
    }

    private static List<FieldCode> opt(FieldCode... f) {
        return new ArrayList<>(List.of(f));
    }
}
