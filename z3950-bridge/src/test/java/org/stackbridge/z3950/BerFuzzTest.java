package org.stackbridge.z3950;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.stackbridge.z3950.ber.BerException;
import org.stackbridge.z3950.ber.BerFrameDecoder;
import org.stackbridge.z3950.ber.BerNode;
import org.stackbridge.z3950.pdu.Z3950Decoder;
import org.stackbridge.z3950.pdu.Z3950Encoder;

/**
 * Seeded property tests: random and mutated PDUs never escape the decoders with anything but the documented
 * failures, never hang, and never allocate beyond the frame. Reproduce with -Dsb.seed=N.
 */
class BerFuzzTest {

    private static final long BASE_SEED = Long.getLong("sb.seed", 20261129L);
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

    @RepeatedTest(2000)
    void mutatedPdusDecodeOrFailCleanly(RepetitionInfo run) {
        long seed = BASE_SEED + run.getCurrentRepetition();
        Random r = new Random(seed);
        byte[] b = r.nextInt(4) == 0 ? randomBytes(r) : mutate(r);
        try {
            Z3950Decoder.decode(b);
        } catch (BerException | IllegalArgumentException expected) {
            // documented failure
        } catch (RuntimeException e) {
            fail("seed=" + seed + " unexpected " + e, e);
        }
    }

    @RepeatedTest(500)
    void framerNeverHangsOrLeaksOnGarbage(RepetitionInfo run) {
        long seed = BASE_SEED * 31 + run.getCurrentRepetition();
        Random r = new Random(seed);
        EmbeddedChannel ch = new EmbeddedChannel(new BerFrameDecoder(4096, 16));
        byte[] b = r.nextBoolean() ? randomBytes(r) : mutate(r);
        int pos = 0;
        int frames = 0;
        try {
            while (pos < b.length) {
                int n = 1 + r.nextInt(Math.min(64, b.length - pos));
                ch.writeInbound(Unpooled.wrappedBuffer(b, pos, n));
                pos += n;
                for (Object o = ch.readInbound(); o != null; o = ch.readInbound()) {
                    frames++;
                    assertTrue(((byte[]) o).length <= 4096, "seed=" + seed);
                    try {
                        BerNode.decode((byte[]) o);
                    } catch (BerException expected) {
                        // a framed PDU may still be semantically bad
                    }
                }
            }
        } catch (DecoderException expected) {
            // framing failure: the handler closes the connection
        }
        assertTrue(frames <= b.length, "seed=" + seed);
        ch.finishAndReleaseAll();
    }

    private static byte[] randomBytes(Random r) {
        byte[] b = new byte[1 + r.nextInt(300)];
        r.nextBytes(b);
        if (r.nextBoolean()) {
            b[0] = (byte) (0xB4 + r.nextInt(11));
        }
        return b;
    }

    @RepeatedTest(200)
    void berLengthsRoundTrip(RepetitionInfo run) {
        long seed = BASE_SEED + 7 * run.getCurrentRepetition();
        Random r = new Random(seed);
        int len = r.nextInt(run.getCurrentRepetition() < 100 ? 300 : 70_000);
        byte[] v = new byte[len];
        r.nextBytes(v);
        BerNode n = BerNode.ctx(20 + r.nextInt(300), BerNode.ctxBytes(r.nextInt(400), v), BerNode.ctxInt(5, r.nextLong()));
        assertTrue(n.equals(BerNode.decode(n.encode())), "seed=" + seed);
    }
}
