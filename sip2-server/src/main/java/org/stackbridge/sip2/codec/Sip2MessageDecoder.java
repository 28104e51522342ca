package org.stackbridge.sip2.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.spec.FieldCode;
import org.stackbridge.sip2.spec.FixedField;
import org.stackbridge.sip2.spec.MessageSpec;
import org.stackbridge.sip2.spec.Sip2MessageType;

/**
 * Turns one frame into a {@link Sip2Message}. Never throws for bad input: a bad checksum, an unknown code or a
 * malformed fixed part become a message whose {@code decoderResult()} is a failure. Per connection, because
 * the charset changes once the terminal has logged in.
 */
public final class Sip2MessageDecoder extends MessageToMessageDecoder<ByteBuf> {

    private Sip2WireFormat format;

    public Sip2MessageDecoder(Sip2WireFormat format) {
        super(ByteBuf.class);
        this.format = format;
    }

    /** Switches the input charset/delimiter (after login, to the terminal profile's). */
    public void format(Sip2WireFormat f) {
        this.format = f;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        byte[] bytes = ByteBufUtil.getBytes(frame);
        Sip2Message m = decode(bytes, format);
        if (m != null) {
            out.add(new Sip2Request(m, bytes));
        }
    }

    /**
     * Decodes one frame (terminator already removed). Returns null for an empty frame (a blank line between
     * CRLF-terminated messages).
     */
    public static Sip2Message decode(byte[] frame, Sip2WireFormat format) {
        int start = 0;
        int end = frame.length;
        while (start < end && (frame[start] == '\n' || frame[start] == '\r')) {
            start++;
        }
        while (end > start && (frame[end - 1] == '\n' || frame[end - 1] == '\r')) {
            end--;
        }
        if (start == end) {
            return null;
        }
        byte[] m = start == 0 && end == frame.length ? frame : java.util.Arrays.copyOfRange(frame, start, end);
        int len = m.length;
        String code = len >= 2 ? new String(m, 0, 2, java.nio.charset.StandardCharsets.ISO_8859_1) : new String(m, java.nio.charset.StandardCharsets.ISO_8859_1);
        Sip2MessageType type = Sip2MessageType.fromCode(code);
        boolean checksummed = ErrorDetection.hasChecksum(m, len);
        int bodyEnd = len;
        Character seq = null;
        if (checksummed) {
            bodyEnd = len - 6;
            if (bodyEnd >= 5 && m[bodyEnd - 3] == 'A' && m[bodyEnd - 2] == 'Y') {
                seq = (char) (m[bodyEnd - 1] & 0xFF);
                bodyEnd -= 3;
            }
            if (!verify(m, len, format)) {
                return Sip2Message.invalid(type, code, seq, true, new Sip2DecoderException(Sip2DecoderException.Kind.BAD_CHECKSUM, "bad checksum"));
            }
        }
        if (type == null) {
            return Sip2Message.invalid(null, code, seq, checksummed,
                    new Sip2DecoderException(Sip2DecoderException.Kind.UNKNOWN_MESSAGE, "unknown message code"));
        }
        String body = format.charset().decode(m, 0, bodyEnd);
        MessageSpec spec = type.spec();
        int fixedEnd = 2 + spec.fixedLength();
        if (body.length() < fixedEnd) {
            return Sip2Message.invalid(type, code, seq, checksummed, malformed("fixed part too short"));
        }
        Sip2Message.Builder b = Sip2Message.builder(type);
        int pos = 2;
        for (FixedField f : spec.fixed()) {
            String v = body.substring(pos, pos + f.length());
            if (!f.accepts(v)) {
                return Sip2Message.invalid(type, code, seq, checksummed, malformed("invalid " + f));
            }
            b.fixed(f, v);
            pos += f.length();
        }
        char delim = format.fieldDelimiter();
        int i = fixedEnd;
        int n = body.length();
        while (i < n) {
            int next = body.indexOf(delim, i);
            if (next < 0) {
                next = n; // the last field may lack its delimiter
            }
            int segLen = next - i;
            if (segLen >= 2) {
                String id = body.substring(i, i + 2);
                if (!isFieldId(id)) {
                    return Sip2Message.invalid(type, code, seq, checksummed, malformed("bad field id"));
                }
                b.field(FieldCode.valueOf(id), body.substring(i + 2, next));
            } else if (segLen == 1) {
                return Sip2Message.invalid(type, code, seq, checksummed, malformed("truncated field"));
            }
            // segLen 0: a stray delimiter (jsip2 puts one after the fixed part)
            i = next + 1;
        }
        Sip2Message msg = b.build();
        if (!checksummed) {
            // AY without AZ: keep the sequence, drop the pseudo-field
            List<org.stackbridge.sip2.message.Sip2Field> fs = msg.fields();
            if (!fs.isEmpty() && fs.get(fs.size() - 1).code().equals(FieldCode.AY) && fs.get(fs.size() - 1).value().length() == 1) {
                Sip2Message.Builder c = Sip2Message.builder(type);
                for (FixedField f : spec.fixed()) {
                    c.fixed(f, msg.fixed(f));
                }
                for (int k = 0; k < fs.size() - 1; k++) {
                    c.add(fs.get(k));
                }
                seq = fs.get(fs.size() - 1).value().charAt(0);
                return c.sequence(seq, false).build();
            }
            return msg;
        }
        return msg.withSequence(seq, true);
    }

    private static boolean verify(byte[] m, int len, Sip2WireFormat format) {
        if (!format.separateChecksumCharset()) {
            return ErrorDetection.verify(m, len);
        }
        // sum the message as the partner did: re-encoded in the checksum charset, up to and including "AZ"
        byte[] summed = format.checksumCharset().encode(format.charset().decode(m, 0, len - 4));
        byte[] candidate = java.util.Arrays.copyOf(summed, summed.length + 4);
        System.arraycopy(m, len - 4, candidate, summed.length, 4);
        return ErrorDetection.verify(candidate, candidate.length);
    }

    private static boolean isFieldId(String id) {
        for (int k = 0; k < 2; k++) {
            char c = id.charAt(k);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))) {
                return false;
            }
        }
        return true;
    }

    private static Sip2DecoderException malformed(String why) {
        return new Sip2DecoderException(Sip2DecoderException.Kind.MALFORMED, why);
    }
}
