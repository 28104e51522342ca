package org.stackbridge.sip2.message;

import static org.stackbridge.sip2.spec.FieldCode.*;
import static org.stackbridge.sip2.spec.FixedField.*;

import org.stackbridge.sip2.spec.Sip2MessageType;

/**
 * 30 Renew Response.
 *
 * @param ok              1 if the item was renewed
 * @param renewalOk       Y if the item was renewed
 * @param magneticMedia   Y, N or U (unknown)
 * @param desensitize     Y if the SC should desensitize the item
 * @param transactionDate 18-character date of the answer
 * @param institutionId   AO
 * @param patronId        AA
 * @param itemId          AB
 * @param titleId         AJ
 * @param dueDate         AH
 * @param mediaType       CK, optional
 * @param screenMessage   AF, optional
 */
public record RenewResponse(boolean ok, boolean renewalOk, String magneticMedia, boolean desensitize, String transactionDate,
                            String institutionId, String patronId, String itemId, String titleId, String dueDate,
                            String mediaType, String screenMessage) implements Sip2Response {

    @Override
    public Sip2Message toMessage() {
        return Sip2Message.builder(Sip2MessageType.RENEW_RESPONSE).ok(OK, ok).yn(RENEWAL_OK, renewalOk)
                .fixed(MAGNETIC_MEDIA, magneticMedia).yn(DESENSITIZE, desensitize).fixed(TRANSACTION_DATE, transactionDate)
                .field(AO, institutionId).field(AA, patronId).field(AB, itemId).field(AJ, titleId).field(AH, dueDate)
                .field(CK, mediaType).field(AF, screenMessage).build();
    }
}
