package org.stackbridge.sip2.server;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.stackbridge.sip2.codec.Sip2DecoderException;
import org.stackbridge.sip2.codec.Sip2MessageDecoder;
import org.stackbridge.sip2.codec.Sip2MessageEncoder;
import org.stackbridge.sip2.codec.Sip2Request;
import org.stackbridge.sip2.handler.Sip2Dispatcher;
import org.stackbridge.sip2.handler.Sip2RequestHandler;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.message.Sip2Response;
import org.stackbridge.sip2.session.LoginNames;
import org.stackbridge.sip2.session.Sip2Session;
import org.stackbridge.sip2.spec.Sip2MessageType;

/**
 * The Netty glue of one SIP2 connection: login gate and timeouts, 96/97 handling, retransmission replay, one
 * request in flight at a time (later ones queue, reading pauses), metrics and MDC. Responses are written from the
 * completion of the asynchronous port call, back on the connection's event loop. Pipelined requests queue while
 * reading is paused (autoRead off until the queue drains); none is dropped or executed without being answered.
 */
public final class Sip2ConnectionHandler extends SimpleChannelInboundHandler<Sip2Request> {

    private static final Logger LOG = LoggerFactory.getLogger(Sip2ConnectionHandler.class);

    private final Sip2Session session;
    private final Sip2Settings settings;
    private final Sip2Dispatcher handlers;
    private final Sip2Retransmissions retransmissions;
    private final Sip2RequestGate gate;
    private final Sip2Metrics metrics;
    private final Sip2MessageDecoder decoder;
    private final Sip2TerminalMonitor monitor;
    /** The login this connection is counted under in the monitor, or null. */
    private String monitored;
    private final ArrayDeque<Sip2Request> pending = new ArrayDeque<>();
    private boolean busy;
    private boolean closing;
    private ScheduledFuture<?> loginTimer;

    private final Sip2Trace trace;
    private final Sip2AccountChanges accounts;

    Sip2ConnectionHandler(Sip2Session session, Sip2Settings settings, Sip2Dispatcher handlers, ReplayCache replay, Sip2Metrics metrics,
                          Sip2MessageDecoder decoder, Sip2TerminalMonitor monitor, Sip2Trace trace, Sip2AccountChanges accounts) {
        this.trace = trace;
        this.accounts = accounts;
        this.session = session;
        this.monitor = monitor;
        this.settings = settings;
        this.handlers = handlers;
        this.retransmissions = new Sip2Retransmissions(session, replay);
        this.gate = new Sip2RequestGate(session, settings, handlers);
        this.metrics = metrics;
        this.decoder = decoder;
    }

    static String host(SocketAddress a) {
        if (a instanceof InetSocketAddress i) {
            return i.getAddress() != null ? i.getAddress().getHostAddress() : i.getHostString();
        }
        return String.valueOf(a);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        int timeout = settings.loginTimeoutSeconds();
        if (timeout > 0) {
            loginTimer = ctx.executor().schedule(() -> {
                if (!session.loggedIn() && ctx.channel().isActive()) {
                    mdc();
                    try {
                        LOG.info("SIP2 login timeout after {} s; closing", timeout);
                    } finally {
                        MDC.clear();
                    }
                    metrics.error("login-timeout");
                    ctx.close();
                }
            }, timeout, TimeUnit.SECONDS);
        }
        mdc();
        try {
            LOG.debug("SIP2 connection opened");
        } finally {
            MDC.clear();
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (loginTimer != null) {
            loginTimer.cancel(false);
        }
        pending.clear();
        if (monitored != null) {
            monitor.disconnected(monitored, session.id());
            monitored = null;
        }
        super.channelInactive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            mdc();
            try {
                LOG.info("SIP2 idle timeout after {} s; closing", settings.idleTimeoutSeconds());
            } finally {
                MDC.clear();
            }
            metrics.error("idle-timeout");
            ctx.close();
            return;
        }
        if (evt instanceof SslHandshakeCompletionEvent h && !h.isSuccess()) {
            mdc();
            try {
                LOG.warn("SIP2 TLS handshake failed: {}", h.cause().toString());
            } finally {
                MDC.clear();
            }
            metrics.error("tls");
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        mdc();
        try {
            Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
            if (c instanceof TooLongFrameException) {
                LOG.warn("SIP2 frame longer than {} bytes; closing", settings.maxFrameLength());
                metrics.error("oversize");
            } else if (c instanceof NotSslRecordException) {
                LOG.warn("SIP2 plaintext received on the TLS port; closing");
                metrics.error("tls");
            } else if (c instanceof java.io.IOException) {
                LOG.debug("SIP2 connection error: {}", c.toString());
            } else {
                LOG.warn("SIP2 connection failed; closing", c);
            }
        } finally {
            MDC.clear();
        }
        closing = true;
        pending.clear();
        ctx.close();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Sip2Request request) {
        if (closing) {
            return;
        }
        // Back-pressure instead of a limit: while a request is in flight nothing more is read from the socket, so the
        // queue holds at most the frames of data already read; every queued request is executed and answered in order.
        pending.add(request);
        if (busy) {
            ctx.channel().config().setAutoRead(false);
        }
        drain(ctx);
    }

    private void drain(ChannelHandlerContext ctx) {
        while (!busy && !pending.isEmpty() && !closing) {
            if (!ctx.channel().isActive()) {
                // nobody to answer: do not execute what would be thrown away
                pending.clear();
                return;
            }
            process(ctx, pending.poll());
        }
        if (!busy && pending.isEmpty() && !closing && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void process(ChannelHandlerContext ctx, Sip2Request request) {
        long start = System.nanoTime();
        Sip2Message m = request.message();
        mdc();
        followAccountChange();
        if (session.refreshProfile()) {
            // the terminal's profile was changed (staff API): its next frames are read in the new wire format
            decoder.format(session.format());
        }
        try {
            if (m.decoderResult().isFailure()) {
                rejectInvalid(ctx, m, start);
                return;
            }
            Sip2MessageType type = m.type();
            if (type == Sip2MessageType.REQUEST_ACS_RESEND) {
                byte[] last = session.lastResponse();
                LOG.debug("SIP2 97: resending last response");
                metrics.request(type.code(), last != null ? "replayed" : "refused", System.nanoTime() - start);
                write(ctx, last != null ? last : resend96(m));
                return;
            }
            if (type.direction() == Sip2MessageType.Direction.RESPONSE) {
                LOG.warn("SIP2 response message {} received from the terminal; answering 96", type.code());
                sendError(ctx, m, "malformed", start);
                return;
            }
            session.ok();
            if (type == Sip2MessageType.LOGIN_REQUEST) {
                LOG.debug("SIP2 request 93 for {}", LoginNames.forLog(m));
            } else {
                LOG.debug("SIP2 request {}", m);
            }
            String key = m.sequence() == null ? null : retransmissions.requestKey(m, request.raw());
            byte[] stored = retransmissions.storedResponse(m, key);
            if (stored != null) {
                metrics.request(type.code(), "replayed", System.nanoTime() - start);
                write(ctx, stored);
                return;
            }
            String engineKey = retransmissions.engineKey(m, key);
            Sip2Response refusal = gate.refusal(m);
            if (refusal != null) {
                respond(ctx, m, key, refusal, start, "refused");
                return;
            }
            Sip2RequestHandler handler = handlers.handler(type);
            // taken before the account is checked: a change committed while the 93 runs still reaches this session
            long accountsBefore = accounts.now();
            busy = true;
            CompletionStage<Sip2Response> result;
            try {
                result = handler.handle(m, session, engineKey);
            } catch (RuntimeException e) {
                result = CompletableFuture.failedFuture(e);
            }
            result.whenComplete((response, error) -> ctx.executor().execute(() -> {
                mdc();
                try {
                    busy = false;
                    if (!ctx.channel().isActive()) {
                        return;
                    }
                    Sip2Response out = response;
                    String outcome = null;
                    if (error != null || out == null) {
                        LOG.error("SIP2 {} failed", type.code(), error);
                        out = handlers.failure(m, session, "SYSTEM_ERROR");
                        outcome = "error";
                    }
                    if (type == Sip2MessageType.LOGIN_REQUEST) {
                        decoder.format(session.format());
                        MDC.put("login", session.login() == null ? "-" : session.login());
                        if (!session.loggedIn()) {
                            LOG.info("SIP2 login refused for {}", LoginNames.forLog(m));
                            metrics.error("login-failed");
                            if (monitored != null) {
                                monitor.disconnected(monitored, session.id());
                                monitored = null;
                            }
                        } else {
                            session.accountCheckedAt(accountsBefore);
                            LOG.info("SIP2 terminal logged in (institution {})", session.institution());
                            retransmissions.loggedIn();
                            if (monitored != null && !monitored.equals(session.login())) {
                                monitor.disconnected(monitored, session.id());
                            }
                            monitored = session.login();
                            monitor.connected(monitored, session.id(), session.remote());
                        }
                    }
                    respond(ctx, m, key, out, start, outcome);
                } catch (RuntimeException e) {
                    LOG.error("SIP2 response for {} could not be written", type.code(), e);
                    ctx.close();
                } finally {
                    MDC.clear();
                    drain(ctx);
                }
            }));
        } finally {
            MDC.clear();
        }
    }

    /**
     * Applies a change to the logged-in account made since its login was checked (a configuration reload): a removed
     * or disabled account is logged out here, so this message gets the "not logged in" refusal and the connection stays
     * open for a new 93; a new profile name is followed from this message.
     */
    private void followAccountChange() {
        if (!session.loggedIn()) {
            return;
        }
        Sip2AccountChanges.Change change = accounts.after(session.login(), session.accountCheckedAt());
        if (change instanceof Sip2AccountChanges.Ended) {
            LOG.info("SIP2 account {} was removed, disabled or moved by a configuration reload: logged out, the terminal must log in again",
                    session.login());
            if (monitored != null) {
                monitor.disconnected(monitored, session.id());
                monitored = null;
            }
            session.loggedOut();
            decoder.format(session.format());
        } else if (change instanceof Sip2AccountChanges.Reprofiled r) {
            LOG.info("SIP2 account {} now uses profile {} (configuration reload)", session.login(), r.profile());
            session.followProfile(r.profile());
            session.accountCheckedAt(r.number());
        }
    }

    private void respond(ChannelHandlerContext ctx, Sip2Message request, String key, Sip2Response typed, long start, String outcome) {
        // the one response-writing path: the session's wire format carries the profile's hidden fields
        Sip2Message response = typed.toMessage();
        Sip2Message sequenced = response.withSequence(request.sequence(), request.checksummed());
        byte[] bytes = Sip2MessageEncoder.encode(sequenced, session.format());
        retransmissions.remember(request, key, bytes);
        // metrics before the write, so a client that has read the answer also sees it counted
        String said = outcome != null ? outcome : Sip2Metrics.outcome(response);
        metrics.request(request.type().code(), said, System.nanoTime() - start);
        monitor(request, response, !"ok".equals(said));
        trace.exchange(session.login(), session.remote(), request, sequenced);
        write(ctx, bytes);
    }

    /** Counts an answered message for the terminal: under its login, or under the name a refused login gave. */
    private void monitor(Sip2Message request, Sip2Message response, boolean refused) {
        String login = session.loggedIn() ? session.login()
                : request.type() == Sip2MessageType.LOGIN_REQUEST ? LoginNames.loggable(request) : null;
        if (login == null) {
            return;
        }
        Boolean online = response.type() == Sip2MessageType.ACS_STATUS_RESPONSE
                ? "Y".equals(response.fixed(org.stackbridge.sip2.spec.FixedField.ONLINE_STATUS)) : null;
        monitor.answered(login, request.type().code(), refused, online, session.zone());
    }

    private void rejectInvalid(ChannelHandlerContext ctx, Sip2Message m, long start) {
        Sip2DecoderException.Kind kind = m.decoderResult().cause() instanceof Sip2DecoderException e ? e.kind()
                : Sip2DecoderException.Kind.MALFORMED;
        switch (kind) {
            case BAD_CHECKSUM -> LOG.info("SIP2 bad checksum on {}; answering 96", m.code());
            case UNKNOWN_MESSAGE -> LOG.warn("SIP2 unknown message code '{}'", printable(m.code()));
            default -> LOG.info("SIP2 malformed {} ({}); answering 96", printable(m.code()), m.decoderResult().cause().getMessage());
        }
        if (kind == Sip2DecoderException.Kind.UNKNOWN_MESSAGE && "silent".equalsIgnoreCase(session.profile().unknownMessages())) {
            metrics.error("unknown-message");
            return;
        }
        sendError(ctx, m, switch (kind) {
            case BAD_CHECKSUM -> "checksum";
            case UNKNOWN_MESSAGE -> "unknown-message";
            case MALFORMED -> "malformed";
        }, start);
    }

    private void sendError(ChannelHandlerContext ctx, Sip2Message m, String kind, long start) {
        metrics.error(kind);
        byte[] bytes = resend96(m);
        session.lastResponse(bytes);
        session.lastRequestKey(null);
        int errors = session.error();
        metrics.request(m.type() != null ? m.type().code() : "??", "error", System.nanoTime() - start);
        if (session.loggedIn()) {
            monitor.answered(session.login(), m.type() != null ? m.type().code() : "??", true, null, session.zone());
            trace.exchange(session.login(), session.remote(), m, Sip2Message.builder(Sip2MessageType.REQUEST_SC_RESEND).build());
        }
        if (errors >= settings.maxConsecutiveErrors()) {
            LOG.warn("SIP2 {} consecutive errors; closing", errors);
            closing = true;
            ctx.writeAndFlush(new Sip2MessageEncoder.Outbound(bytes)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        write(ctx, bytes);
    }

    private byte[] resend96(Sip2Message m) {
        Sip2Message r96 = Sip2Message.builder(Sip2MessageType.REQUEST_SC_RESEND).build().withSequence(null, m.checksummed());
        return Sip2MessageEncoder.encode(r96, session.format());
    }

    private static void write(ChannelHandlerContext ctx, byte[] bytes) {
        ctx.writeAndFlush(new Sip2MessageEncoder.Outbound(bytes), ctx.voidPromise());
    }

    private static String printable(String code) {
        if (code == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (char c : code.toCharArray()) {
            b.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return b.toString();
    }

    private void mdc() {
        MDC.put("protocol", "sip2");
        MDC.put("conn", Long.toString(session.id()));
        MDC.put("remote", session.remote());
        if (session.login() != null) {
            MDC.put("login", session.login());
        }
    }
}
