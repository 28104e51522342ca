package org.stackbridge.sip2.server;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Counts open connections and closes those beyond the limit as soon as they are accepted. */
@Sharable
final class Sip2ConnectionLimiter extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(Sip2ConnectionLimiter.class);

    private final int max;
    private final Sip2Metrics metrics;

    Sip2ConnectionLimiter(int max, Sip2Metrics metrics) {
        this.max = max;
        this.metrics = metrics;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        int n = metrics.connections().incrementAndGet();
        if (n > max) {
            LOG.warn("SIP2 connection limit {} reached; closing connection from {}", max, org.stackbridge.net.ClientAddress.hostOf(ctx.channel()));
            metrics.error("connection-limit");
            ctx.close();
            return;
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        metrics.connections().decrementAndGet();
        super.channelInactive(ctx);
    }
}
