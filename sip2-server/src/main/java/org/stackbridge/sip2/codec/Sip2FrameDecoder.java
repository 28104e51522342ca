package org.stackbridge.sip2.codec;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.DelimiterBasedFrameDecoder;

/**
 * Splits the byte stream at CR (a following LF is left on the next frame and stripped by the message decoder).
 * Frames longer than {@code maxFrameLength} fail fast with a {@code TooLongFrameException} before the
 * terminator arrives, and the oversized bytes are discarded rather than buffered.
 */
public final class Sip2FrameDecoder extends DelimiterBasedFrameDecoder {

    public Sip2FrameDecoder(int maxFrameLength) {
        super(maxFrameLength, true, true, Unpooled.wrappedBuffer(new byte[] {'\r'}));
    }
}
