package org.stackbridge.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the PROXY protocol in front of a listener's pipeline. Each listener calls {@link #install} from its
 * {@code initChannel} with the code that builds the rest of its pipeline; for a trusted proxy that code runs once the
 * header has named the client (so connection limits, sessions and logs see the client, not the proxy), and the
 * listener's handlers then see {@code channelActive} as usual.
 */
public final class ProxyProtocol {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyProtocol.class);
    /** "PROXY " starts a v1 header; the 12-byte signature starts a v2 header. */
    private static final byte[] V1 = "PROXY ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] V2 = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    private ProxyProtocol() {
    }

    /**
     * @param rest builds the listener's own handlers on the channel (with {@code addLast}); runs at once when the
     *             policy is off or the peer is not a trusted proxy, else when the header has arrived
     */
    public static void install(Channel channel, ProxyProtocolPolicy policy, Consumer<Channel> rest) {
        if (!policy.enabled()) {
            rest.accept(channel);
            return;
        }
        InetSocketAddress peer = channel.remoteAddress() instanceof InetSocketAddress isa ? isa : null;
        if (peer != null && peer.getAddress() != null && policy.trusts(peer.getAddress())) {
            channel.pipeline().addLast("proxy-decoder", new HAProxyMessageDecoder());
            channel.pipeline().addLast("proxy-header", new HeaderHandler(rest, policy.headerTimeoutMillis()));
        } else {
            channel.pipeline().addLast("proxy-guard", new UntrustedGuard());
            rest.accept(channel);
        }
    }

    /** Waits for the trusted proxy's header, records the client it names, then builds the rest of the pipeline. */
    private static final class HeaderHandler extends ChannelInboundHandlerAdapter {
        private final Consumer<Channel> rest;
        private final long timeoutMillis;
        private ScheduledFuture<?> timeout;

        HeaderHandler(Consumer<Channel> rest, long timeoutMillis) {
            this.rest = rest;
            this.timeoutMillis = timeoutMillis;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            // held back until the header names the client; the listener's handlers are not there yet
            timeout = ctx.executor().schedule(() -> {
                LOG.warn("no PROXY header from {} within {} ms; closing", ctx.channel().remoteAddress(), timeoutMillis);
                ctx.close();
            }, timeoutMillis, TimeUnit.MILLISECONDS);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof HAProxyMessage header)) {
                io.netty.util.ReferenceCountUtil.release(msg);
                ctx.close();
                return;
            }
            try {
                InetSocketAddress client = clientOf(header);
                if (client != null) {
                    ctx.channel().attr(ClientAddress.PROXIED).set(client);
                }
            } finally {
                header.release();
            }
            if (timeout != null) {
                timeout.cancel(false);
            }
            Channel channel = ctx.channel();
            ctx.pipeline().remove(this);
            rest.accept(channel);
            channel.pipeline().fireChannelActive();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (timeout != null) {
                timeout.cancel(false);
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.warn("bad PROXY header from {}: {}; closing", ctx.channel().remoteAddress(), cause.getMessage());
            ctx.close();
        }

        /** LOCAL (the proxy's own health check) and UNKNOWN carry no client: the peer itself is the client then. */
        private static InetSocketAddress clientOf(HAProxyMessage m) {
            if (m.command() != HAProxyCommand.PROXY || m.proxiedProtocol() == HAProxyProxiedProtocol.UNKNOWN
                    || m.proxiedProtocol() == HAProxyProxiedProtocol.UNIX_STREAM || m.proxiedProtocol() == HAProxyProxiedProtocol.UNIX_DGRAM
                    || m.sourceAddress() == null) {
                return null;
            }
            return new InetSocketAddress(m.sourceAddress(), m.sourcePort());
        }
    }

    /**
     * In front of a peer that is not a trusted proxy: a connection that starts like a PROXY header is closed (it would
     * otherwise pass for another address where the header is believed); anything else goes on untouched.
     */
    private static final class UntrustedGuard extends ByteToMessageDecoder {
        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            int n = in.readableBytes();
            boolean maybeV1 = startsWith(in, V1, n);
            boolean maybeV2 = startsWith(in, V2, n);
            if ((maybeV1 && n >= V1.length) || (maybeV2 && n >= V2.length)) {
                LOG.warn("PROXY header from {}, which is not a trusted proxy (listeners.proxy-protocol-from); closing",
                        ctx.channel().remoteAddress());
                in.skipBytes(n);
                ctx.close();
            } else if (!maybeV1 && !maybeV2) {
                ctx.pipeline().remove(this); // hands the bytes read so far to the listener
            }
            // else: a prefix of a header so far; wait for more (the listener's idle timeout bounds the wait)
        }

        private static boolean startsWith(ByteBuf in, byte[] signature, int available) {
            int m = Math.min(available, signature.length);
            for (int i = 0; i < m; i++) {
                if (in.getByte(in.readerIndex() + i) != signature[i]) {
                    return false;
                }
            }
            return true;
        }
    }
}
