package org.stackbridge.core.catalogue;

/** A stored catalogue record: the bib id, its 001, and the ISO 2709 bytes (UTF-8, leader/09 = 'a'). */
public record CatalogueRecord(long bibId, String controlNumber, byte[] marc) {
    public CatalogueRecord {
        marc = marc.clone();
    }

    @Override
    public byte[] marc() {
        return marc.clone();
    }

    /** The record bytes without a defensive copy; callers must not modify them. */
    public byte[] marcUnsafe() {
        return marc;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CatalogueRecord r && r.bibId == bibId && java.util.Arrays.equals(r.marc, marc);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(bibId);
    }

    @Override
    public String toString() {
        return "CatalogueRecord[" + bibId + ", " + controlNumber + "]";
    }
}
