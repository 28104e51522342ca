package org.stackbridge.z3950.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Port unification: a Z39.50 origin starts with a BER PDU (first octet context-constructed, 0xA0 and up),
 * an SRU client with an HTTP method in printable ASCII. Installs the matching pipeline and removes itself;
 * anything else is closed.
 */
final class ProtocolSniffer extends ByteToMessageDecoder {

    private final Z3950ChannelInitializer initializer;

    ProtocolSniffer(Z3950ChannelInitializer initializer) {
        this.initializer = initializer;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!in.isReadable()) {
            return;
        }
        int first = in.getUnsignedByte(in.readerIndex());
        if ((first & 0xE0) == 0xA0) {
            initializer.installZ3950(ctx.pipeline());
        } else if (first >= 'A' && first <= 'Z') {
            initializer.installHttp(ctx.pipeline());
        } else {
            in.skipBytes(in.readableBytes());
            ctx.close();
            return;
        }
        ctx.pipeline().remove(this);
    }
}
