package org.stackbridge.z3950.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection that has not completed Init within the deadline (or, on the SRU side, sent its first HTTP
 * request): connections that never send an Init would otherwise hold a connection slot for the whole idle timeout.
 * The association handler fires {@link #INIT_COMPLETED} after a successful InitResponse; the HTTP pipeline removes
 * this handler when the first request arrives.
 */
final class InitTimeoutHandler extends ChannelInboundHandlerAdapter {

    /** User event: the association completed Init; the deadline no longer applies. */
    static final Object INIT_COMPLETED = new Object() {
        @Override
        public String toString() {
            return "INIT_COMPLETED";
        }
    };

    private final long timeoutMillis;
    private final ConnectionRefusals refusals;
    private ScheduledFuture<?> deadline;

    InitTimeoutHandler(long timeoutMillis, ConnectionRefusals refusals) {
        this.timeoutMillis = timeoutMillis;
        this.refusals = refusals;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        deadline = ctx.executor().schedule(() -> {
            refusals.refused("init-timeout", org.stackbridge.net.ClientAddress.of(ctx.channel()));
            ctx.close();
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == INIT_COMPLETED) {
            cancel();
            ctx.pipeline().remove(this);
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    private void cancel() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
