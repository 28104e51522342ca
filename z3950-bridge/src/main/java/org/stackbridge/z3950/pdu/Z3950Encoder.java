package org.stackbridge.z3950.pdu;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Writes {@link Z3950Pdu} values as BER. Stateless and {@link ChannelHandler.Sharable}: one {@link #INSTANCE}
 * serves every channel; {@link #encode(Z3950Pdu)} is the static core that tests call directly.
 */
@ChannelHandler.Sharable
public final class Z3950Encoder extends MessageToMessageEncoder<Z3950Pdu> {

    public static final Z3950Encoder INSTANCE = new Z3950Encoder();

    private Z3950Encoder() {
        super(Z3950Pdu.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Z3950Pdu pdu, List<Object> out) {
        out.add(Unpooled.wrappedBuffer(encode(pdu)));
    }

    /**
     * Static core: the BER octets of one PDU (definite lengths).
     *
     * @throws IllegalArgumentException for a value that is not an encodable PDU ({@link Z3950Pdu.Undecodable}, a
     *                                  searchRequest with a query type other than RPN)
     */
    public static byte[] encode(Z3950Pdu pdu) {
        return Z3950PduWriter.write(pdu);
    }
}
