package org.stackbridge.z3950.sru;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;

/** Netty glue for {@link SruHttpHandler} on the Z39.50 port: one response per request, keep-alive honoured. */
public final class SruHttpChannelHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private final SruHttpHandler sru;

    public SruHttpChannelHandler(SruHttpHandler sru) {
        this.sru = sru;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (!req.decoderResult().isSuccess()) {
            ctx.close();
            return;
        }
        ctx.channel().config().setAutoRead(false);
        sru.handle(req, org.stackbridge.net.ClientAddress.of(ctx.channel())).whenComplete((FullHttpResponse resp, Throwable err) -> {
            if (err != null) {
                ctx.close();
                return;
            }
            HttpUtil.setKeepAlive(resp, keepAlive);
            ctx.writeAndFlush(resp).addListener((ChannelFutureListener) f -> {
                if (!keepAlive) {
                    f.channel().close();
                } else {
                    f.channel().config().setAutoRead(true);
                }
            });
        });
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
