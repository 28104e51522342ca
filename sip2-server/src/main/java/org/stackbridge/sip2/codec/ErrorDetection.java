package org.stackbridge.sip2.codec;

/** SIP2 AY/AZ error detection: the checksum is the two's complement of the 16-bit byte sum up to and including "AZ". */
public final class ErrorDetection {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private ErrorDetection() {
    }

    /** Checksum over {@code bytes[0, len)}, which must end with "AZ". */
    public static int checksum(byte[] bytes, int len) {
        int sum = 0;
        for (int i = 0; i < len; i++) {
            sum += bytes[i] & 0xFF;
        }
        return (-sum) & 0xFFFF;
    }

    /** Writes the 4 uppercase hex digits of {@code checksum} at {@code out[at..at+4)}. */
    public static void writeHex(int checksum, byte[] out, int at) {
        out[at] = HEX[(checksum >> 12) & 0xF];
        out[at + 1] = HEX[(checksum >> 8) & 0xF];
        out[at + 2] = HEX[(checksum >> 4) & 0xF];
        out[at + 3] = HEX[checksum & 0xF];
    }

    public static String hex(int checksum) {
        byte[] b = new byte[4];
        writeHex(checksum, b, 0);
        return new String(b, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Value of a hex digit (either case) or -1. */
    static int hexValue(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        return -1;
    }

    /** Whether a message (without terminator) ends in {@code AZhhhh}. */
    public static boolean hasChecksum(byte[] m, int len) {
        if (len < 6 || m[len - 6] != 'A' || m[len - 5] != 'Z') {
            return false;
        }
        for (int i = len - 4; i < len; i++) {
            if (hexValue(m[i]) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Verifies a message (without terminator) that ends in {@code AZhhhh}. */
    public static boolean verify(byte[] m, int len) {
        if (!hasChecksum(m, len)) {
            return false;
        }
        int claimed = 0;
        for (int i = len - 4; i < len; i++) {
            claimed = (claimed << 4) | hexValue(m[i]);
        }
        return checksum(m, len - 4) == claimed;
    }

    public static boolean verify(byte[] m) {
        return verify(m, m.length);
    }
}
