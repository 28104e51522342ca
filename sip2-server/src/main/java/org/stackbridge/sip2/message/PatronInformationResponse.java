package org.stackbridge.sip2.message;

import static org.stackbridge.sip2.spec.FieldCode.*;
import static org.stackbridge.sip2.spec.FixedField.*;

import java.util.List;
import org.stackbridge.sip2.spec.FieldCode;
import org.stackbridge.sip2.spec.Sip2MessageType;

/**
 * 64 Patron Information Response.
 *
 * @param patronStatus          14 Y/blank flags
 * @param language              three-digit language code
 * @param transactionDate       18-character date of the answer
 * @param holdItemsCount        four digits, available holds
 * @param overdueItemsCount     four digits
 * @param chargedItemsCount     four digits
 * @param fineItemsCount        four digits
 * @param recallItemsCount      four digits
 * @param unavailableHoldsCount four digits
 * @param institutionId         AO
 * @param patronId              AA
 * @param personalName          AE
 * @param chargedItemsLimit     CB, optional
 * @param validPatron           BL, Y or N, optional
 * @param validPatronPassword   CQ, Y or N, optional
 * @param currencyType          BH, optional
 * @param feeAmount             BV, the balance, optional
 * @param feeLimit              CC, optional
 * @param itemList              the one item list the summary selected: AS hold, AT overdue, AU charged, AV fine,
 *                              BU recall or CD unavailable hold items (null code: none)
 * @param items                 the values of that list, each its own field
 * @param extraFields           further patron fields (BE e-mail, BF phone, BD address, vendor codes), in order
 * @param screenMessages        AF, each its own field
 */
public record PatronInformationResponse(String patronStatus, String language, String transactionDate, String holdItemsCount,
                                        String overdueItemsCount, String chargedItemsCount, String fineItemsCount,
                                        String recallItemsCount, String unavailableHoldsCount, String institutionId,
                                        String patronId, String personalName, String chargedItemsLimit, String validPatron,
                                        String validPatronPassword, String currencyType, String feeAmount, String feeLimit,
                                        FieldCode itemList, List<String> items, List<Sip2Field> extraFields,
                                        List<String> screenMessages) implements Sip2Response {

    public PatronInformationResponse {
        items = items == null ? List.of() : List.copyOf(items);
        extraFields = extraFields == null ? List.of() : List.copyOf(extraFields);
        screenMessages = screenMessages == null ? List.of() : List.copyOf(screenMessages);
    }

    @Override
    public Sip2Message toMessage() {
        Sip2Message.Builder b = Sip2Message.builder(Sip2MessageType.PATRON_INFORMATION_RESPONSE).fixed(PATRON_STATUS, patronStatus)
                .fixed(LANGUAGE, language).fixed(TRANSACTION_DATE, transactionDate).fixed(HOLD_ITEMS_COUNT, holdItemsCount)
                .fixed(OVERDUE_ITEMS_COUNT, overdueItemsCount).fixed(CHARGED_ITEMS_COUNT, chargedItemsCount)
                .fixed(FINE_ITEMS_COUNT, fineItemsCount).fixed(RECALL_ITEMS_COUNT, recallItemsCount)
                .fixed(UNAVAILABLE_HOLDS_COUNT, unavailableHoldsCount).field(AO, institutionId).field(AA, patronId)
                .field(AE, personalName).field(CB, chargedItemsLimit).field(BL, validPatron).field(CQ, validPatronPassword)
                .field(BH, currencyType).field(BV, feeAmount).field(CC, feeLimit);
        if (itemList != null) {
            b.fields(itemList, items);
        }
        extraFields.forEach(b::add);
        return b.fields(AF, screenMessages).build();
    }
}
