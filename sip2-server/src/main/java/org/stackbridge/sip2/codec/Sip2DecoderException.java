package org.stackbridge.sip2.codec;

/** Why a frame is not an actionable SIP2 message; carried in a failed {@code DecoderResult}, never thrown to Netty. */
public final class Sip2DecoderException extends RuntimeException {

    public enum Kind { BAD_CHECKSUM, UNKNOWN_MESSAGE, MALFORMED }

    private final Kind kind;

    public Sip2DecoderException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
