package org.stackbridge.z3950.ber;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One BER TLV: identifier (class, constructed flag, tag number) and either primitive contents or child
 * TLVs. Immutable. Decoding accepts definite and indefinite lengths within depth and size caps; encoding
 * always writes definite lengths, BOOLEAN TRUE as 0x01 (as YAZ does; some clients print 0xFF as -1).
 */
public final class BerNode {

    public static final int UNIVERSAL = 0, APPLICATION = 1, CONTEXT = 2, PRIVATE = 3;
    public static final int DEFAULT_MAX_DEPTH = 64;

    private final int tagClass;
    private final boolean constructed;
    private final int tag;
    private final byte[] value;
    private final List<BerNode> children;
    private int encodedContentLength = -1;

    private BerNode(int tagClass, boolean constructed, int tag, byte[] value, List<BerNode> children) {
        this.tagClass = tagClass;
        this.constructed = constructed;
        this.tag = tag;
        this.value = value;
        this.children = children;
    }

    // ------------------------------------------------------------------ factories

    public static BerNode primitive(int tagClass, int tag, byte[] value) {
        return new BerNode(tagClass, false, tag, value.clone(), List.of());
    }

    public static BerNode constructed(int tagClass, int tag, List<BerNode> children) {
        for (int ci = 0, cn = children.size(); ci < cn; ci++) {
            BerNode c = children.get(ci);
            Objects.requireNonNull(c, "child");
        }
        return new BerNode(tagClass, true, tag, null, List.copyOf(children));
    }

    /** Constructed node; null children (absent OPTIONAL elements) are skipped. */
    public static BerNode constructed(int tagClass, int tag, BerNode... children) {
        return constructed(tagClass, tag, Arrays.stream(children).filter(Objects::nonNull).toList());
    }

    /** [n] context constructed. */
    public static BerNode ctx(int tag, BerNode... children) {
        return constructed(CONTEXT, tag, children);
    }

    public static BerNode ctx(int tag, List<BerNode> children) {
        return constructed(CONTEXT, tag, children);
    }

    public static BerNode sequence(BerNode... children) {
        return constructed(UNIVERSAL, 16, children);
    }

    public static BerNode sequence(List<BerNode> children) {
        return constructed(UNIVERSAL, 16, children);
    }

    public static BerNode integer(int tagClass, int tag, long v) {
        return new BerNode(tagClass, false, tag, BigInteger.valueOf(v).toByteArray(), List.of());
    }

    public static BerNode ctxInt(int tag, long v) {
        return integer(CONTEXT, tag, v);
    }

    public static BerNode bool(int tagClass, int tag, boolean v) {
        return new BerNode(tagClass, false, tag, new byte[] {(byte) (v ? 1 : 0)}, List.of());
    }

    public static BerNode ctxBool(int tag, boolean v) {
        return bool(CONTEXT, tag, v);
    }

    public static BerNode string(int tagClass, int tag, String s) {
        return new BerNode(tagClass, false, tag, s.getBytes(StandardCharsets.UTF_8), List.of());
    }

    public static BerNode ctxString(int tag, String s) {
        return string(CONTEXT, tag, s);
    }

    public static BerNode ctxBytes(int tag, byte[] b) {
        return primitive(CONTEXT, tag, b);
    }

    public static BerNode ctxNull(int tag) {
        return new BerNode(CONTEXT, false, tag, new byte[0], List.of());
    }

    public static BerNode oid(int tagClass, int tag, String dotted) {
        return new BerNode(tagClass, false, tag, BerOids.encode(dotted), List.of());
    }

    /** Universal OBJECT IDENTIFIER. */
    public static BerNode oid(String dotted) {
        return oid(UNIVERSAL, 6, dotted);
    }

    /** Universal GeneralString (InternationalString). */
    public static BerNode generalString(String s) {
        return string(UNIVERSAL, 27, s);
    }

    /** BIT STRING with the given bit numbers set (bit 0 = most significant bit of the first octet). */
    public static BerNode bits(int tagClass, int tag, int nbits, boolean[] set) {
        int bytes = (nbits + 7) / 8;
        byte[] v = new byte[bytes + 1];
        v[0] = (byte) (bytes * 8 - nbits);
        for (int i = 0; i < nbits && i < set.length; i++) {
            if (set[i]) {
                v[1 + i / 8] |= (byte) (0x80 >>> (i % 8));
            }
        }
        return new BerNode(tagClass, false, tag, v, List.of());
    }

    // ------------------------------------------------------------------ accessors

    public int tagClass() {
        return tagClass;
    }

    public boolean isConstructed() {
        return constructed;
    }

    public int tag() {
        return tag;
    }

    public boolean is(int cls, int t) {
        return tagClass == cls && tag == t;
    }

    public boolean isContext(int t) {
        return is(CONTEXT, t);
    }

    public List<BerNode> children() {
        return children;
    }

    /** Primitive contents (copy); empty for constructed nodes. */
    public byte[] value() {
        return value == null ? new byte[0] : value.clone();
    }

    public int valueLength() {
        return value == null ? 0 : value.length;
    }

    public Optional<BerNode> child(int cls, int t) {
        // indexed loop: decoding looks children up by tag many times per PDU, an iterator each time shows in profiles
        for (int i = 0, n = children.size(); i < n; i++) {
            BerNode c = children.get(i);
            if (c.tagClass == cls && c.tag == t) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    public Optional<BerNode> ctxChild(int t) {
        return child(CONTEXT, t);
    }

    public BerNode require(int cls, int t, String what) {
        return child(cls, t).orElseThrow(() -> new BerException("missing " + what));
    }

    /** The first child; BerException when there is none. */
    public BerNode first() {
        if (children.isEmpty()) {
            throw new BerException("empty [" + tag + "]");
        }
        return children.get(0);
    }

    /** The only child of an explicitly tagged node. */
    public BerNode inner() {
        if (!constructed || children.size() != 1) {
            throw new BerException("expected one element inside [" + tag + "]");
        }
        return children.get(0);
    }

    public long asLong() {
        if (constructed || value.length == 0 || value.length > 8) {
            throw new BerException("bad INTEGER length in [" + tag + "]");
        }
        return new BigInteger(value).longValue();
    }

    /** INTEGER clamped to int range (protocol counts never exceed it meaningfully). */
    public int asInt() {
        long v = asLong();
        return v > Integer.MAX_VALUE ? Integer.MAX_VALUE : v < Integer.MIN_VALUE ? Integer.MIN_VALUE : (int) v;
    }

    public boolean asBoolean() {
        if (constructed || value.length != 1) {
            throw new BerException("bad BOOLEAN in [" + tag + "]");
        }
        return value[0] != 0;
    }

    public byte[] asBytes() {
        if (!constructed) {
            return value.clone();
        }
        // constructed string: concatenate segments
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int ci = 0, cn = children.size(); ci < cn; ci++) {
            BerNode c = children.get(ci);
            byte[] b = c.asBytes();
            out.write(b, 0, b.length);
        }
        return out.toByteArray();
    }

    /** Octets as text: UTF-8 when valid, else Latin-1 (legacy clients). */
    public String asString() {
        return Text.decode(asBytes());
    }

    public String asOid() {
        if (constructed) {
            throw new BerException("constructed OBJECT IDENTIFIER");
        }
        return BerOids.decode(value);
    }

    public boolean bit(int n) {
        if (constructed || value.length < 1) {
            return false;
        }
        int idx = 1 + n / 8;
        return idx < value.length && (value[idx] & (0x80 >>> (n % 8))) != 0;
    }

    // ------------------------------------------------------------------ decoding

    /** Decodes exactly one TLV occupying all of {@code buf}; {@link BerException} when malformed. */
    public static BerNode decode(byte[] buf) {
        return decode(buf, DEFAULT_MAX_DEPTH);
    }

    public static BerNode decode(byte[] buf, int maxDepth) {
        return BerReader.read(buf, maxDepth);
    }

    /** For {@link BerReader}: wraps already copied contents or an unmodifiable child list. */
    static BerNode decoded(int tagClass, boolean constructed, int tag, byte[] value, List<BerNode> children) {
        return new BerNode(tagClass, constructed, tag, value, children);
    }

    // ------------------------------------------------------------------ encoding

    public byte[] encode() {
        int cl = contentLength();
        byte[] out = new byte[headerLength(cl) + cl];
        int p = write(out, 0);
        if (p != out.length) {
            throw new IllegalStateException("encoder length mismatch");
        }
        return out;
    }

    private int contentLength() {
        if (encodedContentLength < 0) {
            if (!constructed) {
                encodedContentLength = value.length;
            } else {
                int n = 0;
                for (int ci = 0, cn = children.size(); ci < cn; ci++) {
                    BerNode c = children.get(ci);
                    int cl = c.contentLength();
                    n += c.headerLength(cl) + cl;
                }
                encodedContentLength = n;
            }
        }
        return encodedContentLength;
    }

    private int headerLength(int cl) {
        int h = 1;
        if (tag >= 31) {
            int t = tag;
            do {
                h++;
                t >>>= 7;
            } while (t != 0);
        }
        h += BerHeader.lengthOctets(cl);
        return h;
    }

    private int write(byte[] out, int p) {
        int id = (tagClass << 6) | (constructed ? 0x20 : 0);
        if (tag < 31) {
            out[p++] = (byte) (id | tag);
        } else {
            out[p++] = (byte) (id | 0x1F);
            int groups = 0;
            for (int t = tag; t != 0; t >>>= 7) {
                groups++;
            }
            for (int g = groups - 1; g >= 0; g--) {
                int seven = (tag >>> (7 * g)) & 0x7F;
                out[p++] = (byte) (g > 0 ? seven | 0x80 : seven);
            }
        }
        p = BerHeader.writeLength(out, p, contentLength());
        if (!constructed) {
            System.arraycopy(value, 0, out, p, value.length);
            return p + value.length;
        }
        for (int ci = 0, cn = children.size(); ci < cn; ci++) {
            BerNode c = children.get(ci);
            p = c.write(out, p);
        }
        return p;
    }

    // ------------------------------------------------------------------ value semantics

    @Override
    public boolean equals(Object o) {
        return o instanceof BerNode n && n.tagClass == tagClass && n.constructed == constructed && n.tag == tag
                && Arrays.equals(n.value, value) && n.children.equals(children);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tagClass, constructed, tag, Arrays.hashCode(value), children);
    }

    @Override
    public String toString() {
        String cls = switch (tagClass) {
            case UNIVERSAL -> "U";
            case APPLICATION -> "A";
            case CONTEXT -> "";
            default -> "P";
        };
        return constructed ? "[" + cls + tag + "]" + children : "[" + cls + tag + "]#" + value.length;
    }
}
