package org.stackbridge.sip2.message;

import static org.stackbridge.sip2.spec.FieldCode.*;
import static org.stackbridge.sip2.spec.FixedField.AVAILABLE;
import static org.stackbridge.sip2.spec.FixedField.OK;
import static org.stackbridge.sip2.spec.FixedField.TRANSACTION_DATE;

import org.stackbridge.sip2.spec.Sip2MessageType;

/**
 * 16 Hold Response.
 *
 * @param ok              1 if the hold was placed, changed or cancelled
 * @param available       Y if the item is available
 * @param transactionDate 18-character date of the answer
 * @param expirationDate  BW, optional
 * @param queuePosition   BR, optional
 * @param pickupLocation  BS, optional
 * @param institutionId   AO
 * @param patronId        AA
 * @param itemId          AB, optional
 * @param titleId         AJ, optional
 * @param screenMessage   AF, optional
 */
public record HoldResponse(boolean ok, boolean available, String transactionDate, String expirationDate, String queuePosition,
                           String pickupLocation, String institutionId, String patronId, String itemId, String titleId,
                           String screenMessage) implements Sip2Response {

    @Override
    public Sip2Message toMessage() {
        return Sip2Message.builder(Sip2MessageType.HOLD_RESPONSE).ok(OK, ok).yn(AVAILABLE, available)
                .fixed(TRANSACTION_DATE, transactionDate).field(BW, expirationDate).field(BR, queuePosition)
                .field(BS, pickupLocation).field(AO, institutionId).field(AA, patronId).field(AB, itemId).field(AJ, titleId)
                .field(AF, screenMessage).build();
    }
}
