package org.stackbridge.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The PROXY protocol in front of a real listener on 127.0.0.1: a line server that answers each line with the client
 * address it believes and the line.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ProxyProtocolTest {

    private EventLoopGroup group;
    private Channel server;

    private int start(ProxyProtocolPolicy policy) throws InterruptedException {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ProxyProtocol.install(ch, policy, c -> c.pipeline().addLast(new LineBasedFrameDecoder(256),
                                new StringDecoder(StandardCharsets.US_ASCII), new StringEncoder(StandardCharsets.US_ASCII),
                                new SimpleChannelInboundHandler<String>() {
                                    @Override
                                    public void channelActive(ChannelHandlerContext ctx) {
                                        ctx.writeAndFlush("hello " + ClientAddress.hostOf(ctx.channel()) + "\n");
                                    }

                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, String line) {
                                        ctx.writeAndFlush(ClientAddress.hostOf(ctx.channel()) + " " + line + "\n");
                                    }
                                }));
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.close().sync();
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    /** A v2 header for a TCP/IPv4 connection from src:srcPort to 127.0.0.1:6001. */
    static byte[] v2(String src, int srcPort, boolean local) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(new byte[] {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A});
        b.write(local ? 0x20 : 0x21);
        b.write(local ? 0x00 : 0x11);
        if (local) {
            b.write(new byte[] {0, 0});
            return b.toByteArray();
        }
        b.write(new byte[] {0, 12});
        b.write(InetAddress.getByName(src).getAddress());
        b.write(InetAddress.getByName("127.0.0.1").getAddress());
        b.write(srcPort >> 8);
        b.write(srcPort & 0xFF);
        b.write(6001 >> 8);
        b.write(6001 & 0xFF);
        return b.toByteArray();
    }

    private static List<String> exchange(int port, byte[] prefix, String line) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5_000);
            OutputStream out = s.getOutputStream();
            // header and first line in one write, as a proxy often sends them
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.write(prefix);
            b.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
            out.write(b.toByteArray());
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            return List.of(in.readLine(), in.readLine());
        }
    }

    private static ProxyProtocolPolicy trusting(String... from) {
        return ProxyProtocolPolicy.of(true, List.of(from), 2_000);
    }

    @Test
    void aTrustedProxysV2HeaderNamesTheClientBeforeTheListenerSeesTheConnection() throws Exception {
        int port = start(trusting("127.0.0.0/8"));
        assertEquals(List.of("hello 203.0.113.7", "203.0.113.7 9900302.00"), exchange(port, v2("203.0.113.7", 40123, false), "9900302.00"));
    }

    @Test
    void aV1HeaderWorksToo() throws Exception {
        int port = start(trusting("127.0.0.1"));
        byte[] v1 = "PROXY TCP4 198.51.100.2 127.0.0.1 5000 6001\r\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals(List.of("hello 198.51.100.2", "198.51.100.2 ping"), exchange(port, v1, "ping"));
    }

    @Test
    void theProxysOwnHealthCheckIsServedAsThePeer() throws Exception {
        int port = start(trusting("127.0.0.1"));
        assertEquals(List.of("hello 127.0.0.1", "127.0.0.1 ping"), exchange(port, v2(null, 0, true), "ping"));
    }

    @Test
    void aTrustedPeerThatSendsNoHeaderIsClosedAfterTheTimeout() throws Exception {
        int port = start(trusting("127.0.0.1"));
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            assertEquals(-1, s.getInputStream().read(), "closed without an answer");
        }
    }

    @Test
    void aTrustedPeerWithGarbageForAHeaderIsClosed() throws Exception {
        int port = start(trusting("127.0.0.1"));
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("PROXY nonsense here\r\nping\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals(-1, s.getInputStream().read());
        }
    }

    @Test
    void anUntrustedPeerIsServedAsItselfAndItsHeaderIsRefused() throws Exception {
        int port = start(trusting("10.0.0.0/8"));
        assertEquals(List.of("hello 127.0.0.1", "127.0.0.1 9900302.00"), exchange(port, new byte[0], "9900302.00"));
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            assertEquals("hello 127.0.0.1", in.readLine());
            s.getOutputStream().write(v2("203.0.113.7", 1, false));
            s.getOutputStream().write("9900302.00\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals(null, in.readLine(), "closed: a header from an untrusted peer is not believed");
        }
    }

    @Test
    void offMeansAHeaderIsNeverBelieved() throws Exception {
        int port = start(ProxyProtocolPolicy.off());
        List<String> answer = exchange(port, new byte[0], "PROXY TCP4 198.51.100.2 127.0.0.1 5000 6001");
        assertEquals("127.0.0.1 PROXY TCP4 198.51.100.2 127.0.0.1 5000 6001", answer.get(1));
    }

    @Test
    void trustedNetworksAreParsedAndMatched() throws Exception {
        ProxyProtocolPolicy p = trusting("10.1.0.0/16", "192.0.2.7", "::1");
        assertTrue(p.trusts(InetAddress.getByName("10.1.200.3")));
        assertFalse(p.trusts(InetAddress.getByName("10.2.0.1")));
        assertTrue(p.trusts(InetAddress.getByName("192.0.2.7")));
        assertFalse(p.trusts(InetAddress.getByName("192.0.2.8")));
        assertTrue(p.trusts(InetAddress.getByName("::1")));
        assertTrue(trusting("10.0.0.0/9").trusts(InetAddress.getByName("10.127.0.1")));
        assertFalse(trusting("10.0.0.0/9").trusts(InetAddress.getByName("10.128.0.1")));
        assertEquals("'proxy.example.org' is not an IP address or network (for example 10.0.0.5 or 10.0.0.0/24)",
                assertThrows(IllegalArgumentException.class, () -> trusting("proxy.example.org")).getMessage());
        assertEquals("'10.0.0.0/33' has a prefix length outside 0-32",
                assertThrows(IllegalArgumentException.class, () -> trusting("10.0.0.0/33")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ProxyProtocolPolicy.of(true, List.of(), 1000));
        assertFalse(ProxyProtocolPolicy.of(false, List.of("nonsense"), 0).enabled(), "off ignores the list");
    }
}
