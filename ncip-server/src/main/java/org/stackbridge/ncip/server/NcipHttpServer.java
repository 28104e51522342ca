package org.stackbridge.ncip.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.stackbridge.core.port.CirculationPort;
import org.stackbridge.ncip.config.NcipSettings;

/**
 * A standalone NCIP HTTP/1.1 listener (keep-alive, body limit) around {@link NcipHttpHandler}: for module
 * tests and benchmarks; the gateway mounts the handler on its own HTTP server instead.
 */
public final class NcipHttpServer implements AutoCloseable {

    private final NcipHttpHandler handler;
    private final io.netty.handler.ssl.SslContext ssl;
    private final String host;
    private final int requestedPort;
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Channel channel;

    public NcipHttpServer(NcipSettings settings, CirculationPort port, MeterRegistry meters) {
        this(settings, port, meters, "127.0.0.1", 0);
    }

    public NcipHttpServer(NcipSettings settings, CirculationPort port, MeterRegistry meters, String host, int port0) {
        this(settings, port, meters, host, port0, null);
    }

    /** @param ssl TLS context for HTTPS (e.g. {@code SslContextBuilder.forServer(keyManagerFactory).build()}), or null */
    public NcipHttpServer(NcipSettings settings, CirculationPort port, MeterRegistry meters, String host, int port0,
                          io.netty.handler.ssl.SslContext ssl) {
        this.ssl = ssl;
        this.handler = new NcipHttpHandler(settings, port, meters);
        this.host = host;
        this.requestedPort = port0;
    }

    public synchronized NcipHttpServer start() throws InterruptedException {
        if (channel != null) {
            return this;
        }
        boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        channel = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 256)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new NcipHttpInitializer(handler, ssl))
                .bind(new InetSocketAddress(host, requestedPort)).sync().channel();
        return this;
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public NcipHttpHandler handler() {
        return handler;
    }

    @Override
    public synchronized void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
            channel = null;
        }
        if (boss != null) {
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        handler.close();
    }
}
