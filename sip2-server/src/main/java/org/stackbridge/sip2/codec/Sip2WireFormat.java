package org.stackbridge.sip2.codec;

import java.util.Objects;
import java.util.Set;

/**
 * How one connection's bytes look: charset, the terminator we write, whether we add AY/AZ even when the
 * request had none, the charset the checksum is computed in (the wire charset unless a partner, like Alma,
 * sums an ASCII-transliterated copy) and the field ids never written (the terminal profile's hidden fields: the
 * encoder drops them from every response, and sends a hidden required field empty) and the longest variable field
 * value written (255 characters, the SIP2 limit, unless the profile asks for less).
 */
public record Sip2WireFormat(Sip2Charset charset, Terminator terminator, boolean forceErrorDetection, char fieldDelimiter,
                             Sip2Charset checksumCharset, Set<String> hiddenFields, int maxFieldLength) {

    /** The SIP2 limit of a variable field, in characters. */
    public static final int MAX_FIELD_LENGTH = 255;

    public static final Sip2WireFormat DEFAULT = new Sip2WireFormat(Sip2Charset.UTF_8, Terminator.CR, false, '|');

    public Sip2WireFormat {
        Objects.requireNonNull(charset, "charset");
        Objects.requireNonNull(terminator, "terminator");
        fieldDelimiter = fieldDelimiter == 0 ? '|' : fieldDelimiter;
        checksumCharset = checksumCharset == null ? charset : checksumCharset;
        hiddenFields = hiddenFields == null ? Set.of() : Set.copyOf(hiddenFields);
        maxFieldLength = maxFieldLength <= 0 || maxFieldLength > MAX_FIELD_LENGTH ? MAX_FIELD_LENGTH : maxFieldLength;
    }

    public Sip2WireFormat(Sip2Charset charset, Terminator terminator, boolean forceErrorDetection, char fieldDelimiter,
                          Sip2Charset checksumCharset, Set<String> hiddenFields) {
        this(charset, terminator, forceErrorDetection, fieldDelimiter, checksumCharset, hiddenFields, MAX_FIELD_LENGTH);
    }

    public Sip2WireFormat(Sip2Charset charset, Terminator terminator, boolean forceErrorDetection, char fieldDelimiter) {
        this(charset, terminator, forceErrorDetection, fieldDelimiter, null, null, MAX_FIELD_LENGTH);
    }

    public Sip2WireFormat(Sip2Charset charset, Terminator terminator, boolean forceErrorDetection, char fieldDelimiter,
                          Sip2Charset checksumCharset) {
        this(charset, terminator, forceErrorDetection, fieldDelimiter, checksumCharset, null, MAX_FIELD_LENGTH);
    }

    /** Whether the encoder leaves out the field with this id. */
    public boolean hides(String fieldId) {
        return !hiddenFields.isEmpty() && hiddenFields.contains(fieldId);
    }

    /** Whether checksums are computed over other bytes than the ones on the wire. */
    public boolean separateChecksumCharset() {
        return checksumCharset != charset;
    }

    public enum Terminator {
        CR("\r"), CRLF("\r\n"), LF("\n");

        private final byte[] bytes;

        Terminator(String s) {
            this.bytes = s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }

        public byte[] bytes() {
            return bytes.clone();
        }

        int length() {
            return bytes.length;
        }

        byte at(int i) {
            return bytes[i];
        }

        public static Terminator parse(String s) {
            if (s == null || s.isBlank()) {
                return CR;
            }
            return switch (s.trim().toUpperCase(java.util.Locale.ROOT)) {
                case "CR", "\\R" -> CR;
                case "CRLF", "\\R\\N" -> CRLF;
                case "LF", "\\N" -> LF;
                default -> throw new IllegalArgumentException("terminator must be CR, CRLF or LF: " + s);
            };
        }
    }
}
