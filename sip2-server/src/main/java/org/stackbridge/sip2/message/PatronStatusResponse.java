package org.stackbridge.sip2.message;

import static org.stackbridge.sip2.spec.FieldCode.*;
import static org.stackbridge.sip2.spec.FixedField.LANGUAGE;
import static org.stackbridge.sip2.spec.FixedField.PATRON_STATUS;
import static org.stackbridge.sip2.spec.FixedField.TRANSACTION_DATE;

import java.util.List;
import org.stackbridge.sip2.spec.Sip2MessageType;

/**
 * 24 Patron Status Response (to 23 Patron Status and 01 Block Patron) and 26 Patron Enable Response, which has
 * the same layout.
 *
 * @param type                24 or 26
 * @param patronStatus        14 Y/blank flags (charge privileges denied, renewal denied, ...)
 * @param language            three-digit language code
 * @param transactionDate     18-character date of the answer
 * @param institutionId       AO
 * @param patronId            AA
 * @param personalName        AE
 * @param validPatron         BL, Y or N, optional
 * @param validPatronPassword CQ, Y or N, optional (absent when no password was checked)
 * @param currencyType        BH, optional (24 only)
 * @param feeAmount           BV, the patron's balance, optional (24 only)
 * @param screenMessages      AF, each sent as its own field
 */
public record PatronStatusResponse(Sip2MessageType type, String patronStatus, String language, String transactionDate,
                                   String institutionId, String patronId, String personalName, String validPatron,
                                   String validPatronPassword, String currencyType, String feeAmount,
                                   List<String> screenMessages) implements Sip2Response {

    public PatronStatusResponse {
        if (type != Sip2MessageType.PATRON_STATUS_RESPONSE && type != Sip2MessageType.PATRON_ENABLE_RESPONSE) {
            throw new IllegalArgumentException("a patron status has type 24 or 26, not " + type);
        }
        screenMessages = screenMessages == null ? List.of() : List.copyOf(screenMessages);
    }

    @Override
    public Sip2Message toMessage() {
        return Sip2Message.builder(type).fixed(PATRON_STATUS, patronStatus).fixed(LANGUAGE, language)
                .fixed(TRANSACTION_DATE, transactionDate).field(AO, institutionId).field(AA, patronId).field(AE, personalName)
                .field(BL, validPatron).field(CQ, validPatronPassword).field(BH, currencyType).field(BV, feeAmount)
                .fields(AF, screenMessages).build();
    }
}
