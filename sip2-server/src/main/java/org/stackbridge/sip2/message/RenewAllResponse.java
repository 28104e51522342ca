package org.stackbridge.sip2.message;

import static org.stackbridge.sip2.spec.FieldCode.*;
import static org.stackbridge.sip2.spec.FixedField.*;

import java.util.List;
import org.stackbridge.sip2.spec.Sip2MessageType;

/**
 * 66 Renew All Response.
 *
 * @param ok              1 if the request was processed
 * @param transactionDate 18-character date of the answer
 * @param institutionId   AO
 * @param renewedItems    BM, one field per renewed item (the fixed renewed count is their number)
 * @param unrenewedItems  BN, one field per item not renewed (the fixed unrenewed count is their number)
 * @param screenMessages  AF, each its own field
 */
public record RenewAllResponse(boolean ok, String transactionDate, String institutionId, List<String> renewedItems,
                               List<String> unrenewedItems, List<String> screenMessages) implements Sip2Response {

    public RenewAllResponse {
        renewedItems = List.copyOf(renewedItems);
        unrenewedItems = List.copyOf(unrenewedItems);
        screenMessages = screenMessages == null ? List.of() : List.copyOf(screenMessages);
    }

    @Override
    public Sip2Message toMessage() {
        return Sip2Message.builder(Sip2MessageType.RENEW_ALL_RESPONSE).ok(OK, ok).fixed(RENEWED_COUNT, count(renewedItems))
                .fixed(UNRENEWED_COUNT, count(unrenewedItems)).fixed(TRANSACTION_DATE, transactionDate)
                .field(AO, institutionId).fields(BM, renewedItems).fields(BN, unrenewedItems).fields(AF, screenMessages).build();
    }

    private static String count(List<String> items) {
        return String.format(java.util.Locale.ROOT, "%04d", Math.min(9999, items.size()));
    }
}
