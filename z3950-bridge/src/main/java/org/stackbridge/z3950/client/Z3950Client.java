package org.stackbridge.z3950.client;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import org.stackbridge.z3950.ber.BerException;
import org.stackbridge.z3950.ber.BerHeader;
import org.stackbridge.z3950.pdu.Oids;
import org.stackbridge.z3950.pdu.RpnNode;
import org.stackbridge.z3950.pdu.Z3950Decoder;
import org.stackbridge.z3950.pdu.Z3950Encoder;
import org.stackbridge.z3950.pdu.Z3950Pdu;
import org.stackbridge.z3950.query.PqfParser;

/**
 * A small blocking Z39.50 origin (tests, benchmarks, copy cataloguing): one association per instance,
 * one request at a time. Reads definite and indefinite BER lengths.
 */
public final class Z3950Client implements AutoCloseable {

    private static final int MAX_PDU = 64 << 20;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private int setCounter;

    public Z3950Client(String host, int port, int timeoutMillis) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), timeoutMillis);
        socket.setSoTimeout(timeoutMillis);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream(), 65536);
        out = socket.getOutputStream();
    }

    public Z3950Pdu exchange(Z3950Pdu request) throws IOException {
        send(request);
        return receive();
    }

    public void send(Z3950Pdu request) throws IOException {
        out.write(Z3950Encoder.encode(request));
        out.flush();
    }

    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public Z3950Pdu receive() throws IOException {
        return Z3950Decoder.decode(readPdu(in));
    }

    /** Standard v3 Init with 1 MiB message sizes. */
    public Z3950Pdu.InitResponse init() throws IOException {
        return (Z3950Pdu.InitResponse) exchange(new Z3950Pdu.InitRequest(null, 0b111, (1L) | (1L << 1) | (1L << 2) | (1L << 7) | (1L << 8) | (1L << 14),
                1 << 20, 1 << 20, null, "SB-client", "Stackbridge client", "1", null));
    }

    public Z3950Pdu.SearchResponse search(String database, String pqf) throws IOException {
        PqfParser.Pqf q = PqfParser.parse(pqf);
        return search(database, q.attributeSet(), q.rpn(), "default");
    }

    public Z3950Pdu.SearchResponse search(String database, String attributeSet, RpnNode rpn, String setName) throws IOException {
        return (Z3950Pdu.SearchResponse) exchange(new Z3950Pdu.SearchRequest(null, 0, 1, 0, true, setName, List.of(database),
                null, null, null, 1, attributeSet, rpn));
    }

    public Z3950Pdu present(String setName, int start, int count, String syntax, String esn) throws IOException {
        return exchange(new Z3950Pdu.PresentRequest(null, setName, start, count, esn, syntax == null ? Oids.USMARC : syntax, false));
    }

    public String nextSetName() {
        return Integer.toString(++setCounter);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** Reads exactly one BER TLV (any length form) from the stream. */
    public static byte[] readPdu(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(4096);
        readTlv(in, buf, 0);
        return buf.toByteArray();
    }

    private static void readTlv(InputStream in, ByteArrayOutputStream buf, int depth) throws IOException {
        if (depth > 64) {
            throw new BerException("nesting too deep");
        }
        byte[] head = new byte[12];
        int got = 0;
        BerHeader h = null;
        while (h == null) {
            if (got == head.length) {
                throw new BerException("BER header too long");
            }
            head[got++] = (byte) readByte(in, buf);
            h = BerHeader.read(i -> head[i] & 0xFF, 0, got);
        }
        if (h.indefinite()) {
            while (true) {
                in.mark(2);
                int a = in.read();
                int b = in.read();
                if (a == 0 && b == 0) {
                    buf.write(0);
                    buf.write(0);
                    return;
                }
                in.reset();
                readTlv(in, buf, depth + 1);
            }
        }
        long len = h.length();
        if (len > MAX_PDU) {
            throw new BerException("PDU too large");
        }
        byte[] content = in.readNBytes((int) len);
        if (content.length != len) {
            throw new EOFException("connection closed inside a PDU");
        }
        buf.write(content);
    }

    private static int readByte(InputStream in, ByteArrayOutputStream buf) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection closed");
        }
        buf.write(b);
        return b;
    }
}
