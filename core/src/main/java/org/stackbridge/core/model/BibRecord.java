package org.stackbridge.core.model;

import java.io.Serializable;
import java.util.Objects;

/**
 * A title-level bibliographic record. {@code controlNumber} is the MARC 001; {@code marc} holds the record
 * as ISO 2709 bytes in UTF-8 (leader position 9 = 'a'), or is empty when none was imported.
 */
public record BibRecord(long id, String controlNumber, String title, String author, String isbn,
                        String publisher, String year, byte[] marc) implements Serializable {

    public BibRecord {
        Objects.requireNonNull(controlNumber, "controlNumber");
        title = title == null ? "" : title;
        marc = marc == null ? new byte[0] : marc;
    }

    public BibRecord withId(long newId) {
        return new BibRecord(newId, controlNumber, title, author, isbn, publisher, year, marc);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BibRecord b && b.id == id && b.controlNumber.equals(controlNumber)
                && Objects.equals(b.title, title) && java.util.Arrays.equals(b.marc, marc);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, controlNumber, title);
    }

    @Override
    public String toString() {
        return "BibRecord[id=" + id + ", 001=" + controlNumber + ", title=" + title + "]";
    }
}
