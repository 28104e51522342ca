package org.stackbridge.sip2.message;

import static org.stackbridge.sip2.spec.FieldCode.AA;
import static org.stackbridge.sip2.spec.FieldCode.AF;
import static org.stackbridge.sip2.spec.FieldCode.AO;
import static org.stackbridge.sip2.spec.FixedField.END_SESSION;
import static org.stackbridge.sip2.spec.FixedField.TRANSACTION_DATE;

import org.stackbridge.sip2.spec.Sip2MessageType;

/**
 * 36 End Session Response.
 *
 * @param endSession      Y if the patron session ended
 * @param transactionDate 18-character date of the answer
 * @param institutionId   AO
 * @param patronId        AA
 * @param screenMessage   AF, optional
 */
public record EndSessionResponse(boolean endSession, String transactionDate, String institutionId, String patronId,
                                 String screenMessage) implements Sip2Response {

    @Override
    public Sip2Message toMessage() {
        return Sip2Message.builder(Sip2MessageType.END_SESSION_RESPONSE).yn(END_SESSION, endSession)
                .fixed(TRANSACTION_DATE, transactionDate).field(AO, institutionId).field(AA, patronId).field(AF, screenMessage).build();
    }
}
