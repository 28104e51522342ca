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
        int p = start;
        if (p >= end) {
            return 0;
        }
        int id = b.getByte(p++) & 0xFF;
        boolean cons = (id & 0x20) != 0;
        if ((id & 0x1F) == 0x1F) {
            int n = 0;
            int x;
            do {
                if (p >= end) {
                    return 0;
                }
                x = b.getByte(p++) & 0xFF;
                if (++n > 4) {
                    throw new BerException("tag number too large");
                }
            } while ((x & 0x80) != 0);
        }
        if (p >= end) {
            return 0;
        }
        int l0 = b.getByte(p++) & 0xFF;
        if (l0 == 0x80) {
            if (!cons) {
                throw new BerException("indefinite length on a primitive");
            }
            while (true) {
                if (p + 1 < end && b.getByte(p) == 0 && b.getByte(p + 1) == 0) {
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
                    return 0;
                }
                len = (len << 8) | (b.getByte(p++) & 0xFF);
            }
        }
        if (len > maxPduLength) {
            failed = true;
            throw new TooLongFrameException("element length " + len + " exceeds " + maxPduLength);
        }
        if (p + len > end) {
            return 0;
        }
        return (int) (p + len - start);
    }
}
