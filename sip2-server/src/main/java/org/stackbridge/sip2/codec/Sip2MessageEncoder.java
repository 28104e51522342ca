package org.stackbridge.sip2.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import org.stackbridge.sip2.message.Sip2Field;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.spec.FieldCode;
import org.stackbridge.sip2.spec.FixedField;
import org.stackbridge.sip2.spec.MessageSpec;
import org.stackbridge.sip2.spec.Sip2MessageType;

/**
 * The one encoder path for every SIP2 message: spec-ordered fixed part, sanitised variable fields (no delimiter,
 * CR or LF inside values; at most 255 characters, or the profile's lower limit) except the ones the wire format hides, missing or hidden required
 * fields sent empty at the end, then AY/AZ and the terminator. Field hiding happens here and nowhere else, so it
 * applies to every response, refusals included. {@link #encode} is the static core; the handler is stateless and {@link Sharable}.
 */
@Sharable
public final class Sip2MessageEncoder extends MessageToByteEncoder<Sip2MessageEncoder.Outbound> {

    public static final Sip2MessageEncoder INSTANCE = new Sip2MessageEncoder();
    public static final int MAX_VALUE_LENGTH = Sip2WireFormat.MAX_FIELD_LENGTH;

    /** Bytes produced by {@link #encode}; kept by the connection for 97 and replay, then written as they are. */
    public record Outbound(byte[] encoded) {
        public static Outbound of(Sip2Message m, Sip2WireFormat f) {
            return new Outbound(encode(m, f));
        }
    }

    private Sip2MessageEncoder() {
        super(Outbound.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Outbound msg, ByteBuf out) {
        out.writeBytes(msg.encoded());
    }

    /** Wire bytes of {@code m}, terminator included. */
    public static byte[] encode(Sip2Message m, Sip2WireFormat f) {
        Sip2MessageType type = m.type();
        if (type == null) {
            throw new IllegalArgumentException("cannot encode an unknown message");
        }
        MessageSpec spec = type.spec();
        char delim = f.fieldDelimiter();
        StringBuilder b = new StringBuilder(64);
        b.append(type.code());
        for (FixedField ff : spec.fixed()) {
            String v = m.fixed(ff);
            if (v == null || v.length() != ff.length()) {
                throw new IllegalArgumentException(type + ": fixed field " + ff + " must have " + ff.length() + " characters");
            }
            b.append(v);
        }
        for (Sip2Field field : m.fields()) {
            if (field.code().equals(FieldCode.AY) || field.code().equals(FieldCode.AZ) || f.hides(field.code().code())) {
                continue;
            }
            b.append(field.code().code()).append(sanitise(field.value(), delim, f.maxFieldLength())).append(delim);
        }
        for (FieldCode required : spec.required()) {
            if (!m.has(required) || f.hides(required.code())) {
                b.append(required.code()).append(delim);
            }
        }
        boolean ed = m.checksummed() || m.sequence() != null || f.forceErrorDetection();
        boolean noSequence = type == Sip2MessageType.REQUEST_SC_RESEND || type == Sip2MessageType.REQUEST_ACS_RESEND;
        if (ed) {
            if (!noSequence) {
                b.append("AY").append(m.sequence() == null ? '0' : m.sequence());
            }
            b.append("AZ");
        }
        byte[] body = f.charset().encode(b.toString());
        byte[] term = f.terminator().bytes();
        int len = body.length + (ed ? 4 : 0);
        byte[] out = new byte[len + term.length];
        System.arraycopy(body, 0, out, 0, body.length);
        if (ed) {
            byte[] summed = f.separateChecksumCharset() ? f.checksumCharset().encode(b.toString()) : body;
            ErrorDetection.writeHex(ErrorDetection.checksum(summed, summed.length), out, body.length);
        }
        System.arraycopy(term, 0, out, len, term.length);
        return out;
    }

    static String sanitise(String v, char delim) {
        return sanitise(v, delim, MAX_VALUE_LENGTH);
    }

    /** At most {@code max} characters (never splitting a surrogate pair), delimiter, CR and LF replaced by spaces. */
    static String sanitise(String v, char delim, int max) {
        int cut = v.length() > max && Character.isHighSurrogate(v.charAt(max - 1)) ? max - 1 : max;
        String s = v.length() > max ? v.substring(0, cut) : v;
        if (s.indexOf(delim) < 0 && s.indexOf('\r') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c == delim || c == '\r' || c == '\n' ? ' ' : c);
        }
        return b.toString();
    }
}
