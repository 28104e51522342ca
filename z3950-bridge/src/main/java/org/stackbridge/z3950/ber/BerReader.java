package org.stackbridge.z3950.ber;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Decodes one complete BER TLV (as cut by {@link BerFrameDecoder}) into a {@link BerNode} tree. Definite and
 * indefinite lengths are accepted (YAZ peers send indefinite ones); headers are parsed by {@link BerHeader}.
 * Every malformation is a {@link BerException}.
 */
final class BerReader {

    private final byte[] b;
    private final BerHeader.Octets octets;
    private final int maxDepth;
    private int pos;

    private BerReader(byte[] b, int maxDepth) {
        this.b = b;
        this.octets = i -> b[i] & 0xFF;
        this.maxDepth = maxDepth;
    }

    /** Decodes exactly one TLV occupying all of {@code buf}. */
    static BerNode read(byte[] buf, int maxDepth) {
        BerReader r = new BerReader(buf, maxDepth);
        BerNode n = r.read(buf.length, 0);
        if (r.pos != buf.length) {
            throw new BerException("trailing bytes after PDU: " + (buf.length - r.pos));
        }
        return n;
    }

    private BerNode read(int end, int depth) {
        if (depth > maxDepth) {
            throw new BerException("nesting deeper than " + maxDepth);
        }
        if (pos >= end) {
            throw new BerException("truncated identifier");
        }
        BerHeader h = BerHeader.read(octets, pos, end);
        if (h == null) {
            throw new BerException("truncated header");
        }
        int p = pos + h.headerLength();
        if (h.indefinite()) {
            List<BerNode> kids = new ArrayList<>();
            while (true) {
                if (BerHeader.endOfContents(octets, p, end)) {
                    p += 2;
                    break;
                }
                if (p >= end) {
                    throw new BerException("missing end-of-contents");
                }
                pos = p;
                kids.add(read(end, depth + 1));
                p = pos;
            }
            pos = p;
            return BerNode.decoded(h.tagClass(), true, h.tag(), null, Collections.unmodifiableList(kids));
        }
        if (h.length() > end - p) {
            throw new BerException("length " + h.length() + " exceeds the PDU");
        }
        int cend = p + (int) h.length();
        if (!h.constructed()) {
            pos = cend;
            return BerNode.decoded(h.tagClass(), false, h.tag(), Arrays.copyOfRange(b, p, cend), List.of());
        }
        List<BerNode> kids = new ArrayList<>(4);
        pos = p;
        while (pos < cend) {
            kids.add(read(cend, depth + 1));
        }
        return BerNode.decoded(h.tagClass(), true, h.tag(), null, Collections.unmodifiableList(kids));
    }
}
