package org.stackbridge.z3950.ber;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;

/**
 * Cuts the TCP stream into whole BER PDUs (YAZ completeBER): walks identifier and length octets, recursing
 * through indefinite-length contents, and emits each complete PDU as a {@code byte[]}. Caps: PDU size,
 * nesting depth, 4 length octets. A violation raises {@link TooLongFrameException} or
 * {@link CorruptedFrameException}; the connection handler answers with close(protocolError).
 */
public final class BerFrameDecoder extends ByteToMessageDecoder {

    private final int maxPduLength;
    private final int maxDepth;
    private boolean failed;

    public BerFrameDecoder(int maxPduLength, int maxDepth) {
        if (maxPduLength < 16 || maxDepth < 2) {
            throw new IllegalArgumentException("limits too small");
        }
        this.maxPduLength = maxPduLength;
        this.maxDepth = maxDepth;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.isReadable()) {
            int start = in.readerIndex();
            int end = in.writerIndex();
            int n;
            try {
                n = complete(in, start, Math.min(end, start + maxPduLength + 8), 0);
            } catch (BerException e) {
                failed = true;
                in.skipBytes(in.readableBytes());
                throw new CorruptedFrameException(e.getMessage());
            }
            if (n == 0) {
                if (end - start > maxPduLength) {
                    failed = true;
                    in.skipBytes(in.readableBytes());
                    throw new TooLongFrameException("PDU larger than " + maxPduLength + " bytes");
                }
                return;
            }
            if (n > maxPduLength) {
                failed = true;
                in.skipBytes(in.readableBytes());
                throw new TooLongFrameException("PDU larger than " + maxPduLength + " bytes");
            }
            byte[] pdu = new byte[n];
            in.readBytes(pdu);
            out.add(pdu);
        }
    }

    /**
     * Length of the complete TLV starting at {@code start}, 0 when more bytes are needed.
     * Visible for tests.
     */
    int complete(ByteBuf b, int start, int end, int depth) {
        if (depth > maxDepth) {
            throw new BerException("nesting deeper than " + maxDepth);
        }
        BerHeader.Octets octets = b::getUnsignedByte;
        BerHeader h = BerHeader.read(octets, start, end);
        if (h == null) {
            return 0;
        }
        int p = start + h.headerLength();
        if (h.indefinite()) {
            while (true) {
                if (BerHeader.endOfContents(octets, p, end)) {
                    return p + 2 - start;
                }
                if (p + 1 >= end) {
                    return 0;
                }
                int n = complete(b, p, end, depth + 1);
                if (n == 0) {
                    return 0;
                }
                p += n;
            }
        }
        if (h.length() > maxPduLength) {
            failed = true;
            throw new TooLongFrameException("element length " + h.length() + " exceeds " + maxPduLength);
        }
        if (p + h.length() > end) {
            return 0;
        }
        return (int) (p + h.length() - start);
    }
}
