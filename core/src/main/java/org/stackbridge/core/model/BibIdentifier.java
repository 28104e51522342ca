package org.stackbridge.core.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A standard identifier of a title, normalised so that equal identifiers compare equal: OCLC number (MARC 035 with
 * an {@code (OCoLC)} prefix, also {@code ocm}/{@code ocn}/{@code on} forms), ISBN (020; ISBN-10 as its ISBN-13),
 * ISSN (022), LCCN (010, normalised as the Library of Congress describes) and our own control number (001).
 * Stores index the first four ({@link #of(BibRecord)}); {@code LOCAL} is the bib's control number itself.
 */
public record BibIdentifier(Type type, String value) {

    /** Longest identifier value stored (longer ones are no standard identifier and are not indexed). */
    public static final int MAX_LENGTH = 64;

    public enum Type {
        LOCAL, OCLC, ISBN, ISSN, LCCN;

        /** The type a partner's identifier code names (NCIP BibliographicRecordIdentifierCode etc.); none or unknown: LOCAL. */
        public static Type fromCode(String code) {
            String c = code == null ? "" : code.trim().toLowerCase(Locale.ROOT);
            if (c.contains("oclc") || c.contains("ocolc")) {
                return OCLC;
            }
            if (c.contains("isbn")) {
                return ISBN;
            }
            if (c.contains("issn")) {
                return ISSN;
            }
            if (c.contains("lccn") || c.contains("library of congress")) {
                return LCCN;
            }
            return LOCAL;
        }
    }

    /**
     * A title reference for the commands that name a bib by a string ({@code PlaceHold}, {@code RequestLending},
     * {@code LookupTitle}): {@code {TYPE}value} for a standard identifier, or the bare control number.
     */
    public static String reference(String code, String value) {
        Type type = Type.fromCode(code);
        return type == Type.LOCAL || value == null ? value : "{" + type + "}" + value.trim();
    }

    /** The identifier in normalised form, or empty when {@code raw} is no valid value of {@code type}. */
    public static Optional<BibIdentifier> normalised(Type type, String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String v = switch (type) {
            case LOCAL -> raw.trim();
            case OCLC -> oclc(raw);
            case ISBN -> isbn(raw);
            case ISSN -> issn(raw);
            case LCCN -> lccn(raw);
        };
        return v == null || v.isEmpty() || v.length() > MAX_LENGTH ? Optional.empty() : Optional.of(new BibIdentifier(type, v));
    }

    /** The standard identifiers (not LOCAL) of a bib: its ISBN field and the 010/020/022/035 fields of its MARC record. */
    public static List<BibIdentifier> of(BibRecord bib) {
        Set<BibIdentifier> ids = new LinkedHashSet<>();
        normalised(Type.ISBN, bib.isbn()).ifPresent(ids::add);
        for (String[] f : subfieldsA(bib.marc())) {
            Type t = switch (f[0]) {
                case "010" -> Type.LCCN;
                case "020" -> Type.ISBN;
                case "022" -> Type.ISSN;
                case "035" -> f[1].trim().startsWith("(OCoLC)") ? Type.OCLC : null;
                default -> null;
            };
            if (t != null) {
                normalised(t, f[1]).ifPresent(ids::add);
            }
        }
        return List.copyOf(ids);
    }

    private static String oclc(String raw) {
        String v = raw.trim();
        if (v.startsWith("(OCoLC)")) {
            v = v.substring("(OCoLC)".length()).trim();
        }
        v = v.toLowerCase(Locale.ROOT);
        for (String prefix : List.of("ocm", "ocn", "on")) {
            if (v.startsWith(prefix)) {
                v = v.substring(prefix.length());
                break;
            }
        }
        v = v.trim();
        if (!v.matches("\\d+")) {
            return null;
        }
        v = v.replaceFirst("^0+(?=\\d)", "");
        return v;
    }

    /** ISBN-13 digits; an ISBN-10 becomes its ISBN-13. */
    private static String isbn(String raw) {
        String first = raw.trim().split("[\\s(]", 2)[0];
        String d = first.replace("-", "").toUpperCase(Locale.ROOT);
        if (d.matches("\\d{13}")) {
            return d;
        }
        return d.matches("\\d{9}[\\dX]") ? isbn13(d) : null;
    }

    /** The ISBN-13 of a (cleaned) ISBN-10: 978, its first nine digits and a new check digit. */
    public static String isbn13(String isbn10) {
        String twelve = "978" + isbn10.substring(0, 9);
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (twelve.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return twelve + ((10 - sum % 10) % 10);
    }

    private static String issn(String raw) {
        String d = raw.trim().split("\\s", 2)[0].replace("-", "").toUpperCase(Locale.ROOT);
        return d.matches("\\d{7}[\\dX]") ? d : null;
    }

    /** LCCN normalisation: no blanks, nothing after '/', a hyphen's right part zero-padded to six digits. */
    private static String lccn(String raw) {
        String v = raw.replaceAll("\\s", "");
        int slash = v.indexOf('/');
        if (slash >= 0) {
            v = v.substring(0, slash);
        }
        int hyphen = v.indexOf('-');
        if (hyphen >= 0) {
            String right = v.substring(hyphen + 1);
            if (!right.matches("\\d{1,6}")) {
                return null;
            }
            v = v.substring(0, hyphen) + "0".repeat(6 - right.length()) + right;
        }
        return v.toLowerCase(Locale.ROOT);
    }

    /** {@code [tag, $a]} of each data field of an ISO 2709 record (UTF-8); empty for anything unreadable. */
    private static List<String[]> subfieldsA(byte[] marc) {
        List<String[]> out = new ArrayList<>();
        for (MarcFields.Field f : MarcFields.of(marc)) {
            if (!f.isControlField()) {
                for (String a : f.subfields('a')) {
                    out.add(new String[] {f.tag(), a.replace("\u001E", "")});
                }
            }
        }
        return out;
    }
}
