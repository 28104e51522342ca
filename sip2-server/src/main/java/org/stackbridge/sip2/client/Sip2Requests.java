package org.stackbridge.sip2.client;

import static org.stackbridge.sip2.spec.FieldCode.*;
import static org.stackbridge.sip2.spec.FixedField.*;

import java.time.Clock;
import java.time.ZoneId;
import org.stackbridge.sip2.mapping.Sip2Mapper;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.spec.Sip2MessageType;

/** Builders for the requests a self-check terminal sends; transaction dates come from the given clock. */
public final class Sip2Requests {

    private static final String BLANK_DATE = " ".repeat(18);

    private final Clock clock;
    private final ZoneId zone;
    private final String institution;

    public Sip2Requests(Clock clock, String institution) {
        this.clock = clock;
        this.zone = clock.getZone();
        this.institution = institution;
    }

    public String date() {
        return Sip2Mapper.sipDate(clock.instant(), zone);
    }

    public Sip2Message login(String user, String password, String location) {
        return Sip2Message.builder(Sip2MessageType.LOGIN_REQUEST).fixed(UID_ALGORITHM, "0").fixed(PWD_ALGORITHM, "0")
                .field(CN, user).field(CO, password).field(CP, location).build();
    }

    public Sip2Message scStatus() {
        return Sip2Message.builder(Sip2MessageType.SC_STATUS_REQUEST).fixed(STATUS_CODE, "0").fixed(MAX_PRINT_WIDTH, "080")
                .fixed(PROTOCOL_VERSION, "2.00").build();
    }

    public Sip2Message resend() {
        return Sip2Message.builder(Sip2MessageType.REQUEST_ACS_RESEND).build();
    }

    public Sip2Message patronStatus(String patron, String pin) {
        return Sip2Message.builder(Sip2MessageType.PATRON_STATUS_REQUEST).fixed(LANGUAGE, "001").fixed(TRANSACTION_DATE, date())
                .field(AO, institution).field(AA, patron).field(AC, "").field(AD, pin).build();
    }

    /** {@code summaryPosition} -1 for counts only, else 0–5 (section 5.2). */
    public Sip2Message patronInformation(String patron, String pin, int summaryPosition, Integer start, Integer end) {
        char[] summary = " ".repeat(10).toCharArray();
        if (summaryPosition >= 0) {
            summary[summaryPosition] = 'Y';
        }
        return Sip2Message.builder(Sip2MessageType.PATRON_INFORMATION_REQUEST).fixed(LANGUAGE, "001").fixed(TRANSACTION_DATE, date())
                .fixed(SUMMARY, new String(summary)).field(AO, institution).field(AA, patron).field(AC, "").field(AD, pin)
                .field(BP, start == null ? null : String.valueOf(start)).field(BQ, end == null ? null : String.valueOf(end)).build();
    }

    public Sip2Message checkout(String patron, String item, String pin) {
        return Sip2Message.builder(Sip2MessageType.CHECKOUT_REQUEST).fixed(SC_RENEWAL_POLICY, "Y").fixed(NO_BLOCK, "N")
                .fixed(TRANSACTION_DATE, date()).fixed(NB_DUE_DATE, BLANK_DATE).field(AO, institution).field(AA, patron)
                .field(AB, item).field(AC, "").field(AD, pin).build();
    }

    /** An off-line checkout that already happened at {@code when} (no block Y). */
    public Sip2Message offlineCheckout(String patron, String item, String when) {
        return Sip2Message.builder(Sip2MessageType.CHECKOUT_REQUEST).fixed(SC_RENEWAL_POLICY, "Y").fixed(NO_BLOCK, "Y")
                .fixed(TRANSACTION_DATE, when).fixed(NB_DUE_DATE, BLANK_DATE).field(AO, institution).field(AA, patron)
                .field(AB, item).field(AC, "").build();
    }

    public Sip2Message checkin(String item, String location) {
        return checkin(item, location, date());
    }

    public Sip2Message checkin(String item, String location, String returnDate) {
        return Sip2Message.builder(Sip2MessageType.CHECKIN_REQUEST).fixed(NO_BLOCK, "N").fixed(TRANSACTION_DATE, date())
                .fixed(RETURN_DATE, returnDate).field(AP, location).field(AO, institution).field(AB, item).field(AC, "").build();
    }

    public Sip2Message itemInformation(String item) {
        return Sip2Message.builder(Sip2MessageType.ITEM_INFORMATION_REQUEST).fixed(TRANSACTION_DATE, date())
                .field(AO, institution).field(AB, item).field(AC, "").build();
    }

    public Sip2Message itemStatusUpdate(String item, String properties) {
        return Sip2Message.builder(Sip2MessageType.ITEM_STATUS_UPDATE_REQUEST).fixed(TRANSACTION_DATE, date())
                .field(AO, institution).field(AB, item).field(AC, "").field(CH, properties).build();
    }

    public Sip2Message renew(String patron, String item) {
        return Sip2Message.builder(Sip2MessageType.RENEW_REQUEST).fixed(THIRD_PARTY_ALLOWED, "N").fixed(NO_BLOCK, "N")
                .fixed(TRANSACTION_DATE, date()).fixed(NB_DUE_DATE, BLANK_DATE).field(AO, institution).field(AA, patron)
                .field(AB, item).build();
    }

    public Sip2Message renewAll(String patron) {
        return Sip2Message.builder(Sip2MessageType.RENEW_ALL_REQUEST).fixed(TRANSACTION_DATE, date()).field(AO, institution)
                .field(AA, patron).build();
    }

    /** {@code mode} '+', '-' or '*'. */
    public Sip2Message hold(char mode, String patron, String item, String pickup) {
        return Sip2Message.builder(Sip2MessageType.HOLD_REQUEST).fixed(HOLD_MODE, String.valueOf(mode)).fixed(TRANSACTION_DATE, date())
                .field(BS, pickup).field(AO, institution).field(AA, patron).field(AB, item).build();
    }

    public Sip2Message feePaid(String patron, String amount, String currency, String feeId, String transactionId) {
        return Sip2Message.builder(Sip2MessageType.FEE_PAID_REQUEST).fixed(TRANSACTION_DATE, date()).fixed(FEE_TYPE, "01")
                .fixed(PAYMENT_TYPE, "00").fixed(CURRENCY_TYPE, currency).field(BV, amount).field(AO, institution)
                .field(AA, patron).field(CG, feeId).field(BK, transactionId).build();
    }

    public Sip2Message blockPatron(String patron, String reason, boolean cardRetained) {
        return Sip2Message.builder(Sip2MessageType.BLOCK_PATRON_REQUEST).yn(CARD_RETAINED, cardRetained).fixed(TRANSACTION_DATE, date())
                .field(AO, institution).field(AL, reason).field(AA, patron).field(AC, "").build();
    }

    public Sip2Message patronEnable(String patron) {
        return Sip2Message.builder(Sip2MessageType.PATRON_ENABLE_REQUEST).fixed(TRANSACTION_DATE, date()).field(AO, institution)
                .field(AA, patron).build();
    }

    public Sip2Message endSession(String patron) {
        return Sip2Message.builder(Sip2MessageType.END_PATRON_SESSION_REQUEST).fixed(TRANSACTION_DATE, date())
                .field(AO, institution).field(AA, patron).build();
    }
}
