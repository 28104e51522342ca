package org.stackbridge.z3950.ber;

import java.io.ByteArrayOutputStream;

/** OBJECT IDENTIFIER contents (X.690 8.19): dotted text to base-128 arcs and back. */
final class BerOids {
    private BerOids() {
    }


    static byte[] encode(String dotted) {
        String[] parts = dotted.split("\\.");
        if (parts.length < 2) {
            throw new IllegalArgumentException("OID needs two arcs: " + dotted);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long first = Long.parseLong(parts[0]) * 40 + Long.parseLong(parts[1]);
        base128(out, first);
        for (int i = 2; i < parts.length; i++) {
            base128(out, Long.parseLong(parts[i]));
        }
        return out.toByteArray();
    }

    private static void base128(ByteArrayOutputStream out, long v) {
        int groups = 1;
        for (long t = v >>> 7; t != 0; t >>>= 7) {
            groups++;
        }
        for (int g = groups - 1; g >= 0; g--) {
            int seven = (int) ((v >>> (7 * g)) & 0x7F);
            out.write(g > 0 ? seven | 0x80 : seven);
        }
    }

    static String decode(byte[] v) {
        if (v.length == 0 || v.length > 128) {
            throw new BerException("bad OBJECT IDENTIFIER length");
        }
        StringBuilder b = new StringBuilder();
        long acc = 0;
        boolean firstArc = true;
        int groups = 0;
        for (byte x : v) {
            acc = (acc << 7) | (x & 0x7F);
            if (++groups > 9) {
                throw new BerException("OID arc too large");
            }
            if ((x & 0x80) == 0) {
                if (firstArc) {
                    long a = acc < 80 ? acc / 40 : 2;
                    b.append(a).append('.').append(acc - a * 40);
                    firstArc = false;
                } else {
                    b.append('.').append(acc);
                }
                acc = 0;
                groups = 0;
            }
        }
        if (groups != 0) {
            throw new BerException("truncated OID arc");
        }
        return b.toString();
    }
}
