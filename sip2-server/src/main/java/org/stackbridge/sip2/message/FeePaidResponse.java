package org.stackbridge.sip2.message;

import static org.stackbridge.sip2.spec.FieldCode.*;
import static org.stackbridge.sip2.spec.FixedField.PAYMENT_ACCEPTED;
import static org.stackbridge.sip2.spec.FixedField.TRANSACTION_DATE;

import org.stackbridge.sip2.spec.Sip2MessageType;

/**
 * 38 Fee Paid Response.
 *
 * @param paymentAccepted Y if the payment was accepted
 * @param transactionDate 18-character date of the answer
 * @param institutionId   AO
 * @param patronId        AA
 * @param transactionId   BK, optional (echoed from the request)
 * @param screenMessage   AF, optional
 */
public record FeePaidResponse(boolean paymentAccepted, String transactionDate, String institutionId, String patronId,
                              String transactionId, String screenMessage) implements Sip2Response {

    @Override
    public Sip2Message toMessage() {
        return Sip2Message.builder(Sip2MessageType.FEE_PAID_RESPONSE).yn(PAYMENT_ACCEPTED, paymentAccepted)
                .fixed(TRANSACTION_DATE, transactionDate).field(AO, institutionId).field(AA, patronId).field(BK, transactionId)
                .field(AF, screenMessage).build();
    }
}
