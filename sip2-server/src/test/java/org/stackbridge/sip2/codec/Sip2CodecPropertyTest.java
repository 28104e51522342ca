package org.stackbridge.sip2.codec;

import static org.junit.jupiter.api.Assertions.*;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.spec.FieldCode;
import org.stackbridge.sip2.spec.FixedField;
import org.stackbridge.sip2.spec.Sip2MessageType;

/**
 * Seeded properties of the codec: each property is one test looping over generated inputs, printing how many it
 * checked; every failure message names the input's seed (override the base with -Dsb.seed).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Sip2CodecPropertyTest {

    private static final long BASE_SEED = Long.getLong("sb.seed", 20260131L);
    private static final String TEXT = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.,:;/@#$%&*()'\"";
    private static final String ACCENTED = "éèàüöñçÉÜ";
    private static final List<FieldCode> EXTRA = List.of(FieldCode.valueOf("ZZ"), FieldCode.valueOf("XI"), FieldCode.AF,
            FieldCode.AG, FieldCode.CH, FieldCode.PA, FieldCode.CV);

    static Sip2Message randomMessage(Random r, boolean accents) {
        Sip2MessageType[] types = Sip2MessageType.values();
        Sip2MessageType type = types[r.nextInt(types.length)];
        Sip2Message.Builder b = Sip2Message.builder(type);
        for (FixedField f : type.spec().fixed()) {
            b.fixed(f, randomFixed(r, f));
        }
        List<FieldCode> codes = new ArrayList<>(type.spec().required());
        int extra = r.nextInt(6);
        for (int i = 0; i < extra; i++) {
            codes.add(EXTRA.get(r.nextInt(EXTRA.size())));
        }
        java.util.Collections.shuffle(codes, r);
        for (FieldCode c : codes) {
            b.field(c, randomText(r, r.nextInt(40), accents));
        }
        boolean ed = r.nextBoolean();
        boolean noSeq = type == Sip2MessageType.REQUEST_ACS_RESEND || type == Sip2MessageType.REQUEST_SC_RESEND;
        return b.sequence(ed && !noSeq ? (char) ('0' + r.nextInt(10)) : null, ed).build();
    }

    private static String randomFixed(Random r, FixedField f) {
        return switch (f.kind()) {
            case YN -> r.nextBoolean() ? "Y" : "N";
            case YNU -> String.valueOf("YNU".charAt(r.nextInt(3)));
            case ZERO_ONE -> r.nextBoolean() ? "1" : "0";
            case DIGITS, COUNT -> digits(r, f.length());
            case DATE, DATE_OR_BLANK -> "2026" + String.format("%02d%02d", 1 + r.nextInt(12), 1 + r.nextInt(28))
                    + (r.nextBoolean() ? "    " : "   Z") + String.format("%02d%02d%02d", r.nextInt(24), r.nextInt(60), r.nextInt(60));
            case HOLD_MODE -> String.valueOf("+-*".charAt(r.nextInt(3)));
            case ANY -> randomText(r, f.length(), false);
        };
    }

    private static String digits(Random r, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append((char) ('0' + r.nextInt(10)));
        }
        return b.toString();
    }

    private static String randomText(Random r, int n, boolean accents) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(accents && r.nextInt(8) == 0 ? ACCENTED.charAt(r.nextInt(ACCENTED.length())) : TEXT.charAt(r.nextInt(TEXT.length())));
        }
        return b.toString();
    }

    @Test
    void decodeOfEncodeIsTheIdentity() {
        int checked = 0;
        for (int run = 1; run <= 300; run++) {
            decodeOfEncodeIsTheIdentity(BASE_SEED + run);
            checked++;
        }
        report("decodeOfEncodeIsTheIdentity", checked);
    }

    private static void decodeOfEncodeIsTheIdentity(long seed) {
        Random r = new Random(seed);
        Sip2Charset cs = List.of(Sip2Charset.UTF_8, Sip2Charset.IBM850, Sip2Charset.ISO_8859_1).get(r.nextInt(3));
        Sip2WireFormat f = new Sip2WireFormat(cs, Sip2WireFormat.Terminator.CR, false, '|');
        Sip2Message m = randomMessage(r, true);
        byte[] wire = Sip2MessageEncoder.encode(m, f);
        Sip2Message back = Sip2MessageDecoder.decode(java.util.Arrays.copyOf(wire, wire.length - 1), f);
        assertEquals(m, back, () -> "seed=" + seed + " charset=" + cs);
    }

    @Test
    void checksumAcceptsCorrectSumsAndRejectsEverySingleByteChange() {
        int checked = 0;
        for (int run = 1; run <= 200; run++) {
            checksumAcceptsCorrectSumsAndRejectsASingleByteChange(BASE_SEED + 1000 + run);
            checked++;
        }
        report("checksumAcceptsCorrectSumsAndRejectsEverySingleByteChange", checked);
    }

    private static void checksumAcceptsCorrectSumsAndRejectsASingleByteChange(long seed) {
        Random r = new Random(seed);
        Sip2Message m = randomMessage(r, true).withSequence('3', true);
        byte[] wire = Sip2MessageEncoder.encode(m, Sip2WireFormat.DEFAULT);
        byte[] body = java.util.Arrays.copyOf(wire, wire.length - 1);
        assertTrue(ErrorDetection.verify(body), () -> "seed=" + seed);
        int at = r.nextInt(body.length - 4);
        byte old = body[at];
        byte changed = (byte) (old + 1 + r.nextInt(250));
        body[at] = changed;
        assertFalse(ErrorDetection.verify(body), () -> "seed=" + seed + " at=" + at);
    }

    @Test
    void splittingAStreamAnywhereYieldsTheSameMessages() {
        int checked = 0;
        for (int run = 1; run <= 50; run++) {
            splittingAStreamAnywhereYieldsTheSameMessages(BASE_SEED + 2000 + run);
            checked++;
        }
        report("splittingAStreamAnywhereYieldsTheSameMessages", checked);
    }

    private static void splittingAStreamAnywhereYieldsTheSameMessages(long seed) {
        Random r = new Random(seed);
        List<Sip2Message> sent = new ArrayList<>();
        java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < 5; i++) {
            Sip2Message m = randomMessage(r, false);
            sent.add(m);
            stream.writeBytes(Sip2MessageEncoder.encode(m, Sip2WireFormat.DEFAULT));
        }
        byte[] all = stream.toByteArray();
        EmbeddedChannel ch = new EmbeddedChannel(new Sip2FrameDecoder(65536), new Sip2MessageDecoder(Sip2WireFormat.DEFAULT));
        int pos = 0;
        while (pos < all.length) {
            int n = Math.min(all.length - pos, 1 + r.nextInt(30));
            ch.writeInbound(Unpooled.wrappedBuffer(all, pos, n));
            pos += n;
        }
        for (Sip2Message m : sent) {
            Sip2Request got = ch.readInbound();
            assertNotNull(got, () -> "seed=" + seed);
            assertEquals(m, got.message(), () -> "seed=" + seed);
        }
        assertFalse(ch.finish(), () -> "seed=" + seed);
    }

    @Test
    void encoderProducesTheReferenceConstants() {
        Sip2Message r96 = Sip2Message.builder(Sip2MessageType.REQUEST_SC_RESEND).sequence(null, true).build();
        assertEquals("96AZFEF6\r", ascii(Sip2MessageEncoder.encode(r96, Sip2WireFormat.DEFAULT)));
        Sip2Message r97 = Sip2Message.builder(Sip2MessageType.REQUEST_ACS_RESEND).sequence('1', true).build();
        assertEquals("97AZFEF5\r", ascii(Sip2MessageEncoder.encode(r97, Sip2WireFormat.DEFAULT)));
        Sip2Message ok = Sip2Message.builder(Sip2MessageType.LOGIN_RESPONSE).ok(FixedField.OK, true).sequence('0', true).build();
        assertEquals("941AY0AZFDFD\r", ascii(Sip2MessageEncoder.encode(ok, Sip2WireFormat.DEFAULT)));
        Sip2Message sc = Sip2Message.builder(Sip2MessageType.SC_STATUS_REQUEST).fixed(FixedField.STATUS_CODE, "0")
                .fixed(FixedField.MAX_PRINT_WIDTH, "030").fixed(FixedField.PROTOCOL_VERSION, "2.00").sequence('1', true).build();
        assertEquals("9900302.00AY1AZFCA5\r", ascii(Sip2MessageEncoder.encode(sc, Sip2WireFormat.DEFAULT)));
        Sip2WireFormat crlf = new Sip2WireFormat(Sip2Charset.UTF_8, Sip2WireFormat.Terminator.CRLF, false, '|');
        assertEquals("941\r\n", ascii(Sip2MessageEncoder.encode(ok.withSequence(null, false), crlf)));
    }

    @Test
    void checksumDependsOnTheWireCharset() {
        Sip2Message m = Sip2Message.builder(Sip2MessageType.ITEM_INFORMATION_REQUEST).fixed(FixedField.TRANSACTION_DATE, "20230822    152339")
                .field(FieldCode.AO, "inst").field(FieldCode.AB, "café").sequence('1', true).build();
        assertTrue(ascii(Sip2MessageEncoder.encode(m, Sip2WireFormat.DEFAULT)).endsWith("AZF489\r"));
        assertTrue(ascii(Sip2MessageEncoder.encode(m, new Sip2WireFormat(Sip2Charset.IBM850, Sip2WireFormat.Terminator.CR, false, '|')))
                .endsWith("AZF573\r"));
        assertTrue(ascii(Sip2MessageEncoder.encode(m, new Sip2WireFormat(Sip2Charset.ISO_8859_1, Sip2WireFormat.Terminator.CR, false, '|')))
                .endsWith("AZF50C\r"));
        assertEquals("cafe", Sip2Charset.transliterate("café"));
    }

    @Test
    void aSeparateChecksumCharsetSumsTheTransliteratedText() {
        Sip2WireFormat alma = new Sip2WireFormat(Sip2Charset.UTF_8, Sip2WireFormat.Terminator.CR, false, '|', Sip2Charset.ASCII);
        Sip2Message m = Sip2Message.builder(Sip2MessageType.ITEM_INFORMATION_REQUEST).fixed(FixedField.TRANSACTION_DATE, "20230822    152339")
                .field(FieldCode.AO, "inst").field(FieldCode.AB, "café").sequence('1', true).build();
        byte[] wire = Sip2MessageEncoder.encode(m, alma);
        String text = new String(wire, StandardCharsets.UTF_8);
        assertTrue(text.contains("ABcafé|"), "the wire keeps UTF-8");
        byte[] ascii = "1720230822    152339AOinst|ABcafe|AY1AZ".getBytes(StandardCharsets.US_ASCII);
        assertTrue(text.endsWith("AZ" + ErrorDetection.hex(ErrorDetection.checksum(ascii, ascii.length)) + "\r"));
        byte[] frame = java.util.Arrays.copyOf(wire, wire.length - 1);
        assertEquals(m, Sip2MessageDecoder.decode(frame, alma));
        assertTrue(Sip2MessageDecoder.decode(frame, Sip2WireFormat.DEFAULT).decoderResult().isFailure(),
                "with the wire charset the same bytes do not verify");
    }

    @Test
    void valuesAreSanitisedAndTruncated() {
        Sip2Message m = Sip2Message.builder(Sip2MessageType.LOGIN_REQUEST).fixed(FixedField.UID_ALGORITHM, "0")
                .fixed(FixedField.PWD_ALGORITHM, "0").field(FieldCode.CN, "a|b\rc\nd").field(FieldCode.CO, "x".repeat(300)).build();
        String wire = ascii(Sip2MessageEncoder.encode(m, Sip2WireFormat.DEFAULT));
        assertEquals("9300CNa b c d|CO" + "x".repeat(255) + "|\r", wire);
    }

    @Test
    void logRenderingMasksPasswords() {
        Sip2Message m = Sip2MessageDecoder.decode("9300CNuser|COsecret|".getBytes(StandardCharsets.US_ASCII), Sip2WireFormat.DEFAULT);
        assertFalse(m.toString().contains("secret"));
        Sip2Message p = Sip2MessageDecoder.decode("2300020261129    033407AApatron1|AD1234|AOinst|ACterm|".getBytes(StandardCharsets.US_ASCII),
                Sip2WireFormat.DEFAULT);
        assertFalse(p.toString().contains("1234"));
        assertFalse(p.toString().contains("term"));
    }

    private static void report(String property, int checked) {
        System.out.printf("%s: checked %d seeded inputs (base seed %d)%n", property, checked, BASE_SEED);
    }

    private static String ascii(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
