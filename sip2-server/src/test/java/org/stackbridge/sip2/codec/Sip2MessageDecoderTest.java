package org.stackbridge.sip2.codec;

import static org.junit.jupiter.api.Assertions.*;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.spec.FieldCode;
import org.stackbridge.sip2.spec.FixedField;
import org.stackbridge.sip2.spec.Sip2MessageType;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Sip2MessageDecoderTest {

    private static final String SC_STATUS = "9900302.00AY1AZFCA5";
    private static final String LOGIN = "9300CNuser_id|COpassw0rd|AY1AZF594";

    private EmbeddedChannel channel;

    @BeforeEach
    void setUp() {
        channel = new EmbeddedChannel(new Sip2FrameDecoder(256), new Sip2MessageDecoder(Sip2WireFormat.DEFAULT));
    }

    @AfterEach
    void tearDown() {
        assertFalse(channel.finish());
    }

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    private Sip2Message read() {
        Sip2Request r = channel.readInbound();
        assertNotNull(r, "expected a message");
        return r.message();
    }

    @Test
    void byteAtATimeYieldsNothingUntilTheTerminator() {
        byte[] wire = (SC_STATUS + "\r").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < wire.length - 1; i++) {
            assertFalse(channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {wire[i]})), "at byte " + i);
        }
        assertTrue(channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {'\r'})));
        Sip2Message m = read();
        assertEquals(Sip2MessageType.SC_STATUS_REQUEST, m.type());
        assertEquals('1', m.sequence());
        assertEquals("2.00", m.fixed(FixedField.PROTOCOL_VERSION));
    }

    @Test
    void twoMessagesInOneBufferAreBothDecoded() {
        assertTrue(channel.writeInbound(bytes(LOGIN + "\r" + SC_STATUS + "\r")));
        assertEquals(Sip2MessageType.LOGIN_REQUEST, read().type());
        assertEquals(Sip2MessageType.SC_STATUS_REQUEST, read().type());
    }

    @Test
    void aMessageSplitAtEveryOffsetDecodesTheSame() {
        String wire = LOGIN + "\r";
        for (int cut = 1; cut < wire.length(); cut++) {
            channel.writeInbound(bytes(wire.substring(0, cut)));
            channel.writeInbound(bytes(wire.substring(cut)));
            Sip2Message m = read();
            assertTrue(m.decoderResult().isSuccess(), "cut " + cut);
            assertEquals("user_id", m.field(FieldCode.CN), "cut " + cut);
            assertNull(channel.readInbound());
        }
    }

    @Test
    void crlfTerminatorsAndAStrayLeadingLfAreAccepted() {
        assertTrue(channel.writeInbound(bytes("\n" + LOGIN + "\r\n" + SC_STATUS + "\r\n")));
        assertEquals(Sip2MessageType.LOGIN_REQUEST, read().type());
        assertEquals(Sip2MessageType.SC_STATUS_REQUEST, read().type());
        assertFalse(channel.writeInbound(bytes("\r\n\n")), "empty lines emit nothing");
        assertTrue(channel.writeInbound(bytes(SC_STATUS + "\n")), "a bare LF terminates too (nc without -C)");
        assertEquals(Sip2MessageType.SC_STATUS_REQUEST, read().type());
    }

    @Test
    void anOversizedFrameFailsFastThenTheNextFrameDecodes() {
        String big = "63" + "x".repeat(300);
        TooLongFrameException e = assertThrows(TooLongFrameException.class, () -> channel.writeInbound(bytes(big)));
        assertTrue(e.getMessage().contains("256"));
        channel.writeInbound(bytes("yyy\r" + SC_STATUS + "\r"));
        assertEquals(Sip2MessageType.SC_STATUS_REQUEST, read().type());
        assertNull(channel.readInbound());
    }

    @Test
    void aBadChecksumIsAFailureValueNotAnException() {
        assertTrue(channel.writeInbound(bytes("9300CNuser_id|COpassw0rd|AY1AZF595\r")));
        Sip2Message m = read();
        assertTrue(m.decoderResult().isFailure());
        assertEquals(Sip2DecoderException.Kind.BAD_CHECKSUM, ((Sip2DecoderException) m.decoderResult().cause()).kind());
        assertEquals('1', m.sequence());
    }

    @Test
    void lowercaseChecksumDigitsAreAccepted() {
        assertTrue(channel.writeInbound(bytes("9300CNuser_id|COpassw0rd|AY1AZf594\r")));
        assertTrue(read().decoderResult().isSuccess());
    }

    @ParameterizedTest
    @ValueSource(strings = {"X", "!Y", "!Yfoo", "98", "99abc", "XXSomeUnknownData", "2399", "11YN2020", "15?20260101    101010AOa|"})
    void garbageBecomesAnInvalidMessage(String raw) {
        assertTrue(channel.writeInbound(bytes(raw + "\r")));
        Sip2Message m = read();
        assertTrue(m.decoderResult().isFailure(), raw);
    }

    @Test
    void strayDelimiterAfterTheFixedPartAndMissingLastDelimiterAreTolerated() {
        assertTrue(channel.writeInbound(bytes("9900002.00|AY0AZFC2D\r6300020261129    033407          AApatron1|AOinst\r")));
        assertTrue(read().decoderResult().isSuccess());
        Sip2Message m = read();
        assertTrue(m.decoderResult().isSuccess());
        assertEquals("inst", m.field(FieldCode.AO));
    }

    @Test
    void unknownFieldsAndRepeatsAreKeptInOrder() {
        Sip2Message plain = Sip2MessageDecoder.decode("9900802.00XXSomeUnexpectedValue|AFone|AFtwo|".getBytes(StandardCharsets.US_ASCII),
                Sip2WireFormat.DEFAULT);
        assertEquals(List.of("one", "two"), plain.all(FieldCode.AF));
        assertEquals("XX", plain.fields().get(0).code().code());
        assertFalse(plain.fields().get(0).code().isKnown());
        assertEquals("SomeUnexpectedValue", plain.field(FieldCode.valueOf("XX")));
    }

    @Test
    void arbitraryBytesNeverEscapeAsExceptions() {
        java.util.Random r = new java.util.Random(42);
        List<Sip2Message> out = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            byte[] b = new byte[r.nextInt(120)];
            r.nextBytes(b);
            Sip2Message m = Sip2MessageDecoder.decode(b, Sip2WireFormat.DEFAULT);
            if (m != null) {
                out.add(m);
            }
        }
        assertFalse(out.isEmpty());
    }
}
