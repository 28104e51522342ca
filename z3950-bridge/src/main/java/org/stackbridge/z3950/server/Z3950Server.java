package org.stackbridge.z3950.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.ZoneId;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.core.catalogue.CatalogueIndex;
import org.stackbridge.core.port.CirculationPort;
import org.stackbridge.z3950.config.VirtualDatabase;
import org.stackbridge.z3950.config.Z3950Settings;
import org.stackbridge.z3950.handler.CatalogueAccess;
import org.stackbridge.z3950.pdu.Z3950Encoder;
import org.stackbridge.z3950.pdu.Z3950Pdu;
import org.stackbridge.z3950.sru.SruHttpHandler;

/**
 * The Z39.50 v3 target with SRU on the same port. {@link #start()} binds, {@link #port()} tells the bound
 * port, {@link #close()} sends close(shutdown) to open associations and stops.
 */
public final class Z3950Server implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Z3950Server.class);

    private final Z3950Settings settings;
    private final CatalogueAccess catalogue;
    private final MeterRegistry meters;
    private final ThreadPoolExecutor workers;
    private final SruHttpHandler sru;
    private final VirtualDatabase virtual;
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private EventLoopGroup boss;
    private EventLoopGroup io;
    private volatile Channel server;

    private org.stackbridge.net.ProxyProtocolPolicy proxy = org.stackbridge.net.ProxyProtocolPolicy.off();

    public Z3950Server(Z3950Settings settings, CatalogueIndex index, CirculationPort circulation, MeterRegistry meters) {
        this(settings, index, circulation, meters, null);
    }

    /** With {@code virtual} (nullable) served as one more database, searched on the remote targets. */
    public Z3950Server(Z3950Settings settings, CatalogueIndex index, CirculationPort circulation, MeterRegistry meters,
                       VirtualDatabase virtual) {
        this.settings = settings;
        this.virtual = virtual;
        this.meters = meters;
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(settings.workerThreads(), settings.workerThreads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(10_000), r -> {
                    Thread t = new Thread(r, "z3950-worker-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.catalogue = new CatalogueAccess(index, circulation, workers, ZoneId.of(settings.zone()), settings.institution());
        this.sru = new SruHttpHandler(settings, catalogue, virtual);
    }

    /** The SRU handler serving this catalogue, for mounting at /sru on another HTTP port. */
    public SruHttpHandler sruHandler() {
        return sru;
    }

    /** Whether connections start with a PROXY header and from where it is believed; call before {@link #start()}. */
    public synchronized Z3950Server proxyProtocol(org.stackbridge.net.ProxyProtocolPolicy policy) {
        this.proxy = java.util.Objects.requireNonNull(policy, "policy");
        return this;
    }

    public synchronized Z3950Server start() {
        if (server != null) {
            return this;
        }
        boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        io = new MultiThreadIoEventLoopGroup(0, NioIoHandler.newFactory());
        Z3950ChannelInitializer init = new Z3950ChannelInitializer(settings, catalogue, virtual, meters, sru, proxy);
        ServerBootstrap b = new ServerBootstrap().group(boss, io).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 256)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new io.netty.channel.ChannelInitializer<io.netty.channel.socket.SocketChannel>() {
                    @Override
                    protected void initChannel(io.netty.channel.socket.SocketChannel ch) throws Exception {
                        channels.add(ch);
                        init.initChannel(ch);
                    }
                });
        try {
            server = b.bind(new InetSocketAddress(settings.host(), settings.port())).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutdownGroups();
            throw new IllegalStateException("interrupted while binding", e);
        } catch (Exception e) {
            // e.g. address in use (thrown unchecked by Netty): release the event loops so the JVM can exit
            shutdownGroups();
            throw new IllegalStateException("cannot bind " + settings.host() + ":" + settings.port() + ": " + e.getMessage(), e);
        }
        LOG.info("Z39.50/SRU listening on {}:{} databases {}{}", settings.host(), port(), settings.databaseNames(),
                virtual == null ? "" : " and virtual database " + virtual.name());
        return this;
    }

    private void shutdownGroups() {
        io.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdown();
    }

    public int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** True while the Z39.50 port is bound and accepting connections. */
    public boolean isBound() {
        Channel s = server;
        return s != null && s.isActive();
    }

    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        server.close().syncUninterruptibly();
        byte[] bye = Z3950Encoder.encode(new Z3950Pdu.Close(null, Z3950Pdu.Close.SHUTDOWN, "server shutdown"));
        for (Channel ch : channels) {
            if (ch.pipeline().get(Z3950Pipeline.HANDLER) != null) {
                ch.writeAndFlush(Unpooled.wrappedBuffer(bye));
            }
        }
        channels.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        io.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdown();
        server = null;
    }
}
