package org.stackbridge.sip2.message;

/**
 * A typed SIP2 response: the fixed fields and the variable fields of one response message as named components.
 * Each record writes its own shape once, in {@link #toMessage()} (fixed part in spec order, variable fields in the
 * order we send them; a null component is not sent). The encoder then turns the generic message into bytes.
 */
public sealed interface Sip2Response permits LoginResponse, AcsStatusResponse, PatronStatusResponse, PatronInformationResponse,
        CheckoutResponse, CheckinResponse, RenewResponse, RenewAllResponse, ItemInformationResponse, ItemStatusUpdateResponse,
        HoldResponse, FeePaidResponse, EndSessionResponse {

    /** The generic message the encoder writes. */
    Sip2Message toMessage();
}
