package org.stackbridge.z3950.record;

import java.util.Locale;
import org.stackbridge.core.catalogue.UnsupportedSearchException;
import org.stackbridge.z3950.pdu.Oids;

/**
 * A validated (record syntax, element set) pair. Unsupported syntaxes give Bib-1 239 (addinfo the OID),
 * unknown element sets 25.
 */
public record RecordSpec(Kind kind, String syntaxOid) {

    public enum Kind {
        USMARC_FULL, USMARC_BRIEF, USMARC_MARC8, MARCXML_FULL, MARCXML_BRIEF, DUBLIN_CORE, OPAC_XML, SUTRS_FULL, SUTRS_BRIEF, OPAC
    }

    public static RecordSpec of(String syntax, String elementSet) {
        String oid = syntax == null ? Oids.USMARC : syntax;
        String esn = elementSet == null || elementSet.isBlank() ? "f" : elementSet.strip().toLowerCase(Locale.ROOT);
        Kind k = switch (oid) {
            case Oids.USMARC -> switch (esn) {
                case "f", "fa" -> Kind.USMARC_FULL;
                case "b" -> Kind.USMARC_BRIEF;
                case "marc8" -> Kind.USMARC_MARC8;
                default -> null;
            };
            case Oids.XML, Oids.XML_TEXT -> switch (esn) {
                case "f", "marcxml", "marc21", "info:srw/schema/1/marcxml-v1.1" -> Kind.MARCXML_FULL;
                case "b" -> Kind.MARCXML_BRIEF;
                case "dc", "info:srw/schema/1/dc-v1.1" -> Kind.DUBLIN_CORE;
                case "opacxml", "op", "opac" -> Kind.OPAC_XML;
                default -> null;
            };
            case Oids.SUTRS -> switch (esn) {
                case "f" -> Kind.SUTRS_FULL;
                case "b" -> Kind.SUTRS_BRIEF;
                default -> null;
            };
            case Oids.OPAC -> switch (esn) {
                case "f", "b", "opac" -> Kind.OPAC;
                default -> null;
            };
            default -> throw new UnsupportedSearchException(239, oid, "Record syntax not supported");
        };
        if (k == null) {
            throw new UnsupportedSearchException(25, elementSet, "Specified element set name not valid for specified database");
        }
        return new RecordSpec(k, oid);
    }

    public boolean needsHoldings() {
        return kind == Kind.OPAC || kind == Kind.OPAC_XML;
    }
}
