package org.stackbridge.z3950;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.stackbridge.z3950.ber.BerException;
import org.stackbridge.z3950.ber.BerFrameDecoder;
import org.stackbridge.z3950.ber.BerHeader;
import org.stackbridge.z3950.ber.BerNode;
import org.stackbridge.z3950.pdu.Z3950Decoder;
import org.stackbridge.z3950.pdu.Z3950Encoder;
import org.stackbridge.z3950.pdu.Z3950Pdu;

/**
 * Seeded property tests, each one test looping over its generated cases (the count is printed): random and mutated
 * PDUs either decode (and then re-encode stably) or fail with the documented failure only ({@link BerException} from
 * {@link Z3950Decoder#decode}, {@link Z3950Pdu.Undecodable} from the pipeline stage, {@link TooLongFrameException} or
 * {@link CorruptedFrameException} from the framer); BER lengths round-trip over the whole int range. Every assertion
 * message names the seed; reproduce with {@code -Dsb.seed=N} (the base seed; case n uses base + n).
 */
@Timeout(120)
class BerFuzzTest {

    private static final long BASE_SEED = Long.getLong("sb.seed", 20261129L);
    private static final int PDU_CASES = 2000;
    private static final int FRAMER_CASES = 500;
    private static final int LENGTH_CASES = 2000;
    private static final int NODE_CASES = 200;
    private static final int MAX_PDU = 4096;
    private static final List<byte[]> VECTORS = new ArrayList<>();

    @BeforeAll
    static void load() throws Exception {
        for (String f : List.of("session.pdus.hex", "ztest.pdus.hex")) {
            try (InputStream in = BerFuzzTest.class.getResourceAsStream("/golden/z3950/" + f)) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                    String[] p = line.strip().split("\t");
                    if (p.length == 3) {
                        VECTORS.add(HexFormat.of().parseHex(p[2]));
                    }
                }
            }
        }
    }

    private static byte[] mutate(Random r) {
        byte[] base = VECTORS.get(r.nextInt(VECTORS.size())).clone();
        int edits = 1 + r.nextInt(8);
        for (int i = 0; i < edits; i++) {
            switch (r.nextInt(4)) {
                case 0 -> base[r.nextInt(base.length)] = (byte) r.nextInt(256);
                case 1 -> base[r.nextInt(base.length)] ^= (byte) (1 << r.nextInt(8));
                case 2 -> base = java.util.Arrays.copyOf(base, Math.max(1, r.nextInt(base.length)));
                default -> {
                    int at = r.nextInt(base.length);
                    base[at] = (byte) (r.nextBoolean() ? 0x80 : 0x84);
                }
            }
        }
        return base;
    }

    @Test
    void mutatedPdusDecodeAndReEncodeStablyOrFailWithBerExceptionOnly() {
        int decoded = 0;
        int refused = 0;
        for (int n = 0; n < PDU_CASES; n++) {
            long seed = BASE_SEED + n;
            Random r = new Random(seed);
            byte[] b = r.nextInt(4) == 0 ? randomBytes(r) : mutate(r);
            Z3950Pdu pdu;
            try {
                pdu = Z3950Decoder.decode(b);
            } catch (BerException documented) {
                refused++;
                assertInstanceOf(Z3950Pdu.Undecodable.class, Z3950Decoder.decodeOrFailure(b), "seed=" + seed);
                continue;
            } catch (RuntimeException e) {
                throw new AssertionError("seed=" + seed + ": undocumented failure " + e, e);
            }
            decoded++;
            if (pdu instanceof Z3950Pdu.SearchRequest q && q.rpn() == null) {
                // a query type other than RPN is decoded as its type number only (answered with diagnostic 107)
                assertThrows(IllegalArgumentException.class, () -> Z3950Encoder.encode(pdu), "seed=" + seed);
                continue;
            }
            byte[] once = Z3950Encoder.encode(pdu);
            assertArrayEquals(once, Z3950Encoder.encode(Z3950Decoder.decode(once)), "seed=" + seed + ": re-encoding is not stable");
        }
        System.out.printf("BerFuzzTest: %d mutated PDUs, %d decoded, %d refused (base seed %d)%n", PDU_CASES, decoded, refused, BASE_SEED);
        assertEquals(PDU_CASES, decoded + refused);
        assertTrue(decoded > 0 && refused > 0, "the generator must reach both outcomes (base seed " + BASE_SEED + ")");
    }

    @Test
    void framerEmitsConsecutiveSlicesOfTheInputOrFailsWithAFramingException() {
        int frames = 0;
        int failures = 0;
        for (int n = 0; n < FRAMER_CASES; n++) {
            long seed = BASE_SEED * 31 + n;
            Random r = new Random(seed);
            EmbeddedChannel ch = new EmbeddedChannel(new BerFrameDecoder(MAX_PDU, 16));
            byte[] b = r.nextBoolean() ? randomBytes(r) : mutate(r);
            ByteArrayOutputStream framed = new ByteArrayOutputStream();
            int pos = 0;
            boolean failed = false;
            try {
                while (pos < b.length) {
                    int len = 1 + r.nextInt(Math.min(64, b.length - pos));
                    ch.writeInbound(Unpooled.wrappedBuffer(b, pos, len));
                    pos += len;
                    for (Object o = ch.readInbound(); o != null; o = ch.readInbound()) {
                        byte[] frame = (byte[]) o;
                        frames++;
                        assertTrue(frame.length <= MAX_PDU, "seed=" + seed + ": frame of " + frame.length + " bytes");
                        framed.writeBytes(frame);
                        // the pipeline stage after the framer never throws: a PDU or the failure value
                        Z3950Decoder.decodeOrFailure(frame);
                    }
                }
            } catch (DecoderException e) {
                failed = true;
                failures++;
                assertTrue(e instanceof TooLongFrameException || e instanceof CorruptedFrameException, "seed=" + seed + ": " + e);
                // frames cut from the same read before the failure still go up the pipeline
                for (Object o = ch.readInbound(); o != null; o = ch.readInbound()) {
                    frames++;
                    framed.writeBytes((byte[]) o);
                }
                ch.writeInbound(Unpooled.wrappedBuffer(b));
                assertNull(ch.readInbound(), "seed=" + seed + ": a failed framer emitted another frame");
            }
            byte[] out = framed.toByteArray();
            assertArrayEquals(Arrays.copyOf(b, out.length), out, "seed=" + seed + ": frames are not consecutive slices of the input");
            assertTrue(failed || b.length - out.length < MAX_PDU + 8, "seed=" + seed + ": " + (b.length - out.length) + " bytes held back");
            ch.finishAndReleaseAll();
        }
        System.out.printf("BerFuzzTest: %d garbage streams, %d frames, %d framing failures (base seed %d)%n", FRAMER_CASES, frames,
                failures, BASE_SEED);
        assertTrue(frames > 0 && failures > 0, "the generator must reach both outcomes (base seed " + BASE_SEED + ")");
    }

    private static byte[] randomBytes(Random r) {
        byte[] b = new byte[1 + r.nextInt(300)];
        r.nextBytes(b);
        if (r.nextBoolean()) {
            b[0] = (byte) (0xB4 + r.nextInt(11));
        }
        return b;
    }

    @Test
    void berLengthsRoundTripOverTheWholeIntRange() {
        int[] edges = {0, 1, 127, 128, 255, 256, 65_535, 65_536, 0xFF_FFFF, 0x100_0000, Integer.MAX_VALUE};
        Random r = new Random(BASE_SEED + 7);
        for (int n = 0; n < edges.length + LENGTH_CASES; n++) {
            int len = n < edges.length ? edges[n] : r.nextInt() & Integer.MAX_VALUE >>> r.nextInt(31);
            String seed = "seed=" + (BASE_SEED + 7) + " case=" + n + " length=" + len;
            byte[] h = new byte[6];
            h[0] = 0x30;
            int end = BerHeader.writeLength(h, 1, len);
            assertEquals(1 + BerHeader.lengthOctets(len), end, seed);
            BerHeader read = BerHeader.read(i -> h[i] & 0xFF, 0, end);
            assertEquals(len, read.length(), seed);
            assertEquals(end, read.headerLength(), seed);
            assertNull(BerHeader.read(i -> h[i] & 0xFF, 0, end - 1), seed + ": a truncated header must ask for more bytes");
        }
        for (int n = 0; n < NODE_CASES; n++) {
            long seed = BASE_SEED + 7L * n;
            Random nr = new Random(seed);
            byte[] v = new byte[nr.nextInt(n < NODE_CASES / 2 ? 300 : 70_000)];
            nr.nextBytes(v);
            BerNode node = BerNode.ctx(20 + nr.nextInt(300), BerNode.ctxBytes(nr.nextInt(400), v), BerNode.ctxInt(5, nr.nextLong()));
            assertEquals(node, BerNode.decode(node.encode()), "seed=" + seed);
        }
        System.out.printf("BerFuzzTest: %d header lengths, %d nodes (base seed %d)%n", edges.length + LENGTH_CASES, NODE_CASES, BASE_SEED);
    }
}
