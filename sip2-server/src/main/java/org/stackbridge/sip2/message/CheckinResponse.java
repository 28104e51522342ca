package org.stackbridge.sip2.message;

import static org.stackbridge.sip2.spec.FieldCode.*;
import static org.stackbridge.sip2.spec.FixedField.*;

import java.util.List;
import org.stackbridge.sip2.spec.Sip2MessageType;

/**
 * 10 Checkin Response.
 *
 * @param ok                  1 if the item was checked in
 * @param resensitize         Y if the SC should resensitize the item
 * @param magneticMedia       Y, N or U (unknown)
 * @param alert               Y if the SC should alert staff (hold, transit, an item that needs attention)
 * @param transactionDate     18-character date of the answer
 * @param institutionId       AO
 * @param itemId              AB
 * @param permanentLocation   AQ
 * @param titleId             AJ, optional
 * @param sortBin             CL, optional
 * @param patronId            AA, optional (the patron the item is held for)
 * @param mediaType           CK, optional
 * @param callNumber          CS, optional (3M extension)
 * @param alertType           CV, optional (3M: 01 hold here, 02 hold elsewhere, 04 send to another branch, 99 other)
 * @param destinationLocation CT, optional (3M extension)
 * @param holdPatronId        CY, optional (3M extension)
 * @param holdPatronName      DA, optional (3M extension)
 * @param screenMessages      AF, each its own field
 */
public record CheckinResponse(boolean ok, boolean resensitize, String magneticMedia, boolean alert, String transactionDate,
                              String institutionId, String itemId, String permanentLocation, String titleId, String sortBin,
                              String patronId, String mediaType, String callNumber, String alertType,
                              String destinationLocation, String holdPatronId, String holdPatronName,
                              List<String> screenMessages) implements Sip2Response {

    public CheckinResponse {
        screenMessages = screenMessages == null ? List.of() : List.copyOf(screenMessages);
    }

    @Override
    public Sip2Message toMessage() {
        return Sip2Message.builder(Sip2MessageType.CHECKIN_RESPONSE).ok(OK, ok).yn(RESENSITIZE, resensitize)
                .fixed(MAGNETIC_MEDIA, magneticMedia).yn(ALERT, alert).fixed(TRANSACTION_DATE, transactionDate)
                .field(AO, institutionId).field(AB, itemId).field(AQ, permanentLocation).field(AJ, titleId).field(CL, sortBin)
                .field(AA, patronId).field(CK, mediaType).field(CS, callNumber).field(CV, alertType).field(CT, destinationLocation)
                .field(CY, holdPatronId).field(DA, holdPatronName).fields(AF, screenMessages).build();
    }
}
