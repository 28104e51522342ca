package org.stackbridge.core.port;

import java.util.List;
import java.util.Optional;
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

    BibRecord insert(BibRecord bib);

    void update(BibRecord bib);

    /** Records with id greater than {@code afterId}, in id order; for index rebuilds and exports. */
    List<BibRecord> page(long afterId, int limit);

    long count();
}
