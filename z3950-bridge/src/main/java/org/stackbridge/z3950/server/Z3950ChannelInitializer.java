package org.stackbridge.z3950.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.stackbridge.net.ClientAddress;
import org.stackbridge.net.ProxyProtocol;
import org.stackbridge.net.ProxyProtocolPolicy;
import org.stackbridge.z3950.ber.BerFrameDecoder;
import org.stackbridge.z3950.config.VirtualDatabase;
import org.stackbridge.z3950.config.Z3950Settings;
import org.stackbridge.z3950.handler.CatalogueAccess;
import org.stackbridge.z3950.handler.Z3950Dispatcher;
import org.stackbridge.z3950.handler.Z3950Metrics;
import org.stackbridge.z3950.pdu.Z3950Decoder;
import org.stackbridge.z3950.pdu.Z3950Encoder;
import org.stackbridge.z3950.sru.SruHttpChannelHandler;
import org.stackbridge.z3950.sru.SruHttpHandler;

/** Pipeline: connection limits, Init deadline, protocol sniffer; then either idle + BER framer + PDU decoder/encoder + association, or HTTP + SRU. */
final class Z3950ChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final Z3950Settings settings;
    private final CatalogueAccess catalogue;
    private final VirtualDatabase virtual;
    private final Z3950Metrics metrics;
    private final SruHttpHandler sru;
    private final AtomicInteger connections = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final ConnectionRefusals refusals;
    private final ProxyProtocolPolicy proxy;

    Z3950ChannelInitializer(Z3950Settings settings, CatalogueAccess catalogue, VirtualDatabase virtual, MeterRegistry meters,
                            SruHttpHandler sru, ProxyProtocolPolicy proxy) {
        this.proxy = proxy;
        this.settings = settings;
        this.catalogue = catalogue;
        this.virtual = virtual;
        this.metrics = new Z3950Metrics(meters);
        this.sru = sru;
        this.refusals = new ConnectionRefusals(metrics, System::nanoTime, TimeUnit.SECONDS.toNanos(10));
        meters.gauge("stackbridge.z3950.connections", connections);
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ProxyProtocol.install(ch, proxy, this::build);
    }

    /** Once the client is known (at once, or after a trusted proxy's header named it). */
    private void build(io.netty.channel.Channel ch) {
        ch.pipeline().addLast(Z3950Pipeline.LIMIT, new ConnectionLimit());
        ch.pipeline().addLast(Z3950Pipeline.INIT_TIMEOUT, new InitTimeoutHandler(TimeUnit.SECONDS.toMillis(settings.initTimeoutSeconds()), refusals));
        ch.pipeline().addLast(Z3950Pipeline.SNIFFER, new ProtocolSniffer(this));
    }

    void installZ3950(ChannelPipeline p) {
        p.addAfter(Z3950Pipeline.SNIFFER, Z3950Pipeline.IDLE, new IdleStateHandler(0, 0, settings.idleTimeoutSeconds(), TimeUnit.SECONDS));
        p.addAfter(Z3950Pipeline.IDLE, Z3950Pipeline.FRAMER, new BerFrameDecoder(settings.maxPduBytes(), settings.maxNestingDepth()));
        p.addAfter(Z3950Pipeline.FRAMER, Z3950Pipeline.DECODER, new Z3950Decoder());
        p.addAfter(Z3950Pipeline.DECODER, Z3950Pipeline.ENCODER, Z3950Encoder.INSTANCE);
        Z3950Dispatcher dispatcher = new Z3950Dispatcher(settings, catalogue, virtual, metrics, ClientAddress.of(p.channel()));
        p.addAfter(Z3950Pipeline.ENCODER, Z3950Pipeline.HANDLER, new Z3950AssociationHandler(settings, dispatcher));
    }

    void installHttp(ChannelPipeline p) {
        if (p.get(Z3950Pipeline.INIT_TIMEOUT) != null) {
            p.remove(Z3950Pipeline.INIT_TIMEOUT);
        }
        p.addAfter(Z3950Pipeline.SNIFFER, Z3950Pipeline.IDLE, new IdleStateHandler(0, 0, settings.idleTimeoutSeconds(), TimeUnit.SECONDS));
        p.addAfter(Z3950Pipeline.IDLE, Z3950Pipeline.HTTP_CODEC, new HttpServerCodec(8192, 16384, 8192));
        p.addAfter(Z3950Pipeline.HTTP_CODEC, Z3950Pipeline.HTTP_AGGREGATOR, new HttpObjectAggregator(settings.maxPduBytes()));
        p.addAfter(Z3950Pipeline.HTTP_AGGREGATOR, Z3950Pipeline.SRU, new SruHttpChannelHandler(sru));
    }

    /**
     * Refuses connections beyond the total limit or the per-address limit by closing them at once (logged, rate-limited).
     * Every connection is counted on connect and uncounted on close, refused ones included.
     */
    @ChannelHandler.Sharable
    private final class ConnectionLimit extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            int total = connections.incrementAndGet();
            int fromAddress = perAddress.computeIfAbsent(address(ctx), a -> new AtomicInteger()).incrementAndGet();
            if (total > settings.maxConnections() || fromAddress > settings.maxConnectionsPerAddress()) {
                refusals.refused(total > settings.maxConnections() ? "max-connections" : "max-connections-per-address",
                        ClientAddress.of(ctx.channel()));
                ctx.close();
                return;
            }
            ctx.fireChannelActive();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            connections.decrementAndGet();
            perAddress.computeIfPresent(address(ctx), (a, n) -> n.decrementAndGet() <= 0 ? null : n);
            ctx.fireChannelInactive();
        }

        private static InetAddress address(ChannelHandlerContext ctx) {
            return ClientAddress.addressOf(ctx.channel());
        }
    }
}
