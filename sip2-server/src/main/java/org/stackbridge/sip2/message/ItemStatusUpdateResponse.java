package org.stackbridge.sip2.message;

import static org.stackbridge.sip2.spec.FieldCode.*;
import static org.stackbridge.sip2.spec.FixedField.ITEM_PROPERTIES_OK;
import static org.stackbridge.sip2.spec.FixedField.TRANSACTION_DATE;

import org.stackbridge.sip2.spec.Sip2MessageType;

/**
 * 20 Item Status Update Response.
 *
 * @param itemPropertiesOk 1 if the item properties were stored
 * @param transactionDate  18-character date of the answer
 * @param itemId           AB
 * @param titleId          AJ, optional
 * @param itemProperties   CH, optional
 * @param screenMessage    AF, optional
 */
public record ItemStatusUpdateResponse(boolean itemPropertiesOk, String transactionDate, String itemId, String titleId,
                                       String itemProperties, String screenMessage) implements Sip2Response {

    @Override
    public Sip2Message toMessage() {
        return Sip2Message.builder(Sip2MessageType.ITEM_STATUS_UPDATE_RESPONSE).ok(ITEM_PROPERTIES_OK, itemPropertiesOk)
                .fixed(TRANSACTION_DATE, transactionDate).field(AB, itemId).field(AJ, titleId).field(CH, itemProperties)
                .field(AF, screenMessage).build();
    }
}
