package org.stackbridge.sip2.server;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.atomic.AtomicLong;
import org.stackbridge.net.ClientAddress;
import org.stackbridge.net.ProxyProtocol;
import org.stackbridge.net.ProxyProtocolPolicy;
import org.stackbridge.sip2.codec.Sip2FrameDecoder;
import org.stackbridge.sip2.codec.Sip2MessageDecoder;
import org.stackbridge.sip2.codec.Sip2MessageEncoder;
import org.stackbridge.sip2.handler.Sip2Dispatcher;
import org.stackbridge.sip2.session.Sip2Session;

/** [PROXY header →] idle timeout → connection limit → optional TLS → CR framer → message decoder → encoder → connection handler. */
final class Sip2ChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final Sip2Settings settings;
    private final java.util.function.Function<String, org.stackbridge.sip2.session.Sip2Profile> profiles;
    private final SslContext ssl;
    private final Sip2ConnectionLimiter limiter;
    private final Sip2Dispatcher handlers;
    private final ReplayCache replay;
    private final Sip2Metrics metrics;
    private final AtomicLong ids;
    private final Sip2TerminalMonitor monitor;
    private final ProxyProtocolPolicy proxy;
    private final Sip2Trace trace;
    private final Sip2AccountChanges accounts;

    Sip2ChannelInitializer(Sip2Settings settings, java.util.function.Function<String, org.stackbridge.sip2.session.Sip2Profile> profiles,
                           SslContext ssl, Sip2ConnectionLimiter limiter, Sip2Dispatcher handlers,
                           ReplayCache replay, Sip2Metrics metrics, AtomicLong ids, Sip2TerminalMonitor monitor,
                           ProxyProtocolPolicy proxy, Sip2Trace trace, Sip2AccountChanges accounts) {
        this.proxy = proxy;
        this.trace = trace;
        this.accounts = accounts;
        this.monitor = monitor;
        this.profiles = profiles;
        this.settings = settings;
        this.ssl = ssl;
        this.limiter = limiter;
        this.handlers = handlers;
        this.replay = replay;
        this.metrics = metrics;
        this.ids = ids;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ProxyProtocol.install(ch, proxy, this::build);
    }

    /** Once the client is known (at once, or after a trusted proxy's header named it). */
    private void build(io.netty.channel.Channel ch) {
        ChannelPipeline p = ch.pipeline();
        if (settings.idleTimeoutSeconds() > 0) {
            p.addLast(Sip2Pipeline.IDLE, new IdleStateHandler(settings.idleTimeoutSeconds(), 0, 0));
        }
        p.addLast(Sip2Pipeline.LIMIT, limiter);
        if (ssl != null) {
            p.addLast(Sip2Pipeline.TLS, ssl.newHandler(ch.alloc()));
        }
        Sip2Session session = new Sip2Session(ids.incrementAndGet(), Sip2ConnectionHandler.host(ClientAddress.of(ch)), profiles,
                settings.defaultInstitution(), ch.eventLoop());
        Sip2MessageDecoder decoder = new Sip2MessageDecoder(session.format());
        p.addLast(Sip2Pipeline.FRAMER, new Sip2FrameDecoder(settings.maxFrameLength()));
        p.addLast(Sip2Pipeline.DECODER, decoder);
        p.addLast(Sip2Pipeline.ENCODER, Sip2MessageEncoder.INSTANCE);
        p.addLast(Sip2Pipeline.HANDLER, new Sip2ConnectionHandler(session, settings, handlers, replay, metrics, decoder, monitor, trace, accounts));
    }
}
