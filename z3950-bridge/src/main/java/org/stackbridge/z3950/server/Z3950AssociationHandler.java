package org.stackbridge.z3950.server;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.ArrayDeque;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.z3950.config.Z3950Settings;
import org.stackbridge.z3950.handler.Z3950Dispatcher;
import org.stackbridge.z3950.pdu.Z3950Pdu;
import org.stackbridge.z3950.pdu.Z3950Pdu.Close;
import org.stackbridge.z3950.pdu.Z3950Pdu.InitResponse;
import org.stackbridge.z3950.pdu.Z3950Pdu.PresentResponse;
import org.stackbridge.z3950.pdu.Z3950Pdu.SearchResponse;
import org.stackbridge.z3950.pdu.Z3950Pdu.Undecodable;

/**
 * The Netty side of one Z39.50 association: receives decoded PDUs, answers them strictly in order (reading pauses
 * while origins pipeline), hands each to the {@link Z3950Dispatcher} and writes the answer on the event loop.
 * Only undecodable input, a PDU before Init, or an unsupported service closes the association (protocolError);
 * idle associations get close(lackOfActivity).
 */
final class Z3950AssociationHandler extends SimpleChannelInboundHandler<Z3950Pdu> {

    private static final Logger LOG = LoggerFactory.getLogger(Z3950AssociationHandler.class);
    private static final int MAX_PIPELINED = 32;
    private static final int PAUSE_READING_AT = 4;

    private final Z3950Settings settings;
    private final Z3950Dispatcher dispatcher;
    private final ArrayDeque<Z3950Pdu> pending = new ArrayDeque<>();
    private boolean busy;

    Z3950AssociationHandler(Z3950Settings settings, Z3950Dispatcher dispatcher) {
        this.settings = settings;
        this.dispatcher = dispatcher;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Z3950Pdu pdu) {
        if (pending.size() >= MAX_PIPELINED) {
            closeWith(ctx, null, Close.RESOURCES, "too many outstanding requests");
            return;
        }
        pending.addLast(pdu);
        if (pending.size() >= PAUSE_READING_AT) {
            // backpressure for origins that pipeline: stop reading until the queue drains
            ctx.channel().config().setAutoRead(false);
        }
        drain(ctx);
    }

    /** Handles queued PDUs strictly one after another (Z39.50 answers in order). Event loop only. */
    private void drain(ChannelHandlerContext ctx) {
        if (busy || pending.isEmpty() || !ctx.channel().isActive()) {
            if (!busy && pending.isEmpty() && ctx.channel().isActive() && !ctx.channel().config().isAutoRead()) {
                ctx.channel().config().setAutoRead(true);
            }
            return;
        }
        busy = true;
        Z3950Pdu pdu = pending.pollFirst();
        if (pdu instanceof Undecodable u) {
            dispatcher.count("undecodable", "protocol-error");
            LOG.debug("undecodable PDU from {}: {}", ctx.channel().remoteAddress(), u.reason());
            closeWith(ctx, null, Close.PROTOCOL_ERROR, "undecodable PDU: " + u.reason());
            return;
        }
        CompletionStage<Z3950Pdu> answer;
        try {
            answer = dispatcher.dispatch(pdu);
        } catch (RejectedExecutionException e) {
            closeWith(ctx, pdu.referenceId(), Close.RESOURCES, "server busy");
            return;
        }
        answer.whenComplete((response, err) -> {
            // answered without leaving the event loop (cache hit, diagnostic): respond inline, no task hop
            if (ctx.executor().inEventLoop()) {
                respond(ctx, pdu, response, err);
            } else {
                ctx.executor().execute(() -> respond(ctx, pdu, response, err));
            }
        });
    }

    private void respond(ChannelHandlerContext ctx, Z3950Pdu pdu, Z3950Pdu response, Throwable err) {
        if (err != null) {
            LOG.warn("request failed on {}", ctx.channel().remoteAddress(), err);
            closeWith(ctx, pdu.referenceId(), Close.SYSTEM_PROBLEM, "internal error");
            return;
        }
        if (response instanceof Close c) {
            closeWith(ctx, c.referenceId(), c.closeReason(), c.diagnosticInformation());
            return;
        }
        Z3950Pdu withRef = withReference(response, pdu.referenceId());
        ctx.writeAndFlush(withRef).addListener((ChannelFutureListener) f -> {
            if (withRef instanceof InitResponse ir && !ir.result()) {
                f.channel().close();
                return;
            }
            if (withRef instanceof InitResponse) {
                ctx.pipeline().fireUserEventTriggered(InitTimeoutHandler.INIT_COMPLETED);
            }
            busy = false;
            drain(ctx);
        });
    }

    /** Echo the request's referenceId (responses built deep inside present logic carry none). */
    private static Z3950Pdu withReference(Z3950Pdu r, byte[] ref) {
        if (ref == null || r.referenceId() != null) {
            return r;
        }
        if (r instanceof PresentResponse p) {
            return new PresentResponse(ref, p.numberOfRecordsReturned(), p.nextResultSetPosition(), p.presentStatus(), p.records());
        }
        if (r instanceof SearchResponse s) {
            return new SearchResponse(ref, s.resultCount(), s.numberOfRecordsReturned(), s.nextResultSetPosition(), s.searchStatus(),
                    s.resultSetStatus(), s.presentStatus(), s.records());
        }
        return r;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == InitTimeoutHandler.INIT_COMPLETED) {
            return;
        }
        if (evt instanceof IdleStateEvent) {
            dispatcher.count("idle", "close-7");
            closeWith(ctx, null, Close.LACK_OF_ACTIVITY, "idle for " + settings.idleTimeoutSeconds() + " s");
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException) {
            dispatcher.count("framing", "protocol-error");
            LOG.debug("bad BER from {}: {}", ctx.channel().remoteAddress(), cause.getMessage());
            closeWith(ctx, null, Close.PROTOCOL_ERROR, "malformed BER: " + cause.getMessage());
        } else {
            LOG.debug("connection error {}: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }

    private void closeWith(ChannelHandlerContext ctx, byte[] ref, int reason, String text) {
        if (!ctx.channel().isActive()) {
            return;
        }
        ctx.writeAndFlush(new Close(ref, reason, text)).addListener(ChannelFutureListener.CLOSE);
    }
}
