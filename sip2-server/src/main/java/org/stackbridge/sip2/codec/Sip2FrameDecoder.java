package org.stackbridge.sip2.codec;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.DelimiterBasedFrameDecoder;

/**
 * Splits the byte stream at CR or LF, so CR, CRLF and bare-LF terminals (and a person typing with {@code nc}) all
 * work; the empty frame between CR and LF is dropped by the message decoder. Neither byte occurs inside a message.
 * Frames longer than {@code maxFrameLength} fail fast with a {@code TooLongFrameException} before the
 * terminator arrives, and the oversized bytes are discarded rather than buffered.
 */
public final class Sip2FrameDecoder extends DelimiterBasedFrameDecoder {

    public Sip2FrameDecoder(int maxFrameLength) {
        super(maxFrameLength, true, true, Unpooled.wrappedBuffer(new byte[] {'\r'}), Unpooled.wrappedBuffer(new byte[] {'\n'}));
    }
}
