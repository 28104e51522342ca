package org.stackbridge.ncip.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Aggregates request bodies up to a limit and answers a larger one with the subclass's 413 response (Netty's own
 * has no body). The rest of the oversized body is read and dropped, up to a cap, before the connection closes, so
 * the client reads the answer instead of a connection reset. Used by the NCIP listener and the gateway's HTTP server.
 */
public abstract class DrainingHttpAggregator extends HttpObjectAggregator {

    private static final long MAX_DISCARD = 16L << 20;
    private boolean oversized;
    private long discarded;

    protected DrainingHttpAggregator(int maxBodyBytes) {
        super(maxBodyBytes, true);
    }

    /** The 413 answer for {@code message}; the connection is closed after it. */
    protected abstract FullHttpResponse tooLarge(HttpMessage message);

    @Override
    protected final void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage message) {
        FullHttpResponse response = tooLarge(message);
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        oversized = true;
        ctx.writeAndFlush(response);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (oversized && msg instanceof HttpContent content) {
            discarded += content.content().readableBytes();
            boolean last = msg instanceof LastHttpContent;
            content.release();
            if (last || discarded > MAX_DISCARD) {
                ctx.close();
            }
            return;
        }
        super.channelRead(ctx, msg);
    }
}
