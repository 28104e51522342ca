package org.stackbridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.stackbridge.sip2.client.Sip2Requests;
import org.stackbridge.sip2.codec.Sip2MessageDecoder;
import org.stackbridge.sip2.codec.Sip2MessageEncoder;
import org.stackbridge.sip2.codec.Sip2WireFormat;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.spec.FieldCode;
import org.stackbridge.sip2.spec.FixedField;
import org.stackbridge.sip2.spec.Sip2MessageType;

/** The protocol-only responder answers from its memory, as the kiosk bench expects of a real server. */
class Sip2ResponderTest {

    private final Sip2Requests rq = new Sip2Requests(Clock.systemUTC(), "BENCH");
    private final Sip2Responder responder = new Sip2Responder("2468");

    @Test
    void checksPinAsPlainText() {
        assertEquals("Y", responder.answer(rq.patronInformation("BP1", "2468", -1, null, null)).field(FieldCode.CQ));
        assertEquals("N", responder.answer(rq.patronInformation("BP1", "0000", -1, null, null)).field(FieldCode.CQ));
    }

    @Test
    void refusesSecondCheckoutOfAnItemOnLoanAndCheckinOfAnItemNotOnLoan() {
        assertEquals("1", responder.answer(rq.checkout("BP1", "BI0-1", "2468")).fixed(FixedField.OK));
        assertEquals("0", responder.answer(rq.checkout("BP2", "BI0-1", null)).fixed(FixedField.OK));
        Sip2Message in = responder.answer(rq.checkin("BI0-1", "BENCH"));
        assertEquals("1", in.fixed(FixedField.OK));
        assertEquals("BP1", in.field(FieldCode.AA));
        assertEquals("0", responder.answer(rq.checkin("BI0-1", "BENCH")).fixed(FixedField.OK));
    }

    @Test
    void refusesCheckoutWithWrongPin() {
        assertEquals("0", responder.answer(rq.checkout("BP1", "BI0-2", "1111")).fixed(FixedField.OK));
        assertEquals("1", responder.answer(rq.checkout("BP1", "BI0-2", "2468")).fixed(FixedField.OK));
    }

    @Test
    void answersEncodeWithTheGatewaysCodecAndLoginIsAccepted() {
        Sip2Message login = responder.answer(rq.login("bench", "bench", "BENCH"));
        byte[] wire = Sip2MessageEncoder.encode(login, Sip2WireFormat.DEFAULT);
        Sip2Message back = Sip2MessageDecoder.decode(wire, Sip2WireFormat.DEFAULT);
        assertEquals(Sip2MessageType.LOGIN_RESPONSE, back.type());
        assertEquals("1", back.fixed(FixedField.OK));
        assertNull(responder.answer(rq.scStatus()));
    }
}
