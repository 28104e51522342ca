package org.stackbridge.core.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of a stored MARC record (UTF-8 ISO 2709) read from its directory, for the few rules core applies to MARC
 * (standard identifiers, record verification) without a MARC library.
 */
public final class MarcFields {

    /** One field: its tag and its data without the field terminator (a data field starts with its two indicators). */
    public record Field(String tag, String data) {

        public boolean isControlField() {
            return tag.startsWith("00");
        }

        /** The first subfield {@code code} of a data field, or null. */
        public String subfield(char code) {
            String[] parts = data.split("\u001F");
            for (int i = 1; i < parts.length; i++) {
                if (parts[i].length() > 1 && parts[i].charAt(0) == code) {
                    return parts[i].substring(1);
                }
            }
            return null;
        }

        /** Every subfield {@code code} of a data field, in order. */
        public List<String> subfields(char code) {
            List<String> out = new ArrayList<>();
            String[] parts = data.split("\u001F");
            for (int i = 1; i < parts.length; i++) {
                if (parts[i].length() > 1 && parts[i].charAt(0) == code) {
                    out.add(parts[i].substring(1));
                }
            }
            return out;
        }
    }

    private MarcFields() {
    }

    /** The fields in directory order; a field pointing past the record is left out; empty when it is no ISO 2709 record. */
    public static List<Field> of(byte[] marc) {
        List<Field> out = new ArrayList<>();
        try {
            if (marc == null || marc.length < 24) {
                return out;
            }
            int base = Integer.parseInt(new String(marc, 12, 5, StandardCharsets.US_ASCII));
            for (int p = 24; p + 12 <= marc.length && marc[p] != 0x1E && p < base; p += 12) {
                String tag = new String(marc, p, 3, StandardCharsets.US_ASCII);
                int length = Integer.parseInt(new String(marc, p + 3, 4, StandardCharsets.US_ASCII));
                int start = Integer.parseInt(new String(marc, p + 7, 5, StandardCharsets.US_ASCII));
                if (base + start + length > marc.length) {
                    continue;
                }
                String data = new String(marc, base + start, length, StandardCharsets.UTF_8);
                out.add(new Field(tag, data.endsWith("\u001E") ? data.substring(0, data.length() - 1) : data));
            }
        } catch (RuntimeException e) {
            return List.of(); // not ISO 2709
        }
        return out;
    }
}
