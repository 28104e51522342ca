package org.stackbridge.sip2.spec;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A two-character variable field identifier. Standard codes are constants; unknown codes (vendor
 * extensions) get fresh instances from {@link #valueOf(String)} so they round-trip. Equality is by code.
 */
public final class FieldCode {

    private static final Map<String, FieldCode> KNOWN = new HashMap<>();

    public static final FieldCode AA = known("AA", "patron identifier");
    public static final FieldCode AB = known("AB", "item identifier");
    public static final FieldCode AC = known("AC", "terminal password");
    public static final FieldCode AD = known("AD", "patron password");
    public static final FieldCode AE = known("AE", "personal name");
    public static final FieldCode AF = known("AF", "screen message");
    public static final FieldCode AG = known("AG", "print line");
    public static final FieldCode AH = known("AH", "due date");
    public static final FieldCode AJ = known("AJ", "title identifier");
    public static final FieldCode AL = known("AL", "blocked card message");
    public static final FieldCode AM = known("AM", "library name");
    public static final FieldCode AN = known("AN", "terminal location");
    public static final FieldCode AO = known("AO", "institution id");
    public static final FieldCode AP = known("AP", "current location");
    public static final FieldCode AQ = known("AQ", "permanent location");
    public static final FieldCode AS = known("AS", "hold items");
    public static final FieldCode AT = known("AT", "overdue items");
    public static final FieldCode AU = known("AU", "charged items");
    public static final FieldCode AV = known("AV", "fine items");
    public static final FieldCode AY = known("AY", "sequence number");
    public static final FieldCode AZ = known("AZ", "checksum");
    public static final FieldCode BD = known("BD", "home address");
    public static final FieldCode BE = known("BE", "e-mail address");
    public static final FieldCode BF = known("BF", "home phone number");
    public static final FieldCode BG = known("BG", "owner");
    public static final FieldCode BH = known("BH", "currency type");
    public static final FieldCode BI = known("BI", "cancel");
    public static final FieldCode BK = known("BK", "transaction id");
    public static final FieldCode BL = known("BL", "valid patron");
    public static final FieldCode BM = known("BM", "renewed items");
    public static final FieldCode BN = known("BN", "unrenewed items");
    public static final FieldCode BO = known("BO", "fee acknowledged");
    public static final FieldCode BP = known("BP", "start item");
    public static final FieldCode BQ = known("BQ", "end item");
    public static final FieldCode BR = known("BR", "queue position");
    public static final FieldCode BS = known("BS", "pickup location");
    public static final FieldCode BT = known("BT", "fee type");
    public static final FieldCode BU = known("BU", "recall items");
    public static final FieldCode BV = known("BV", "fee amount");
    public static final FieldCode BW = known("BW", "expiration date");
    public static final FieldCode BX = known("BX", "supported messages");
    public static final FieldCode BY = known("BY", "hold type");
    public static final FieldCode BZ = known("BZ", "hold items limit");
    public static final FieldCode CA = known("CA", "overdue items limit");
    public static final FieldCode CB = known("CB", "charged items limit");
    public static final FieldCode CC = known("CC", "fee limit");
    public static final FieldCode CD = known("CD", "unavailable hold items");
    public static final FieldCode CF = known("CF", "hold queue length");
    public static final FieldCode CG = known("CG", "fee identifier");
    public static final FieldCode CH = known("CH", "item properties");
    public static final FieldCode CI = known("CI", "security inhibit");
    public static final FieldCode CJ = known("CJ", "recall date");
    public static final FieldCode CK = known("CK", "media type");
    public static final FieldCode CL = known("CL", "sort bin");
    public static final FieldCode CM = known("CM", "hold pickup date");
    public static final FieldCode CN = known("CN", "login user id");
    public static final FieldCode CO = known("CO", "login password");
    public static final FieldCode CP = known("CP", "location code");
    public static final FieldCode CQ = known("CQ", "valid patron password");
    // 3M extensions (checkin/sorting)
    public static final FieldCode CR = known("CR", "collection code");
    public static final FieldCode CS = known("CS", "call number");
    public static final FieldCode CT = known("CT", "destination location");
    public static final FieldCode CV = known("CV", "alert type");
    public static final FieldCode CY = known("CY", "hold patron id");
    public static final FieldCode DA = known("DA", "hold patron name");
    // Evergreen / Envisionware patron extensions
    public static final FieldCode PA = known("PA", "patron expiration date / PAC access type (vendor)");
    public static final FieldCode PB = known("PB", "birth date");
    public static final FieldCode PC = known("PC", "patron class");

    private final String code;
    private final String name;
    private final boolean standard;

    private FieldCode(String code, String name, boolean standard) {
        this.code = code;
        this.name = name;
        this.standard = standard;
    }

    private static FieldCode known(String code, String name) {
        FieldCode f = new FieldCode(code, name, true);
        if (KNOWN.put(code, f) != null) {
            throw new IllegalStateException("duplicate field code " + code);
        }
        return f;
    }

    /** The constant for a known code, otherwise a new (uncached, so garbage cannot grow a table) instance. */
    public static FieldCode valueOf(String code) {
        Objects.requireNonNull(code, "code");
        if (code.length() != 2) {
            throw new IllegalArgumentException("field code must have 2 characters: " + code);
        }
        FieldCode f = KNOWN.get(code);
        return f != null ? f : new FieldCode(code, "unknown", false);
    }

    public String code() {
        return code;
    }

    public String description() {
        return name;
    }

    /** False for vendor or unknown codes. */
    public boolean isKnown() {
        return standard;
    }

    /** Values that must never reach a log line. */
    public boolean isSecret() {
        return this == AC || this == AD || this == CO;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldCode f && f.code.equals(code);
    }

    @Override
    public int hashCode() {
        return code.hashCode();
    }

    @Override
    public String toString() {
        return code;
    }
}
