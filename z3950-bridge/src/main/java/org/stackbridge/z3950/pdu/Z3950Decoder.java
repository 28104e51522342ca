package org.stackbridge.z3950.pdu;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;
import org.stackbridge.z3950.ber.BerException;
import org.stackbridge.z3950.ber.BerFrameDecoder;
import org.stackbridge.z3950.ber.BerNode;

/**
 * Second pipeline stage after {@link BerFrameDecoder}: one whole BER frame ({@code byte[]}) in, one immutable
 * {@link Z3950Pdu} out. A frame that is not a valid PDU becomes a {@link Z3950Pdu.Undecodable} value (the
 * failure is data, as in Netty's {@code MqttDecoder.invalidMessage}); nothing is thrown down the pipeline.
 */
public final class Z3950Decoder extends MessageToMessageDecoder<byte[]> {

    public Z3950Decoder() {
        super(byte[].class);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, byte[] frame, List<Object> out) {
        out.add(decodeOrFailure(frame));
    }

    /** The PDU in {@code frame}, or {@link Z3950Pdu.Undecodable} with the reason. Never throws. */
    public static Z3950Pdu decodeOrFailure(byte[] frame) {
        try {
            return decode(frame);
        } catch (BerException e) {
            return new Z3950Pdu.Undecodable(e.getMessage());
        }
    }

    /**
     * Static core: the PDU in one complete BER TLV.
     *
     * @throws BerException when the bytes are not BER or not a Z39.50 PDU (the only documented failure)
     */
    public static Z3950Pdu decode(byte[] frame) {
        return Z3950PduReader.read(BerNode.decode(frame));
    }
}
