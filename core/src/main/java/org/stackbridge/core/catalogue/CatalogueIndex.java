package org.stackbridge.core.catalogue;

import java.util.List;
import java.util.Optional;
import org.stackbridge.core.model.BibRecord;

/**
 * The searchable catalogue. Calls may block (disk I/O); listeners call them off their event loops.
 * Hits are returned as bib ids in a stable order (ascending bib id unless sorted).
 */
public interface CatalogueIndex extends AutoCloseable {

    /** Adds or replaces the record of {@code bib.id()}; visible to searches when this returns. */
    void index(BibRecord bib);

    void delete(long bibId);

    /** Replaces the whole index with {@code bibs}; returns the number of records indexed. */
    long rebuild(Iterable<BibRecord> bibs);

    /**
     * Evaluates the query.
     *
     * @throws UnsupportedSearchException for unsupported attributes or malformed terms
     */
    long[] search(CatalogueQuery query);

    /**
     * The result of {@code query} when this index already holds it in memory (a recent identical search), else null.
     * Never does I/O or waits on a lock held across I/O, so listeners may call it on an event loop to answer a
     * repeated search without a thread hop; a null answer means "call {@link #search} off the event loop".
     * The array may be shared with the cache: callers must not modify it.
     */
    default long[] searchIfCached(CatalogueQuery query) {
        return null;
    }

    /** Orders {@code bibIds} by the keys; ids no longer in the index are dropped. */
    long[] sort(long[] bibIds, List<SortKey> keys);

    /** Browses the index of the term's use attribute starting at the term. */
    ScanResult scan(Attributes attributes, String startTerm, int numberOfTerms, int preferredPosition);

    Optional<CatalogueRecord> record(long bibId);

    long count();

    /**
     * The record converted to MARC-8 (ISO 2709, leader/09 blank), for clients that ask for MARC-8 output;
     * empty when the record is unknown or this index cannot convert.
     */
    default Optional<byte[]> recordMarc8(long bibId) {
        return Optional.empty();
    }

    @Override
    void close();
}
