package org.stackbridge.z3950.server;

import io.micrometer.core.instrument.Counter;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.stackbridge.z3950.ber.BerFrameDecoder;
import org.stackbridge.z3950.sru.SruHttpChannelHandler;
import org.stackbridge.z3950.sru.SruHttpHandler;

/** Pipeline: connection limit, protocol sniffer; then either idle + BER framer + association, or HTTP + SRU. */
final class Z3950ChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final Z3950Settings settings;
    private final CatalogueAccess catalogue;
    private final VirtualDatabase virtual;
    private final MeterRegistry meters;
    private final SruHttpHandler sru;
    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();

    Z3950ChannelInitializer(Z3950Settings settings, CatalogueAccess catalogue, VirtualDatabase virtual, MeterRegistry meters,
                            SruHttpHandler sru) {
        this.settings = settings;
        this.catalogue = catalogue;
        this.virtual = virtual;
        this.meters = meters;
        this.sru = sru;
        meters.gauge("stackbridge.z3950.connections", connections);
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline().addLast(Z3950Pipeline.LIMIT, new ConnectionLimit());
        ch.pipeline().addLast(Z3950Pipeline.SNIFFER, new ProtocolSniffer(this));
    }

    void installZ3950(ChannelPipeline p) {
        p.addAfter(Z3950Pipeline.SNIFFER, Z3950Pipeline.IDLE, new IdleStateHandler(0, 0, settings.idleTimeoutSeconds(), TimeUnit.SECONDS));
        p.addAfter(Z3950Pipeline.IDLE, Z3950Pipeline.FRAMER, new BerFrameDecoder(settings.maxPduBytes(), settings.maxNestingDepth()));
        p.addAfter(Z3950Pipeline.FRAMER, Z3950Pipeline.HANDLER, new Z3950AssociationHandler(settings, catalogue, virtual, meters, counters));
    }

    void installHttp(ChannelPipeline p) {
        p.addAfter(Z3950Pipeline.SNIFFER, Z3950Pipeline.IDLE, new IdleStateHandler(0, 0, settings.idleTimeoutSeconds(), TimeUnit.SECONDS));
        p.addAfter(Z3950Pipeline.IDLE, Z3950Pipeline.HTTP_CODEC, new HttpServerCodec(8192, 16384, 8192));
        p.addAfter(Z3950Pipeline.HTTP_CODEC, Z3950Pipeline.HTTP_AGGREGATOR, new HttpObjectAggregator(settings.maxPduBytes()));
        p.addAfter(Z3950Pipeline.HTTP_AGGREGATOR, Z3950Pipeline.SRU, new SruHttpChannelHandler(sru));
    }

    /** Refuses connections beyond the limit by closing them at once. */
    @ChannelHandler.Sharable
    private final class ConnectionLimit extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (connections.incrementAndGet() > settings.maxConnections()) {
                ctx.close();
                return;
            }
            ctx.fireChannelActive();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            connections.decrementAndGet();
            ctx.fireChannelInactive();
        }
    }
}
