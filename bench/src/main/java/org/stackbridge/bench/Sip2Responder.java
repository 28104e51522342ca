package org.stackbridge.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.stackbridge.sip2.codec.Sip2FrameDecoder;
import org.stackbridge.sip2.codec.Sip2MessageDecoder;
import org.stackbridge.sip2.codec.Sip2MessageEncoder;
import org.stackbridge.sip2.codec.Sip2Request;
import org.stackbridge.sip2.codec.Sip2WireFormat;
import org.stackbridge.sip2.mapping.Sip2Mapper;
import org.stackbridge.sip2.message.CheckinResponse;
import org.stackbridge.sip2.message.CheckoutResponse;
import org.stackbridge.sip2.message.LoginResponse;
import org.stackbridge.sip2.message.PatronInformationResponse;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.spec.FieldCode;

/**
 * The protocol-only SIP2 responder of issue #15: the yardstick {@link Sip2GatewayBench} runs beside the gateway. It
 * frames, decodes and encodes with the gateway's own SIP2 codec ({@link Sip2FrameDecoder}, {@link Sip2MessageDecoder},
 * {@link Sip2MessageEncoder}) on Netty, and answers 93, 63, 11 and 09 from memory: loans are a map of item to
 * patron (a checkout of an item on loan is refused, a checkin of an item not on loan is refused), the PIN (AD) is
 * compared as plain text with the one given on the command line (no hash), every patron exists. No engine, no Camel,
 * no storage, no durability: the cost of SIP2 itself on this machine.
 * <p>
 * Runs in its own JVM, as the gateway does, so the bench measures its CPU the same way; it writes
 * {@code sip2=PORT} to {@code <dir>/stackbridge.ports} once it listens, like the gateway.
 *
 * <pre>java -cp ... org.stackbridge.bench.Sip2Responder &lt;dir&gt; &lt;pin&gt;</pre>
 */
public final class Sip2Responder {

    private static final String SPACES14 = " ".repeat(14);

    private final String pin;
    private final Clock clock = Clock.systemUTC();
    private final ZoneId zone = ZoneId.systemDefault();
    /** Item barcode to the patron who has it. */
    private final ConcurrentMap<String, String> loans = new ConcurrentHashMap<>();

    Sip2Responder(String pin) {
        this.pin = pin;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Sip2Responder responder = new Sip2Responder(args[1]);
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        Handler handler = responder.new Handler();
        Channel server = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new Sip2FrameDecoder(4096), new Sip2MessageDecoder(Sip2WireFormat.DEFAULT),
                                Sip2MessageEncoder.INSTANCE, handler);
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("stackbridge.ports.tmp");
        Files.writeString(tmp, "sip2=" + ((InetSocketAddress) server.localAddress()).getPort() + "\n");
        Files.move(tmp, dir.resolve("stackbridge.ports"), StandardCopyOption.ATOMIC_MOVE);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close().syncUninterruptibly();
            boss.shutdownGracefully();
            workers.shutdownGracefully();
        }));
        server.closeFuture().sync();
    }

    /** The answer to one request, or null for a message the responder does not serve (the connection is closed). */
    Sip2Message answer(Sip2Message rq) {
        if (rq.decoderResult().isFailure() || rq.type() == null) {
            return null;
        }
        String date = Sip2Mapper.sipDate(Instant.now(clock), zone);
        String inst = rq.field(FieldCode.AO);
        return switch (rq.type()) {
            case LOGIN_REQUEST -> new LoginResponse(true).toMessage();
            case PATRON_INFORMATION_REQUEST -> {
                String patron = rq.field(FieldCode.AA);
                String ad = rq.field(FieldCode.AD);
                yield new PatronInformationResponse(SPACES14, "001", date, "0000", "0000", "0000", "0000", "0000", "0000", inst,
                        patron, "Patron " + patron, null, "Y", ad == null ? null : ad.equals(pin) ? "Y" : "N", null, null, null,
                        null, null, null, null).toMessage();
            }
            case CHECKOUT_REQUEST -> {
                String patron = rq.field(FieldCode.AA);
                String item = rq.field(FieldCode.AB);
                String ad = rq.field(FieldCode.AD);
                boolean ok = (ad == null || ad.isEmpty() || ad.equals(pin)) && loans.putIfAbsent(item, patron) == null;
                yield new CheckoutResponse(ok, false, "N", ok, date, inst, patron, item, "Benchmarking", ok ? date : null, null, null,
                        null, null, null, null).toMessage();
            }
            case CHECKIN_REQUEST -> {
                String item = rq.field(FieldCode.AB);
                String patron = loans.remove(item);
                boolean ok = patron != null;
                yield new CheckinResponse(ok, true, "N", false, date, inst, item, inst, "Benchmarking", null, patron, null, null,
                        null, null, null, null, null).toMessage();
            }
            default -> null;
        };
    }

    @Sharable
    private final class Handler extends SimpleChannelInboundHandler<Sip2Request> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Sip2Request request) {
            Sip2Message rq = request.message();
            Sip2Message answer = answer(rq);
            if (answer == null) {
                ctx.close();
                return;
            }
            if (rq.sequence() != null) {
                answer = answer.withSequence(rq.sequence(), rq.checksummed());
            }
            ctx.writeAndFlush(Sip2MessageEncoder.Outbound.of(answer, Sip2WireFormat.DEFAULT));
        }
    }
}
