package org.stackbridge.sip2.codec;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * Wire character sets a terminal profile may choose. In the single-byte charsets text is composed (NFC) before
 * encoding, so a title stored decomposed (e + combining accent) goes out as the charset's own è (UTF-8 sends text as
 * it is stored); only characters the charset really lacks are
 * transliterated (diacritics stripped, ligatures spelled out) instead of becoming '?'. ASCII transliterates everything
 * beyond ASCII.
 */
public enum Sip2Charset {
    UTF_8(StandardCharsets.UTF_8),
    IBM850(Charset.forName("IBM850")),
    ISO_8859_1(StandardCharsets.ISO_8859_1),
    ASCII(StandardCharsets.US_ASCII);

    private final Charset charset;

    Sip2Charset(Charset charset) {
        this.charset = charset;
    }

    public Charset charset() {
        return charset;
    }

    public byte[] encode(String s) {
        if (this == UTF_8) {
            // UTF-8 carries decomposed text as it is (the golden vectors keep NFD titles byte for byte)
            return s.getBytes(charset);
        }
        String composed = Normalizer.isNormalized(s, Normalizer.Form.NFC) ? s : Normalizer.normalize(s, Normalizer.Form.NFC);
        if (this == ASCII) {
            return transliterate(composed).getBytes(StandardCharsets.US_ASCII);
        }
        CharsetEncoder encoder = charset.newEncoder();
        if (encoder.canEncode(composed)) {
            return composed.getBytes(charset);
        }
        StringBuilder b = new StringBuilder(composed.length());
        composed.codePoints().forEach(cp -> {
            String c = Character.toString(cp);
            b.append(encoder.canEncode(c) ? c : transliterateForCharset(c, encoder));
        });
        return b.toString().getBytes(charset);
    }

    /** A character the charset lacks: its transliteration, keeping any of its parts the charset has. */
    private static String transliterateForCharset(String c, CharsetEncoder encoder) {
        String t = transliterate(c);
        return encoder.canEncode(t) ? t : "?";
    }

    public String decode(byte[] b, int off, int len) {
        // ASCII terminals sometimes send Latin-1; read it without loss. Bytes that are not valid in the charset (broken
        // UTF-8) become U+FFFD: the request is still answered rather than refused with 96.
        return new String(b, off, len, this == ASCII ? StandardCharsets.ISO_8859_1 : charset);
    }

    /** Lenient name lookup for configuration: utf-8, ibm850, cp850, iso-8859-1, latin1, ascii. */
    public static Sip2Charset parse(String name) {
        if (name == null || name.isBlank()) {
            return UTF_8;
        }
        String n = name.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        return switch (n) {
            case "UTF_8", "UTF8" -> UTF_8;
            case "IBM850", "CP850", "IBM_850" -> IBM850;
            case "ISO_8859_1", "LATIN1", "LATIN_1", "ISO8859_1" -> ISO_8859_1;
            case "ASCII", "US_ASCII", "ASCII_TRANSLIT" -> ASCII;
            default -> throw new IllegalArgumentException("unsupported SIP2 charset: " + name);
        };
    }

    /** Strips diacritics and maps common ligatures so ASCII-only terminals show readable text. */
    public static String transliterate(String s) {
        boolean ascii = true;
        for (int i = 0; i < s.length() && ascii; i++) {
            ascii = s.charAt(i) < 0x80;
        }
        if (ascii) {
            return s;
        }
        String d = Normalizer.normalize(s, Normalizer.Form.NFD);
        StringBuilder b = new StringBuilder(d.length());
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            if (c < 0x80) {
                b.append(c);
                continue;
            }
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            switch (c) {
                case 'ß' -> b.append("ss");
                case 'æ' -> b.append("ae");
                case 'Æ' -> b.append("AE");
                case 'œ' -> b.append("oe");
                case 'Œ' -> b.append("OE");
                case 'ø' -> b.append('o');
                case 'Ø' -> b.append('O');
                case 'ł' -> b.append('l');
                case 'Ł' -> b.append('L');
                case 'đ' -> b.append('d');
                case 'Đ' -> b.append('D');
                case 'þ' -> b.append("th");
                case 'Þ' -> b.append("TH");
                case '€' -> b.append("EUR");
                case '\u2018', '\u2019' -> b.append('\'');
                case '\u201C', '\u201D' -> b.append('"');
                case '\u2013', '\u2014' -> b.append('-');
                default -> b.append('?');
            }
        }
        return b.toString();
    }
}
