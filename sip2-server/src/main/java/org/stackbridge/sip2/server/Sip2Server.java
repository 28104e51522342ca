package org.stackbridge.sip2.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Objects;
import org.stackbridge.net.ProxyProtocolPolicy;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.core.port.CirculationPort;
import org.stackbridge.sip2.handler.Sip2Dispatcher;
import org.stackbridge.sip2.session.LoginThrottle;

/**
 * The SIP2 listener: a plain TCP port and, when configured, a TLS port, both served by the same handlers.
 * {@link #start()} binds (port 0 picks a free port, see {@link #port()}); {@link #close()} unbinds and stops.
 */
public final class Sip2Server implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Sip2Server.class);

    private final Sip2Settings settings;
    private final Sip2Metrics metrics;
    /** Logins the terminal monitor keeps at most. */
    static final int MAX_MONITORED_LOGINS = 10_000;
    private final Sip2TerminalMonitor monitor;
    private final Sip2Dispatcher handlers;
    private final ReplayCache replay;
    private final AtomicLong ids = new AtomicLong();
    private final Clock clock;
    private final java.util.function.Function<String, org.stackbridge.sip2.session.Sip2Profile> profiles;
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private volatile Channel plain;
    private volatile Channel tls;
    private ProxyProtocolPolicy proxy = ProxyProtocolPolicy.off();
    private final Sip2Trace trace = new Sip2Trace();
    private final Sip2AccountChanges accounts = new Sip2AccountChanges();

    public Sip2Server(Sip2Settings settings, CirculationPort port, MeterRegistry registry) {
        this(settings, port, registry, Clock.systemDefaultZone());
    }

    public Sip2Server(Sip2Settings settings, CirculationPort port, MeterRegistry registry, Clock clock) {
        this(settings, port, registry, clock, settings::profile);
    }

    /**
     * @param profiles the terminal profile of a name (null or unknown: the default one), asked on every message, so a
     *                 changed profile applies to connected terminals from their next message
     */
    public Sip2Server(Sip2Settings settings, CirculationPort port, MeterRegistry registry, Clock clock,
                      java.util.function.Function<String, org.stackbridge.sip2.session.Sip2Profile> profiles) {
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = new Sip2Metrics(registry);
        this.monitor = new Sip2TerminalMonitor(clock, MAX_MONITORED_LOGINS);
        Sip2Settings.FailedLoginThrottle t = settings.failedLoginThrottle();
        LoginThrottle throttle = new LoginThrottle(t.maxFailures(), t.maxFailuresPerLogin(), t.windowSeconds(), t.penaltySeconds(),
                t.trackedAddresses(), clock);
        this.handlers = Sip2Dispatcher.standard(Objects.requireNonNull(port, "port"), clock, throttle);
        this.replay = new ReplayCache(settings.replayEntriesPerLogin(), settings.replayWindowSeconds(), 100_000, clock);
    }

    /** Whether connections start with a PROXY header and from where it is believed; call before {@link #start()}. */
    public synchronized Sip2Server proxyProtocol(ProxyProtocolPolicy policy) {
        this.proxy = Objects.requireNonNull(policy, "policy");
        return this;
    }

    public synchronized Sip2Server start() {
        if (plain != null) {
            throw new IllegalStateException("already started");
        }
        SslContext ssl = settings.tls().enabled() ? Sip2Tls.serverContext(settings.tls(), clock) : null;
        boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(settings.workerThreads(), NioIoHandler.newFactory());
        Sip2ConnectionLimiter limiter = new Sip2ConnectionLimiter(settings.maxConnections(), metrics);
        try {
            plain = bind(settings.port(), new Sip2ChannelInitializer(settings, profiles, null, limiter, handlers, replay, metrics, ids, monitor,
                    proxy, trace, accounts));
            if (ssl != null) {
                tls = bind(settings.tls().port(), new Sip2ChannelInitializer(settings, profiles, ssl, limiter, handlers, replay, metrics, ids,
                        monitor, proxy, trace, accounts));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOG.info("SIP2 listening on {}:{}{}", settings.host(), port(), tls == null ? "" : " and TLS " + tlsPort());
        return this;
    }

    private Channel bind(int port, Sip2ChannelInitializer init) {
        ServerBootstrap b = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(init);
        try {
            return b.bind(settings.host(), port).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding SIP2 port " + port, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot bind SIP2 port " + settings.host() + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /**
     * Terminal accounts changed while their terminals are connected (a configuration reload): ended logins are logged
     * out at their next message, re-profiled ones follow their new profile; no connection is closed.
     */
    public Sip2AccountChanges accountChanges() {
        return accounts;
    }

    /** The per-terminal trace switches of this server. */
    public Sip2Trace trace() {
        return trace;
    }

    /** The bound plain TCP port. */
    public int port() {
        return plain == null ? -1 : ((InetSocketAddress) plain.localAddress()).getPort();
    }

    /** The bound TLS port, or -1 without TLS. */
    public int tlsPort() {
        return tls == null ? -1 : ((InetSocketAddress) tls.localAddress()).getPort();
    }

    /** True while the plain port (and the TLS port, when configured) is bound and accepting connections. */
    public boolean isBound() {
        Channel p = plain;
        Channel t = tls;
        return p != null && p.isActive() && (!settings.tls().enabled() || t != null && t.isActive());
    }

    /** Currently open connections. */
    public int connections() {
        return metrics.connections().get();
    }

    @Override
    public synchronized void close() {
        if (plain != null) {
            plain.close().syncUninterruptibly();
            plain = null;
        }
        if (tls != null) {
            tls.close().syncUninterruptibly();
            tls = null;
        }
        if (workers != null) {
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            workers = null;
        }
        if (boss != null) {
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            boss = null;
        }
    }

    /** The live status of the terminal logins this listener serves. */
    public Sip2TerminalMonitor terminals() {
        return monitor;
    }
}
