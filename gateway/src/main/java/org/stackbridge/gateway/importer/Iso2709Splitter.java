package org.stackbridge.gateway.importer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Cuts an ISO 2709 stream into records using the leader's record length, resynchronising on the record
 * terminator (0x1D) after a damaged record, so one bad record does not lose the rest.
 */
final class Iso2709Splitter {

    private static final int TERMINATOR = 0x1D;

    private final InputStream in;
    private final int maxRecord;
    private long offset;
    private int number;
    private int pushback = -1;

    Iso2709Splitter(InputStream in, int maxRecord) {
        this.in = in;
        this.maxRecord = maxRecord;
    }

    /** A record's bytes, or the problem found at its position. Numbers count from 1. */
    record Chunk(int number, long offset, byte[] bytes, String problem) {
    }

    long offset() {
        return offset;
    }

    Chunk next() throws IOException {
        int c = read();
        while (c == '\n' || c == '\r' || c == ' ') {
            c = read();
        }
        if (c < 0) {
            return null;
        }
        number++;
        long start = offset - 1;
        byte[] leaderLength = new byte[5];
        leaderLength[0] = (byte) c;
        int got = 1;
        while (got < 5) {
            int d = read();
            if (d < 0) {
                return new Chunk(number, start, null, "truncated leader at end of file");
            }
            leaderLength[got++] = (byte) d;
            if (d == TERMINATOR) {
                return new Chunk(number, start, null, "record shorter than a leader");
            }
        }
        int length = parseLength(leaderLength);
        if (length < 25 || length > maxRecord) {
            skipToTerminator();
            return new Chunk(number, start, null, "leader record length is not a number between 25 and " + maxRecord);
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream(length);
        buf.write(leaderLength, 0, 5);
        for (int i = 5; i < length; i++) {
            int d = read();
            if (d < 0) {
                return new Chunk(number, start, null, "truncated: leader says " + length + " bytes, file ends after " + i);
            }
            buf.write(d);
            if (d == TERMINATOR && i < length - 1) {
                return new Chunk(number, start, null, "record terminator after " + (i + 1) + " bytes, leader says " + length);
            }
        }
        byte[] bytes = buf.toByteArray();
        if ((bytes[length - 1] & 0xFF) != TERMINATOR) {
            skipToTerminator();
            return new Chunk(number, start, null, "no record terminator where the leader length ends");
        }
        return new Chunk(number, start, bytes, null);
    }

    private static int parseLength(byte[] digits) {
        int v = 0;
        for (byte b : digits) {
            if (b < '0' || b > '9') {
                return -1;
            }
            v = v * 10 + (b - '0');
        }
        return v;
    }

    private void skipToTerminator() throws IOException {
        int d;
        while ((d = read()) >= 0 && d != TERMINATOR) {
            // discard the damaged record
        }
    }

    private int read() throws IOException {
        int c;
        if (pushback >= 0) {
            c = pushback;
            pushback = -1;
        } else {
            c = in.read();
        }
        if (c >= 0) {
            offset++;
        }
        return c;
    }
}
