package org.stackbridge.sip2.message;

import static org.stackbridge.sip2.spec.FieldCode.AM;
import static org.stackbridge.sip2.spec.FieldCode.AN;
import static org.stackbridge.sip2.spec.FieldCode.AO;
import static org.stackbridge.sip2.spec.FieldCode.BX;
import static org.stackbridge.sip2.spec.FixedField.*;

import org.stackbridge.sip2.spec.Sip2MessageType;

/**
 * 98 ACS Status: the ACS's answer to SC Status.
 *
 * @param onlineStatus       Y if the ACS is on-line
 * @param checkinOk          Y if the SC may check in items
 * @param checkoutOk         Y if the SC may check out items
 * @param acsRenewalPolicy   Y if the SC may renew items
 * @param statusUpdateOk     Y if patron status updates (block patron) are allowed
 * @param offlineOk          Y if the ACS supports off-line operation
 * @param timeoutPeriod      three digits, tenths of a second the SC waits for an answer
 * @param retriesAllowed     three digits, times the SC may retry a request
 * @param dateTimeSync       18-character date/time of the ACS
 * @param protocolVersion    "2.00"
 * @param institutionId      AO
 * @param libraryName        AM, optional
 * @param supportedMessages  BX, 16 Y/N characters, one per message
 * @param terminalLocation   AN, optional
 */
public record AcsStatusResponse(boolean onlineStatus, boolean checkinOk, boolean checkoutOk, boolean acsRenewalPolicy,
                                boolean statusUpdateOk, boolean offlineOk, String timeoutPeriod, String retriesAllowed,
                                String dateTimeSync, String protocolVersion, String institutionId, String libraryName,
                                String supportedMessages, String terminalLocation) implements Sip2Response {

    @Override
    public Sip2Message toMessage() {
        return Sip2Message.builder(Sip2MessageType.ACS_STATUS_RESPONSE).yn(ONLINE_STATUS, onlineStatus).yn(CHECKIN_OK, checkinOk)
                .yn(CHECKOUT_OK, checkoutOk).yn(ACS_RENEWAL_POLICY, acsRenewalPolicy).yn(STATUS_UPDATE_OK, statusUpdateOk)
                .yn(OFFLINE_OK, offlineOk).fixed(TIMEOUT_PERIOD, timeoutPeriod).fixed(RETRIES_ALLOWED, retriesAllowed)
                .fixed(DATE_TIME_SYNC, dateTimeSync).fixed(PROTOCOL_VERSION, protocolVersion)
                .field(AO, institutionId).field(AM, libraryName).field(BX, supportedMessages).field(AN, terminalLocation).build();
    }
}
