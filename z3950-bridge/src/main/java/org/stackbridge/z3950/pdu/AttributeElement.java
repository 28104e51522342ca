package org.stackbridge.z3950.pdu;

/**
 * AttributeElement ::= SEQUENCE { attributeSet [1] IMPLICIT AttributeSetId OPTIONAL, attributeType [120]
 * IMPLICIT INTEGER, attributeValue CHOICE { numeric [121] IMPLICIT INTEGER, complex [224] ... } }.
 * {@code attributeSet} null = the query's set; {@code complexValue} non-null for a complex value (its first
 * string), which this target does not support.
 */
public record AttributeElement(String attributeSet, int type, long value, String complexValue) {
    public static AttributeElement of(int type, long value) {
        return new AttributeElement(null, type, value, null);
    }

    public boolean isComplex() {
        return complexValue != null;
    }
}
