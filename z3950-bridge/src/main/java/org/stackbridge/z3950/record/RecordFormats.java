package org.stackbridge.z3950.record;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Text renderings of a {@link MarcRecord}: MARCXML, Dublin Core, SUTRS. */
public final class RecordFormats {

    public static final String MARCXML_NS = "http://www.loc.gov/MARC21/slim";

    private RecordFormats() {
    }

    public static String marcXml(MarcRecord r, boolean withNamespaceDeclaration) {
        StringBuilder b = new StringBuilder(4096);
        b.append(withNamespaceDeclaration ? "<record xmlns=\"" + MARCXML_NS + "\">\n" : "<record>\n");
        b.append("  <leader>").append(esc(r.leader())).append("</leader>\n");
        for (MarcRecord.Field f : r.fields()) {
            if (f.isControl()) {
                b.append("  <controlfield tag=\"").append(esc(f.tag())).append("\">").append(esc(f.data())).append("</controlfield>\n");
            } else {
                b.append("  <datafield tag=\"").append(esc(f.tag())).append("\" ind1=\"").append(esc(String.valueOf(f.ind1())))
                        .append("\" ind2=\"").append(esc(String.valueOf(f.ind2()))).append("\">\n");
                for (MarcRecord.Subfield s : f.subfields()) {
                    b.append("    <subfield code=\"").append(esc(String.valueOf(s.code()))).append("\">").append(esc(s.value())).append("</subfield>\n");
                }
                b.append("  </datafield>\n");
            }
        }
        return b.append("</record>\n").toString();
    }

    public static byte[] marcXmlBytes(MarcRecord r) {
        return marcXml(r, true).getBytes(StandardCharsets.UTF_8);
    }

    /** Simple Dublin Core (info:srw/schema/1/dc-v1.1) from the usual MARC21 crosswalk fields. */
    public static String dublinCore(MarcRecord r) {
        StringBuilder b = new StringBuilder(1024);
        b.append("<srw_dc:dc xmlns:srw_dc=\"info:srw/schema/1/dc-schema\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n");
        dc(b, "title", r, List.of("245"), "abnp");
        dc(b, "creator", r, List.of("100", "110", "111", "700", "710", "711"), "abcdq");
        dc(b, "subject", r, List.of("600", "610", "611", "630", "650", "651"), "");
        dc(b, "publisher", r, List.of("260", "264"), "b");
        dc(b, "date", r, List.of("260", "264"), "c");
        dc(b, "description", r, List.of("520"), "a");
        dc(b, "identifier", r, List.of("020", "022"), "a");
        for (MarcRecord.Field f : r.fields("001")) {
            b.append("  <dc:identifier>").append(esc(f.data().strip())).append("</dc:identifier>\n");
        }
        for (MarcRecord.Field f : r.fields("008")) {
            if (f.data().length() >= 38) {
                b.append("  <dc:language>").append(esc(f.data().substring(35, 38))).append("</dc:language>\n");
            }
        }
        return b.append("</srw_dc:dc>\n").toString();
    }

    private static void dc(StringBuilder b, String el, MarcRecord r, List<String> tags, String codes) {
        for (MarcRecord.Field f : r.fields()) {
            if (!f.isControl() && tags.contains(f.tag())) {
                String v = trimPunct(f.subfieldText(codes));
                if (!v.isEmpty()) {
                    b.append("  <dc:").append(el).append('>').append(esc(v)).append("</dc:").append(el).append(">\n");
                }
            }
        }
    }

    /** SUTRS: one line per field, "tag ind1ind2 $a value $b value". */
    public static String sutrs(MarcRecord r) {
        StringBuilder b = new StringBuilder(2048);
        b.append("LDR ").append(r.leader()).append('\n');
        for (MarcRecord.Field f : r.fields()) {
            b.append(f.tag()).append(' ');
            if (f.isControl()) {
                b.append(f.data());
            } else {
                b.append(f.ind1()).append(f.ind2());
                for (MarcRecord.Subfield s : f.subfields()) {
                    b.append(" $").append(s.code()).append(' ').append(s.value());
                }
            }
            b.append('\n');
        }
        return b.toString();
    }

    static String trimPunct(String s) {
        return s.replaceAll("[\\s/:;,.=]+$", "").strip();
    }

    public static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        b.append(' ');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
