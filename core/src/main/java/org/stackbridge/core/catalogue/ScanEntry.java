package org.stackbridge.core.catalogue;

import java.util.Objects;

/**
 * One term of an index browse and the number of records holding it. {@code term} is the normalised form the
 * index matches on (what a client sends back to continue the scan or to search); {@code displayTerm} is the
 * term as the records have it (original case and accents), for clients to show.
 */
public record ScanEntry(String term, String displayTerm, long occurrences) {

    public ScanEntry {
        Objects.requireNonNull(term, "term");
        displayTerm = displayTerm == null || displayTerm.isEmpty() ? term : displayTerm;
    }

    /** An entry whose display form is the normalised term itself. */
    public ScanEntry(String term, long occurrences) {
        this(term, term, occurrences);
    }
}
