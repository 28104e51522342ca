package org.stackbridge.z3950.ber;

/**
 * Identifier and length octets of one BER TLV: the single place that parses them (and writes definite lengths), for the stream framer
 * ({@link BerFrameDecoder}) and for the tree reader ({@link BerReader}). Written like Netty's
 * {@code MqttDecoder.parseRemainingLength}: reads from an index-addressed source, reports "need more bytes"
 * as {@code null} and malformed input as {@link BerException}.
 *
 * <p>Limits: tag numbers of at most 4 subsequent octets, lengths of at most 4 octets (X.690 8.1.3);
 * indefinite length (0x80) only on constructed encodings (X.690 8.1.3.6) and reported as
 * {@link #INDEFINITE}.
 *
 * @param tagClass     UNIVERSAL 0, APPLICATION 1, CONTEXT 2, PRIVATE 3
 * @param constructed  the constructed bit of the identifier
 * @param tag          the tag number
 * @param length       the contents length, or {@link #INDEFINITE}
 * @param headerLength octets taken by identifier and length
 */
public record BerHeader(int tagClass, boolean constructed, int tag, long length, int headerLength) {

    /** {@link #length()} of an indefinite-length encoding (contents end with 00 00). */
    public static final long INDEFINITE = -1;

    /** Octets readable by index (a {@code byte[]} or a {@code ByteBuf} without moving its reader index). */
    @FunctionalInterface
    public interface Octets {
        /** The unsigned octet at {@code index}. */
        int at(int index);
    }

    public boolean indefinite() {
        return length == INDEFINITE;
    }

    /**
     * Parses the header starting at {@code start}; {@code null} when {@code end} comes first.
     *
     * @throws BerException on a tag number or length longer than 4 octets, or indefinite length on a primitive
     */
    public static BerHeader read(Octets b, int start, int end) {
        int p = start;
        if (p >= end) {
            return null;
        }
        int id = b.at(p++);
        int cls = id >>> 6;
        boolean cons = (id & 0x20) != 0;
        int tag = id & 0x1F;
        if (tag == 0x1F) {
            tag = 0;
            int n = 0;
            int x;
            do {
                if (p >= end) {
                    return null;
                }
                x = b.at(p++);
                if (++n > 4) {
                    throw new BerException("tag number too large");
                }
                tag = (tag << 7) | (x & 0x7F);
            } while ((x & 0x80) != 0);
        }
        if (p >= end) {
            return null;
        }
        int l0 = b.at(p++);
        if (l0 == 0x80) {
            if (!cons) {
                throw new BerException("indefinite length on a primitive");
            }
            return new BerHeader(cls, true, tag, INDEFINITE, p - start);
        }
        long len;
        if (l0 < 0x80) {
            len = l0;
        } else {
            int nb = l0 & 0x7F;
            if (nb > 4) {
                throw new BerException("length of " + nb + " octets");
            }
            len = 0;
            for (int i = 0; i < nb; i++) {
                if (p >= end) {
                    return null;
                }
                len = (len << 8) | b.at(p++);
            }
        }
        return new BerHeader(cls, cons, tag, len, p - start);
    }

    /** Octets of a definite length field for {@code length} (short form below 128, else 0x8n + n octets). */
    public static int lengthOctets(int length) {
        return length < 0x80 ? 1 : length < 0x100 ? 2 : length < 0x10000 ? 3 : length < 0x1000000 ? 4 : 5;
    }

    /** Writes the definite length field for {@code length} at {@code p}; returns the next position. */
    public static int writeLength(byte[] out, int p, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
        if (length < 0x80) {
            out[p++] = (byte) length;
            return p;
        }
        int nb = lengthOctets(length) - 1;
        out[p++] = (byte) (0x80 | nb);
        for (int i = nb - 1; i >= 0; i--) {
            out[p++] = (byte) (length >>> (8 * i));
        }
        return p;
    }

    /** True when the two octets at {@code p} are the end-of-contents marker 00 00. */
    static boolean endOfContents(Octets b, int p, int end) {
        return p + 1 < end && b.at(p) == 0 && b.at(p + 1) == 0;
    }
}
