package org.stackbridge.gateway.admin;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The gateway's HTTP port: health, metrics, the read-only admin API, and the protocol endpoints mounted
 * by prefix (NCIP, SRU). Unknown paths get 404; handler failures get a plain 500 without internals.
 */
public final class AdminHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdminHttpServer.class);

    private final String host;
    private final int requestedPort;
    private final int maxBody;
    private final SslContext ssl;
    private final int readTimeoutSeconds;
    // concurrent: a configuration reload may mount an NCIP partner's new path while requests are routed
    private final Map<String, HttpEndpoint> routes = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, java.util.function.Supplier<FullHttpResponse>> oversize = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, java.util.function.Supplier<FullHttpResponse>> malformed = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Long> bodyLimits = new LinkedHashMap<>();
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Channel channel;

    private org.stackbridge.net.ProxyProtocolPolicy proxy = org.stackbridge.net.ProxyProtocolPolicy.off();

    public AdminHttpServer(String host, int port, int maxBody, SslContext ssl) {
        this(host, port, maxBody, ssl, org.stackbridge.ncip.config.NcipSettings.DEFAULT_READ_TIMEOUT_SECONDS);
    }

    /** @param readTimeoutSeconds time for a client to send one whole request; slower ones get 408 and are closed */
    public AdminHttpServer(String host, int port, int maxBody, SslContext ssl, int readTimeoutSeconds) {
        this.readTimeoutSeconds = readTimeoutSeconds;
        this.host = host;
        this.requestedPort = port;
        this.maxBody = maxBody;
        this.ssl = ssl;
    }

    /** Mounts an endpoint; the longest matching prefix wins. Call before {@link #start()}. */
    public AdminHttpServer mount(String pathPrefix, HttpEndpoint endpoint) {
        routes.put(pathPrefix, endpoint);
        return this;
    }

    /**
     * As {@link #mount(String, HttpEndpoint, java.util.function.Supplier, java.util.function.Supplier)} while the server
     * runs, unless something is mounted at that prefix already; returns whether it was mounted.
     */
    public boolean mountIfAbsent(String pathPrefix, HttpEndpoint endpoint, java.util.function.Supplier<FullHttpResponse> tooLarge,
                                 java.util.function.Supplier<FullHttpResponse> badRequest) {
        if (routes.putIfAbsent(pathPrefix, endpoint) != null) {
            return false;
        }
        oversize.put(pathPrefix, tooLarge);
        malformed.put(pathPrefix, badRequest);
        return true;
    }

    /** Mounts an endpoint that answers oversized and malformed requests in its own format (e.g. an NCIP Problem). */
    public AdminHttpServer mount(String pathPrefix, HttpEndpoint endpoint, java.util.function.Supplier<FullHttpResponse> tooLarge,
                                 java.util.function.Supplier<FullHttpResponse> badRequest) {
        routes.put(pathPrefix, endpoint);
        oversize.put(pathPrefix, tooLarge);
        malformed.put(pathPrefix, badRequest);
        return this;
    }

    /**
     * Bodies to paths under {@code pathPrefix} (the longest matching prefix wins) may declare at most {@code maxBytes};
     * a larger Content-Length is answered 413 before any of it is read. Without a limit of its own a path takes up to
     * the server's maximum. Call before {@link #start()}.
     */
    public AdminHttpServer limitBody(String pathPrefix, long maxBytes) {
        bodyLimits.put(pathPrefix, maxBytes);
        return this;
    }

    /** Whether connections start with a PROXY header and from where it is believed; call before {@link #start()}. */
    public AdminHttpServer proxyProtocol(org.stackbridge.net.ProxyProtocolPolicy policy) {
        this.proxy = java.util.Objects.requireNonNull(policy, "policy");
        return this;
    }

    public void start() throws InterruptedException {
        boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        ServerBootstrap b = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        org.stackbridge.net.ProxyProtocol.install(ch, proxy, c -> build(c));
                    }

                    /** Once the client is known (at once, or after a trusted proxy's header named it). */
                    private void build(io.netty.channel.Channel ch) {
                        if (ssl != null) {
                            ch.pipeline().addLast("tls", ssl.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast("idle", new IdleStateHandler(0, 0, 120, TimeUnit.SECONDS) {
                            @Override
                            protected void channelIdle(ChannelHandlerContext ctx, io.netty.handler.timeout.IdleStateEvent evt) {
                                ctx.close();
                            }
                        });
                        ch.pipeline().addLast("codec", new HttpServerCodec(4096, 16 * 1024, 16 * 1024));
                        ch.pipeline().addLast("read-timeout", new org.stackbridge.ncip.server.HttpReadTimeoutHandler(readTimeoutSeconds,
                                TimeUnit.SECONDS));
                        ch.pipeline().addLast("aggregator", new Aggregator());
                        ch.pipeline().addLast("router", new Router());
                    }
                });
        channel = b.bind(host, requestedPort).sync().channel();
        LOG.info("HTTP listening on {}:{}{}", host, port(), ssl == null ? "" : " (TLS)");
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        if (boss != null) {
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private HttpEndpoint route(String path) {
        return longestPrefix(routes, path);
    }

    private static String pathOf(String uri) {
        int q = uri.indexOf('?');
        return q >= 0 ? uri.substring(0, q) : uri;
    }

    private static <T> T longestPrefix(Map<String, T> map, String path) {
        T best = null;
        int bestLength = -1;
        for (Map.Entry<String, T> e : map.entrySet()) {
            String prefix = e.getKey();
            boolean match = path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/")
                    || path.startsWith(prefix + "?");
            if (match && prefix.length() > bestLength) {
                best = e.getValue();
                bestLength = prefix.length();
            }
        }
        return best;
    }

    public static FullHttpResponse text(HttpResponseStatus status, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        return r;
    }

    /** Oversized bodies get 413 in the endpoint's own format when it has one, then are drained. */
    private final class Aggregator extends org.stackbridge.ncip.server.DrainingHttpAggregator {
        Aggregator() {
            super(maxBody);
        }

        @Override
        protected boolean isContentLengthInvalid(io.netty.handler.codec.http.HttpMessage start, int maxContentLength) {
            if (start instanceof io.netty.handler.codec.http.HttpRequest r) {
                Long limit = longestPrefix(bodyLimits, pathOf(r.uri()));
                if (limit != null && HttpUtil.getContentLength(start, -1L) > limit) {
                    return true;
                }
            }
            return super.isContentLengthInvalid(start, maxContentLength);
        }

        @Override
        protected FullHttpResponse tooLarge(io.netty.handler.codec.http.HttpMessage message) {
            String path = message instanceof io.netty.handler.codec.http.HttpRequest r ? pathOf(r.uri()) : "/";
            var custom = longestPrefix(oversize, path);
            return custom != null ? custom.get()
                    : text(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "text/plain; charset=utf-8", "request body too large\n");
        }
    }

    private final class Router extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            InetSocketAddress remote = org.stackbridge.net.ClientAddress.of(ctx.channel());
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            String path = pathOf(request.uri());
            if (!request.decoderResult().isSuccess()) {
                var custom = longestPrefix(malformed, path);
                FullHttpResponse bad = custom != null ? custom.get()
                        : text(HttpResponseStatus.BAD_REQUEST, "text/plain; charset=utf-8", "malformed request\n");
                write(ctx, bad, false);
                return;
            }
            HttpEndpoint endpoint = route(path);
            if (endpoint == null) {
                ctx.channel().config().setAutoRead(false);
                write(ctx, text(HttpResponseStatus.NOT_FOUND, "text/plain; charset=utf-8", "not found\n"), keepAlive);
                return;
            }
            request.retain();
            CompletionStage<FullHttpResponse> response;
            try {
                MDC.put("protocol", "http");
                MDC.put("remote", String.valueOf(remote));
                response = endpoint.handle(request, remote);
            } catch (RuntimeException e) {
                response = java.util.concurrent.CompletableFuture.failedFuture(e);
            } finally {
                MDC.clear();
            }
            // no pipelining: read the next request only after this answer is written, so answers stay in order
            ctx.channel().config().setAutoRead(false);
            response.whenComplete((r, e) -> {
                request.release();
                if (e != null) {
                    LOG.error("HTTP {} {} failed", request.method(), path, e);
                    r = text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "text/plain; charset=utf-8", "internal error\n");
                }
                FullHttpResponse out = r;
                if (ctx.executor().inEventLoop()) {
                    // answered on the connection's own loop (e.g. NCIP writes small answers there): no second task
                    write(ctx, out, keepAlive);
                } else {
                    ctx.executor().execute(() -> write(ctx, out, keepAlive));
                }
            });
        }

        private void write(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
            if (!response.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
                response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
            }
            response.headers().set(HttpHeaderNames.CONNECTION, keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(f -> {
                if (!keepAlive || !f.isSuccess()) {
                    ctx.close();
                } else {
                    ctx.channel().config().setAutoRead(true);
                    ctx.read();
                }
            });
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("HTTP connection error from {}: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }
}
