package org.stackbridge.core.port;

import java.util.List;
import java.util.Optional;
import org.stackbridge.core.model.BibRecord;

public interface Bibs {
    Optional<BibRecord> byId(long id);

    Optional<BibRecord> byControlNumber(String controlNumber);

    BibRecord insert(BibRecord bib);

    void update(BibRecord bib);

    /** Records with id greater than {@code afterId}, in id order; for index rebuilds and exports. */
    List<BibRecord> page(long afterId, int limit);

    long count();
}
