package org.stackbridge.z3950.pdu;

/**
 * DefaultDiagFormat ::= SEQUENCE { diagnosticSetId OBJECT IDENTIFIER, condition INTEGER,
 * addinfo CHOICE { v2Addinfo VisibleString, v3Addinfo InternationalString } }
 */
public record Diag(String setOid, int condition, String addinfo) {
    public Diag {
        addinfo = addinfo == null ? "" : addinfo;
    }

    public static Diag bib1(int condition, String addinfo) {
        return new Diag(Oids.BIB1_DIAGNOSTICS, condition, addinfo);
    }
}
