package org.stackbridge.ncip.server;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NCIP HTTP pipeline: codec with bounded line and header sizes, an aggregator limited to the body limit
 * (larger bodies get 413), idle connections closed, and the NCIP handler. The gateway may reuse it.
 */
public final class NcipHttpInitializer extends ChannelInitializer<SocketChannel> {

    private static final Logger LOG = LoggerFactory.getLogger(NcipHttpInitializer.class);
    static final int IDLE_SECONDS = 60;

    private final NcipHttpHandler handler;
    private final io.netty.handler.ssl.SslContext ssl;

    public NcipHttpInitializer(NcipHttpHandler handler) {
        this(handler, null);
    }

    /** @param ssl TLS for HTTPS, or null for plain HTTP */
    public NcipHttpInitializer(NcipHttpHandler handler, io.netty.handler.ssl.SslContext ssl) {
        this.handler = handler;
        this.ssl = ssl;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        if (ssl != null) {
            ch.pipeline().addLast("tls", ssl.newHandler(ch.alloc()));
        }
        ch.pipeline()
                .addLast("idle", new IdleStateHandler(0, 0, IDLE_SECONDS))
                .addLast("http", new HttpServerCodec(4096, 8192, 8192))
                .addLast("read-timeout", new HttpReadTimeoutHandler(handler.settings().readTimeoutSeconds(), java.util.concurrent.TimeUnit.SECONDS))
                .addLast("aggregate", new NcipAggregator(handler))
                .addLast("ncip", new Inbound(handler));
    }

    /** Answers an oversized body with 413 and an NCIP Problem, then drains it (see {@link DrainingHttpAggregator}). */
    static final class NcipAggregator extends DrainingHttpAggregator {
        private final NcipHttpHandler handler;

        NcipAggregator(NcipHttpHandler handler) {
            super(handler.settings().maxBodyBytes());
            this.handler = handler;
        }

        @Override
        protected FullHttpResponse tooLarge(io.netty.handler.codec.http.HttpMessage message) {
            return handler.tooLargeResponse();
        }
    }

    /**
     * Hands each full request to the NCIP handler and writes the answers in order, one at a time. A request
     * that arrives while one is in progress (a pipelining client) waits, and reading stops until it is served;
     * a client that does not pipeline never makes the channel toggle its read interest.
     */
    static final class Inbound extends ChannelInboundHandlerAdapter {
        private final NcipHttpHandler handler;
        private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>(1);
        private boolean busy;

        Inbound(NcipHttpHandler handler) {
            this.handler = handler;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof FullHttpRequest request)) {
                ctx.fireChannelRead(msg);
                return;
            }
            if (busy) {
                waiting.add(request);
                ctx.channel().config().setAutoRead(false);
                return;
            }
            serve(ctx, request);
        }

        private void serve(ChannelHandlerContext ctx, FullHttpRequest request) {
            boolean keepAlive;
            CompletionStage<FullHttpResponse> answer;
            try {
                if (!request.decoderResult().isSuccess()) {
                    FullHttpResponse bad = handler.badRequestResponse();
                    ctx.writeAndFlush(bad).addListener(ChannelFutureListener.CLOSE);
                    busy = true; // nothing more is read from this connection
                    return;
                }
                keepAlive = HttpUtil.isKeepAlive(request);
                busy = true;
                // the handler copies what it needs before returning
                answer = handler.handle(request, org.stackbridge.net.ClientAddress.of(ctx.channel()), ctx.executor());
            } finally {
                request.release();
            }
            answer.whenComplete((response, error) -> {
                FullHttpResponse r = error == null ? response : handler.failureResponse();
                if (keepAlive) {
                    r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                } else {
                    r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                }
                ctx.writeAndFlush(r).addListener(f -> {
                    if (!keepAlive || !f.isSuccess()) {
                        ctx.close();
                    } else {
                        busy = false;
                        next(ctx);
                    }
                });
            });
        }

        private void next(ChannelHandlerContext ctx) {
            FullHttpRequest queued = waiting.poll();
            if (queued != null) {
                serve(ctx, queued);
            } else if (!ctx.channel().config().isAutoRead()) {
                ctx.channel().config().setAutoRead(true);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            release();
            super.channelInactive(ctx);
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            release();
        }

        private void release() {
            for (FullHttpRequest r = waiting.poll(); r != null; r = waiting.poll()) {
                r.release();
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof IdleStateEvent) {
                ctx.close();
                return;
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("NCIP connection error: {}", cause.toString());
            ctx.close();
        }
    }
}
