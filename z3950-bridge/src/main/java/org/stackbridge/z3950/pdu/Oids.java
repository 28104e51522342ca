package org.stackbridge.z3950.pdu;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Object identifiers of the Z39.50 arc used by this target. */
public final class Oids {
    private Oids() {
    }

    public static final String BIB1_ATTRIBUTES = "1.2.840.10003.3.1";
    public static final String BIB1_DIAGNOSTICS = "1.2.840.10003.4.1";
    public static final String USMARC = "1.2.840.10003.5.10";
    public static final String UNIMARC = "1.2.840.10003.5.1";
    public static final String SUTRS = "1.2.840.10003.5.101";
    public static final String OPAC = "1.2.840.10003.5.102";
    public static final String GRS1 = "1.2.840.10003.5.105";
    public static final String XML = "1.2.840.10003.5.109.10";
    public static final String XML_TEXT = "1.2.840.10003.5.109.9";
    public static final String CHARSET_NEGOTIATION_3 = "1.2.840.10003.15.3";
    public static final String UTF8_ENCODING = "1.0.10646.1.0.8";
    public static final String SEARCH_RESULT_1 = "1.2.840.10003.10.1";
    /** Query syntax of a type-104 CQL query (Z39.50 userinfo/query type for CQL). */
    public static final String CQL = "1.2.840.10003.16.2";

    private static final Map<String, String> ATTRIBUTE_SETS = Map.of(
            "bib-1", BIB1_ATTRIBUTES, "exp-1", "1.2.840.10003.3.2", "ext-1", "1.2.840.10003.3.3",
            "ccl-1", "1.2.840.10003.3.4", "gils", "1.2.840.10003.3.5", "stas", "1.2.840.10003.3.6",
            "collections-1", "1.2.840.10003.3.7", "cimi-1", "1.2.840.10003.3.8", "geo-1", "1.2.840.10003.3.9");

    /** Attribute-set OID of a PQF name (Bib-1, gils...) or a dotted OID. */
    public static Optional<String> attributeSet(String nameOrOid) {
        if (nameOrOid.matches("[0-9]+(\\.[0-9]+)+")) {
            return Optional.of(nameOrOid);
        }
        return Optional.ofNullable(ATTRIBUTE_SETS.get(nameOrOid.toLowerCase(Locale.ROOT)));
    }
}
