package org.stackbridge.sip2.client;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.stackbridge.sip2.codec.ErrorDetection;
import org.stackbridge.sip2.codec.Sip2Charset;
import org.stackbridge.sip2.codec.Sip2MessageDecoder;
import org.stackbridge.sip2.codec.Sip2MessageEncoder;
import org.stackbridge.sip2.codec.Sip2WireFormat;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.spec.Sip2MessageType;

/**
 * A blocking SIP2 client (the SC side) for tests, load drivers and scripts: plain or TLS socket, optional error
 * detection with incrementing sequence numbers, responses decoded and their checksums verified. Not thread-safe:
 * one client per connection, one request at a time, as SIP2 terminals work.
 */
public final class Sip2Client implements AutoCloseable {

    /**
     * @param tls            connect with TLS
     * @param trustAll       accept any server certificate (self-signed demo certificates); tests only
     * @param errorDetection send AY/AZ and verify them on responses
     * @param timeoutMillis  read timeout
     * @param maxResponse    longest response accepted, in bytes
     */
    public record Options(boolean tls, boolean trustAll, boolean errorDetection, Sip2Charset charset, int timeoutMillis, int maxResponse) {
        public static Options plain() {
            return new Options(false, false, true, Sip2Charset.UTF_8, 10_000, 1 << 20);
        }

        public Options withTls(boolean trustAllCertificates) {
            return new Options(true, trustAllCertificates, errorDetection, charset, timeoutMillis, maxResponse);
        }

        public Options withErrorDetection(boolean ed) {
            return new Options(tls, trustAll, ed, charset, timeoutMillis, maxResponse);
        }

        public Options withCharset(Sip2Charset cs) {
            return new Options(tls, trustAll, errorDetection, cs, timeoutMillis, maxResponse);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Options options;
    private final Sip2WireFormat format;
    private int sequence;
    private byte[] lastRequest;

    private Sip2Client(Socket socket, Options options) throws IOException {
        this.socket = socket;
        this.options = options;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.format = new Sip2WireFormat(options.charset(), Sip2WireFormat.Terminator.CR, false, '|');
    }

    public static Sip2Client connect(String host, int port, Options options) throws IOException {
        return connect(host, port, options, null);
    }

    /**
     * Connects from {@code localAddress} (null: any), e.g. 127.0.0.2, so a test can tell the kiosk's own address from
     * that of a proxy in front of the server. Plain TCP only.
     */
    public static Sip2Client connect(String host, int port, Options options, java.net.InetAddress localAddress) throws IOException {
        if (localAddress != null && options.tls()) {
            throw new IllegalArgumentException("a local address is supported for plain TCP only");
        }
        Socket s;
        if (options.tls()) {
            try {
                SSLContext ctx;
                if (options.trustAll()) {
                    ctx = SSLContext.getInstance("TLS");
                    ctx.init(null, new TrustManager[] {new TrustAll()}, null);
                } else {
                    ctx = SSLContext.getDefault();
                }
                SSLSocket ssl = (SSLSocket) ctx.getSocketFactory().createSocket();
                ssl.connect(new InetSocketAddress(host, port), options.timeoutMillis());
                ssl.setSoTimeout(options.timeoutMillis());
                ssl.startHandshake();
                s = ssl;
            } catch (java.security.GeneralSecurityException e) {
                throw new IOException("TLS setup failed", e);
            }
        } else {
            s = new Socket();
            if (localAddress != null) {
                s.bind(new InetSocketAddress(localAddress, 0));
            }
            s.connect(new InetSocketAddress(host, port), options.timeoutMillis());
            s.setSoTimeout(options.timeoutMillis());
        }
        s.setTcpNoDelay(true);
        return new Sip2Client(s, options);
    }

    public static Sip2Client connect(String host, int port) throws IOException {
        return connect(host, port, Options.plain());
    }

    /** Sends a request (with the next AY when error detection is on) and returns the decoded response. */
    public Sip2Message send(Sip2Message request) throws IOException {
        Sip2Message m = options.errorDetection() && request.type() != Sip2MessageType.REQUEST_ACS_RESEND
                ? request.withSequence((char) ('0' + nextSequence()), true)
                : request.withSequence(null, options.errorDetection());
        byte[] bytes = Sip2MessageEncoder.encode(m, format);
        lastRequest = bytes;
        out.write(bytes);
        out.flush();
        return readMessage();
    }

    /** Writes the previous request again, byte for byte (as a terminal does after a lost response). */
    public Sip2Message retransmit() throws IOException {
        if (lastRequest == null) {
            throw new IllegalStateException("nothing sent yet");
        }
        out.write(lastRequest);
        out.flush();
        return readMessage();
    }

    /** The exact bytes of the last request sent with {@link #send}, terminator included. */
    public byte[] lastRequest() {
        return lastRequest == null ? null : lastRequest.clone();
    }

    /** Sends text as it is (a CR is appended unless present) and returns the response line without its terminator. */
    public String sendRaw(String text) throws IOException {
        writeRaw(text.endsWith("\r") ? text.getBytes(options.charset().charset()) : (text + "\r").getBytes(options.charset().charset()));
        return readLine();
    }

    public void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads one response and decodes it; a response with a wrong checksum is an IOException. */
    public Sip2Message readMessage() throws IOException {
        byte[] frame = readFrame();
        if (ErrorDetection.hasChecksum(frame, frame.length) && !ErrorDetection.verify(frame)) {
            throw new IOException("response checksum invalid: " + new String(frame, options.charset().charset()));
        }
        Sip2Message m = Sip2MessageDecoder.decode(frame, format);
        if (m == null || m.decoderResult().isFailure()) {
            throw new IOException("undecodable response: " + new String(frame, options.charset().charset()));
        }
        return m;
    }

    /** Reads one response as text, without the terminator. */
    public String readLine() throws IOException {
        return new String(readFrame(), options.charset().charset());
    }

    /** Bytes up to (excluding) the next CR; a leading LF from a CRLF terminator is dropped. */
    public byte[] readFrame() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(128);
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new java.io.EOFException("connection closed by server");
            }
            if (c == '\r') {
                break;
            }
            if (c == '\n' && b.size() == 0) {
                continue;
            }
            if (b.size() >= options.maxResponse()) {
                throw new IOException("response longer than " + options.maxResponse());
            }
            b.write(c);
        }
        return b.toByteArray();
    }

    /** True when the server has closed the connection (reads EOF within the timeout). */
    public boolean awaitClosed() {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    private int nextSequence() {
        int s = sequence;
        sequence = (sequence + 1) % 10;
        return s;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    @Override
    public String toString() {
        return "Sip2Client[" + socket.getRemoteSocketAddress() + ", lastRequest=" + (lastRequest == null ? 0 : Arrays.hashCode(lastRequest)) + "]";
    }
}
