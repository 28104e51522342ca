package org.stackbridge.z3950;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.stackbridge.z3950.ber.BerFrameDecoder;

@Timeout(30)
class BerFrameDecoderTest {

    /** searchResponse for diag 114 (definite) and the start of an indefinite-length presentResponse. */
    static final byte[] DEFINITE = HexFormat.of().parseHex(
            "b725970100980100990100960100" + "9a0103bf810212" + "06072a8648ce130401020172" + "1a0439393939");
    static final byte[] INDEFINITE = HexFormat.of().parseHex(
            "b980" + "980101" + "990102" + "bc80" + "3080" + "0400" + "0000" + "0000" + "0000");

    private EmbeddedChannel ch;

    @BeforeEach
    void setUp() {
        ch = new EmbeddedChannel(new BerFrameDecoder(1 << 16, 16));
    }

    @AfterEach
    void tearDown() {
        assertFalse(ch.finish());
    }

    @Test
    void byteAtATime() {
        for (int i = 0; i < DEFINITE.length - 1; i++) {
            assertFalse(ch.writeInbound(Unpooled.wrappedBuffer(DEFINITE, i, 1)));
        }
        ch.writeInbound(Unpooled.wrappedBuffer(DEFINITE, DEFINITE.length - 1, 1));
        assertArrayEquals(DEFINITE, ch.readInbound());
    }

    @Test
    void twoPdusInOneBufferIncludingIndefiniteLengths() {
        byte[] both = new byte[DEFINITE.length + INDEFINITE.length];
        System.arraycopy(INDEFINITE, 0, both, 0, INDEFINITE.length);
        System.arraycopy(DEFINITE, 0, both, INDEFINITE.length, DEFINITE.length);
        ch.writeInbound(Unpooled.wrappedBuffer(both));
        assertArrayEquals(INDEFINITE, ch.readInbound());
        assertArrayEquals(DEFINITE, ch.readInbound());
        assertNull(ch.readInbound());
    }

    @Test
    void splitAtEveryOffset() {
        for (int cut = 1; cut < INDEFINITE.length; cut++) {
            EmbeddedChannel c = new EmbeddedChannel(new BerFrameDecoder(1 << 16, 16));
            c.writeInbound(Unpooled.wrappedBuffer(INDEFINITE, 0, cut));
            c.writeInbound(Unpooled.wrappedBuffer(INDEFINITE, cut, INDEFINITE.length - cut));
            assertArrayEquals(INDEFINITE, c.readInbound(), "cut " + cut);
            assertFalse(c.finish());
        }
    }

    @Test
    void oversizeDeclaredLengthFailsFast() {
        byte[] huge = HexFormat.of().parseHex("b68400100000");
        assertThrows(TooLongFrameException.class, () -> ch.writeInbound(Unpooled.wrappedBuffer(huge)));
    }

    @Test
    void tooManyLengthOctetsIsCorrupt() {
        assertThrows(CorruptedFrameException.class, () -> ch.writeInbound(Unpooled.wrappedBuffer(HexFormat.of().parseHex("b6850000000001"))));
    }

    @Test
    void nestingDeeperThanTheCapIsCorrupt() {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            hex.append("a080");
        }
        assertThrows(CorruptedFrameException.class, () -> ch.writeInbound(Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex.toString()))));
    }
}
