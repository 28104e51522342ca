package org.stackbridge.sip2.server;

import static org.junit.jupiter.api.Assertions.*;
import static org.stackbridge.sip2.spec.FieldCode.*;
import static org.stackbridge.sip2.spec.FixedField.OK;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.stackbridge.sip2.client.Sip2Client;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.spec.Sip2MessageType;

/**
 * A terminal profile's hidden fields apply to every response, refusals included (the check-in refusal used to
 * skip them). Account sorter/pw uses profile "sorter", which hides AF (optional) and AO (required: sent empty).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class Sip2FieldHidingIT extends Sip2ServerFixture {

    private Sip2Client sorter() throws Exception {
        Sip2Client c = t.connect();
        assertEquals("1", c.send(rq.login("sorter", "pw", "MAIN")).fixed(OK), "sorter logs in");
        return c;
    }

    @Test
    void aProfilesHiddenFieldsApplyToACheckinRefusal() throws Exception {
        try (Sip2Client c = sorter()) {
            Sip2Message refused = c.send(rq.checkin("NO-SUCH-ITEM", "MAIN"));
            assertEquals(Sip2MessageType.CHECKIN_RESPONSE, refused.type());
            assertEquals("0", refused.fixed(OK), "an unknown item is refused");
            assertEquals("NO-SUCH-ITEM", refused.field(AB));
            assertNull(refused.field(AF), "hidden AF must not be sent on a refusal: " + refused);
            assertEquals("", refused.field(AO), "hidden required AO goes out empty: " + refused);
        }
    }

    @Test
    void aProfilesHiddenFieldsApplyToASuccessfulCheckinAndToTheFailureOfAMissingField() throws Exception {
        try (Sip2Client kiosk = t.kiosk1()) {
            assertEquals("1", kiosk.send(rq.checkout("P1", "I1", "1234")).fixed(OK));
        }
        try (Sip2Client c = sorter()) {
            Sip2Message in = c.send(rq.checkin("I1", "MAIN"));
            assertEquals("1", in.fixed(OK));
            assertNull(in.field(AF), in.toString());
            assertEquals("", in.field(AO), in.toString());
            Sip2Message missing = c.send(rq.patronStatus("", null));
            assertEquals(Sip2MessageType.PATRON_STATUS_RESPONSE, missing.type());
            assertNull(missing.field(AF), "the failure response of a missing AA hides AF too: " + missing);
        }
    }

    @Test
    void otherProfilesStillSeeTheFields() throws Exception {
        try (Sip2Client c = t.kiosk1()) {
            Sip2Message refused = c.send(rq.checkin("NO-SUCH-ITEM", "MAIN"));
            assertEquals("0", refused.fixed(OK));
            assertNotNull(refused.field(AF), refused.toString());
            assertEquals("INST1", refused.field(AO));
        }
    }
}
