package org.stackbridge.core.port;

import java.util.List;
import java.util.Optional;
import org.stackbridge.core.model.BibIdentifier;
import org.stackbridge.core.model.BibRecord;

public interface Bibs {
    Optional<BibRecord> byId(long id);

    /**
     * The bib without its MARC record ({@code marc} null): what a view needs to name a title, without reading
     * kilobytes of MARC on every checkout. Never pass a record read this way to {@link #update}.
     */
    default Optional<BibRecord> headingById(long id) {
        return byId(id).map(b -> new BibRecord(b.id(), b.controlNumber(), b.title(), b.author(), b.isbn(), b.publisher(), b.year(), null));
    }

    Optional<BibRecord> byControlNumber(String controlNumber);

    /**
     * Bibs carrying a standard identifier (OCLC, ISBN, ISSN, LCCN; normalised, see {@link BibIdentifier}), in id
     * order, through an index kept up to date by {@link #insert} and {@link #update}. {@code LOCAL} is the control number.
     */
    List<BibRecord> byIdentifier(BibIdentifier id);

    /**
     * The bib a partner names by an identifier and its code (e.g. "OCLC" and "(OCoLC)26273275"); no code, our own
     * control number. The first bib in id order when several share the identifier.
     */
    default Optional<BibRecord> find(String code, String value) {
        BibIdentifier.Type type = BibIdentifier.Type.fromCode(code);
        if (type == BibIdentifier.Type.LOCAL) {
            return value == null || value.isBlank() ? Optional.empty() : byControlNumber(value.trim());
        }
        return BibIdentifier.normalised(type, value).flatMap(id -> byIdentifier(id).stream().findFirst());
    }

    /** The bib a title reference ({@link BibIdentifier#reference}: {@code {OCLC}26273275} or a control number) names. */
    default Optional<BibRecord> byReference(String reference) {
        if (reference != null && reference.startsWith("{")) {
            int close = reference.indexOf('}');
            if (close > 1) {
                String type = reference.substring(1, close);
                for (BibIdentifier.Type t : BibIdentifier.Type.values()) {
                    if (t.name().equals(type)) {
                        return find(type, reference.substring(close + 1));
                    }
                }
            }
        }
        return reference == null || reference.isBlank() ? Optional.empty() : byControlNumber(reference);
    }

    BibRecord insert(BibRecord bib);

    void update(BibRecord bib);

    /** Records with id greater than {@code afterId}, in id order; for index rebuilds and exports. */
    List<BibRecord> page(long afterId, int limit);

    long count();
}
