package org.stackbridge.sip2.message;

import static org.stackbridge.sip2.spec.FieldCode.*;
import static org.stackbridge.sip2.spec.FixedField.*;

import org.stackbridge.sip2.spec.Sip2MessageType;

/**
 * 18 Item Information Response.
 *
 * @param circulationStatus  two digits (01 other, 03 available, 04 charged, 08 waiting on hold shelf, ...)
 * @param securityMarker     two digits (00 other, 01 none, 02 3M Tattle-Tape, 03 3M Whisper Tape)
 * @param feeType            two digits
 * @param transactionDate    18-character date of the answer
 * @param holdQueueLength    CF, optional
 * @param dueDate            AH, optional
 * @param holdPickupDate     CM, optional (the hold shelf expiry)
 * @param itemId             AB
 * @param titleId            AJ
 * @param owner              BG, optional
 * @param mediaType          CK, optional
 * @param permanentLocation  AQ, optional
 * @param currentLocation    AP, optional
 * @param callNumber         CS, optional (3M extension)
 * @param destinationLocation CT, optional (3M extension)
 * @param screenMessage      AF, optional
 */
public record ItemInformationResponse(String circulationStatus, String securityMarker, String feeType, String transactionDate,
                                      String holdQueueLength, String dueDate, String holdPickupDate, String itemId, String titleId,
                                      String owner, String mediaType, String permanentLocation, String currentLocation,
                                      String callNumber, String destinationLocation, String screenMessage) implements Sip2Response {

    @Override
    public Sip2Message toMessage() {
        return Sip2Message.builder(Sip2MessageType.ITEM_INFORMATION_RESPONSE).fixed(CIRCULATION_STATUS, circulationStatus)
                .fixed(SECURITY_MARKER, securityMarker).fixed(FEE_TYPE, feeType).fixed(TRANSACTION_DATE, transactionDate)
                .field(CF, holdQueueLength).field(AH, dueDate).field(CM, holdPickupDate).field(AB, itemId).field(AJ, titleId)
                .field(BG, owner).field(CK, mediaType).field(AQ, permanentLocation).field(AP, currentLocation).field(CS, callNumber)
                .field(CT, destinationLocation).field(AF, screenMessage).build();
    }
}
