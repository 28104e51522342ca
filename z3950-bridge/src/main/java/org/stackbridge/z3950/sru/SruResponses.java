package org.stackbridge.z3950.sru;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stackbridge.core.catalogue.UnsupportedSearchException;
import org.stackbridge.z3950.pdu.Oids;
import org.stackbridge.z3950.record.MarcRecord;
import org.stackbridge.z3950.record.OpacRecords;
import org.stackbridge.z3950.record.RecordFormats;
import org.stackbridge.z3950.record.RecordSpec;
import org.stackbridge.z3950.handler.CatalogueAccess;

/** SRU response pieces shared by the operations: namespaces, diagnostics, paging parameters, record schemas, the searchRetrieve body. */
final class SruResponses {

    static final String NS_1 = "http://www.loc.gov/zing/srw/";
    static final String NS_2 = "http://docs.oasis-open.org/ns/search-ws/sruResponse";
    static final String DIAG_NS_1 = "http://www.loc.gov/zing/srw/diagnostic/";
    static final String DIAG_NS_2 = "http://docs.oasis-open.org/ns/search-ws/diagnostic";
    static final int MAX_RECORDS = 100;

    private SruResponses() {
    }

    /** An SRU diagnostic: number in info:srw/diagnostic/1/, details, message. */
    record SruDiag(int code, String details, String message) {
    }

    static final class SruException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient SruDiag diag;

        SruException(int code, String details, String message) {
            super(message);
            diag = new SruDiag(code, details, message);
        }
    }


    static String responseName(String operation) {
        return switch (operation) {
            case "scan" -> "scanResponse";
            case "searchRetrieve" -> "searchRetrieveResponse";
            default -> "explainResponse";
        };
    }


    static int startRecord(Map<String, String> p) {
        int start = intParam(p, "startRecord", 1);
        if (start < 1) {
            throw new SruException(6, "startRecord", "Unsupported parameter value");
        }
        return start;
    }

    /** The page size asked for, at most {@link #MAX_RECORDS}. */
    static int maximumRecords(Map<String, String> p) {
        int max = Math.min(intParam(p, "maximumRecords", 10), MAX_RECORDS);
        if (max < 0) {
            throw new SruException(6, "maximumRecords", "Unsupported parameter value");
        }
        return max;
    }

    static int intParam(Map<String, String> p, String name, int dflt) {
        String v = p.get(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new SruException(6, name, "Unsupported parameter value");
        }
    }

    static RecordSpec schemaSpec(String schema) {
        return switch (schema.toLowerCase(Locale.ROOT)) {
            case "marcxml", "marc21", "info:srw/schema/1/marcxml-v1.1", "http://www.loc.gov/marc21/slim" -> RecordSpec.of(Oids.XML, "marcxml");
            case "dc", "info:srw/schema/1/dc-v1.1" -> RecordSpec.of(Oids.XML, "dc");
            case "opac", "opacxml", "info:srw/schema/1/opacxml" -> RecordSpec.of(Oids.XML, "opacxml");
            default -> throw new SruException(66, schema, "Unknown schema for retrieval");
        };
    }

    static String schemaId(RecordSpec spec) {
        return switch (spec.kind()) {
            case DUBLIN_CORE -> "info:srw/schema/1/dc-v1.1";
            case OPAC_XML -> "info:srw/schema/1/opacxml";
            default -> "info:srw/schema/1/marcxml-v1.1";
        };
    }

    static String recordXml(CatalogueAccess.Fetched f, RecordSpec spec) {
        MarcRecord r = MarcRecord.parse(f.record().marcUnsafe());
        return switch (spec.kind()) {
            case DUBLIN_CORE -> RecordFormats.dublinCore(r);
            case OPAC_XML -> OpacRecords.xml(r, f.holdings());
            default -> RecordFormats.marcXml(r, true);
        };
    }

    static String result(String version, boolean v2, int count, List<String> records, int firstPosition, int next, String schema,
                          String packing, SruDiag diag) {
        return result(version, v2, count, records, firstPosition, next, schema, packing, diag == null ? List.of() : List.of(diag));
    }

    static String result(String version, boolean v2, int count, List<String> records, int firstPosition, int next, String schema,
                          String packing, List<SruDiag> diags) {
        String ns = v2 ? NS_2 : NS_1;
        StringBuilder b = new StringBuilder(8192);
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<zs:searchRetrieveResponse xmlns:zs=\"").append(ns).append("\">\n");
        b.append("<zs:version>").append(version).append("</zs:version>\n");
        b.append("<zs:numberOfRecords>").append(count).append("</zs:numberOfRecords>\n");
        if (!records.isEmpty()) {
            b.append("<zs:records>\n");
            int pos = firstPosition;
            for (String rec : records) {
                b.append("<zs:record>\n<zs:recordSchema>").append(schema).append("</zs:recordSchema>\n");
                b.append(v2 ? "<zs:recordXMLEscaping>" : "<zs:recordPacking>").append(packing)
                        .append(v2 ? "</zs:recordXMLEscaping>\n" : "</zs:recordPacking>\n");
                b.append("<zs:recordData>");
                if (rec == null) {
                    b.append(diagXml(v2, new SruDiag(65, Integer.toString(pos), "Record deleted by another user")));
                } else {
                    b.append(packing.equals("string") ? RecordFormats.esc(rec) : rec);
                }
                b.append("</zs:recordData>\n<zs:recordPosition>").append(pos++).append("</zs:recordPosition>\n</zs:record>\n");
            }
            b.append("</zs:records>\n");
        }
        if (next > 0) {
            b.append("<zs:nextRecordPosition>").append(next).append("</zs:nextRecordPosition>\n");
        }
        if (!diags.isEmpty()) {
            b.append("<zs:diagnostics>");
            for (SruDiag d : diags) {
                b.append(diagXml(v2, d));
            }
            b.append("</zs:diagnostics>\n");
        }
        return b.append("</zs:searchRetrieveResponse>\n").toString();
    }


    // ------------------------------------------------------------------ diagnostics

    /** The diagnostic of a refused request: the SRU one, or the SRU equivalent of a Bib-1 condition. */
    static SruDiag refusal(RuntimeException e) {
        return e instanceof SruException s ? s.diag : fromBib1((UnsupportedSearchException) e);
    }

    static SruDiag fromBib1(UnsupportedSearchException e) {
        int code = switch (e.bib1Condition()) {
            case 108, 125 -> 10;
            case 121 -> 15;
            case 114 -> 16;
            case 117 -> 19;
            case 118, 119, 122 -> 20;
            case 120 -> 28;
            case 110, 132 -> 37;
            case 31 -> 1;
            case 207, 211, 214 -> 80;
            default -> 1;
        };
        return new SruDiag(code, e.addinfo(), e.getMessage() + " (Bib-1 " + e.bib1Condition() + ")");
    }

    static String diagXml(boolean v2, SruDiag d) {
        return "<diag:diagnostic xmlns:diag=\"" + (v2 ? DIAG_NS_2 : DIAG_NS_1) + "\"><diag:uri>info:srw/diagnostic/1/" + d.code()
                + "</diag:uri><diag:details>" + RecordFormats.esc(d.details() == null ? "" : d.details()) + "</diag:details><diag:message>"
                + RecordFormats.esc(d.message()) + "</diag:message></diag:diagnostic>";
    }

    static String diagnosticsOnly(String element, String version, boolean v2, SruDiag d) {
        String ns = v2 ? (element.equals("scanResponse") ? "http://docs.oasis-open.org/ns/search-ws/scan" : NS_2) : NS_1;
        StringBuilder b = new StringBuilder(512);
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<zs:").append(element).append(" xmlns:zs=\"").append(ns).append("\">\n");
        b.append("<zs:version>").append(version).append("</zs:version>\n");
        if (element.equals("searchRetrieveResponse")) {
            b.append("<zs:numberOfRecords>0</zs:numberOfRecords>\n");
        }
        b.append("<zs:diagnostics>").append(diagXml(v2, d)).append("</zs:diagnostics>\n");
        return b.append("</zs:").append(element).append(">\n").toString();
    }
}
