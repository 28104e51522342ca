package org.stackbridge.core.catalogue;

import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.model.BibRecord;

/**
 * What the staff API needs of MARC and of the catalogue index, which live in the gateway (marc4j, Lucene): reading a
 * record from a request body, showing a stored record's fields, and making a stored record searchable at once.
 */
public interface MarcCataloguing {

    /** The MARC syntaxes a record may arrive in. */
    enum Syntax { ISO2709, MARCXML }

    /** A request body that holds no single readable MARC record; the message says why. */
    final class UnreadableRecordException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public UnreadableRecordException(String message) {
            super(message);
        }
    }

    /** One field of a record: a control field's {@code data}, or a data field's indicators and subfields. */
    record Field(String tag, String indicator1, String indicator2, String data, List<Subfield> subfields) implements Serializable {
        public Field {
            subfields = subfields == null ? List.of() : List.copyOf(subfields);
        }
    }

    record Subfield(String code, String value) implements Serializable {
    }

    /** A record shown in full: its leader, fields and the usual line-per-field text. */
    record Shown(String leader, List<Field> fields, String text) implements Serializable {
        public Shown {
            fields = List.copyOf(fields);
        }
    }

    /**
     * The one record in {@code body} as a bib (heading taken from its fields, MARC stored as UTF-8 ISO 2709). With
     * {@code controlNumber}, the record's 001 is set to it (an overlay keeps the record's number); without, a record
     * lacking an 001 gets a key derived from its content.
     *
     * @throws UnreadableRecordException when the body holds no record, more than one, or one too long
     */
    BibRecord read(byte[] body, Syntax syntax, String controlNumber);

    /** A stored record's fields; empty fields when it has no MARC. */
    Shown show(BibRecord bib);

    /** Indexes the stored record {@code bibId} again; completes once a search finds it as stored. */
    CompletionStage<Void> reindex(long bibId);
}
