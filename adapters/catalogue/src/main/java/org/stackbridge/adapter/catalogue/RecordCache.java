package org.stackbridge.adapter.catalogue;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.stackbridge.core.catalogue.CatalogueRecord;

/**
 * Least-recently-used cache of stored records bounded by their total bytes, so presents of popular records
 * skip stored-field decompression. Invalidated by every index change.
 */
final class RecordCache {

    private final long maxBytes;
    private final LinkedHashMap<Long, CatalogueRecord> map = new LinkedHashMap<>(1024, 0.75f, true);
    private long bytes;
    private long generation;

    /** Changes whenever an entry is invalidated; a read that started earlier must not be cached. */
    synchronized long generation() {
        return generation;
    }

    RecordCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    synchronized CatalogueRecord get(long id) {
        return map.get(id);
    }

    synchronized void put(long id, CatalogueRecord r, long readGeneration) {
        if (readGeneration != generation) {
            return;
        }
        long size = r.marcUnsafe().length + 64L;
        if (size > maxBytes / 16) {
            return;
        }
        CatalogueRecord old = map.put(id, r);
        if (old != null) {
            bytes -= old.marcUnsafe().length + 64L;
        }
        bytes += size;
        Iterator<Map.Entry<Long, CatalogueRecord>> it = map.entrySet().iterator();
        while (bytes > maxBytes && it.hasNext()) {
            bytes -= it.next().getValue().marcUnsafe().length + 64L;
            it.remove();
        }
    }

    synchronized void remove(long id) {
        generation++;
        CatalogueRecord old = map.remove(id);
        if (old != null) {
            bytes -= old.marcUnsafe().length + 64L;
        }
    }

    synchronized void clear() {
        generation++;
        map.clear();
        bytes = 0;
    }
}
