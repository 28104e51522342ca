package org.stackbridge.adapter.catalogue;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.stackbridge.core.catalogue.CatalogueQuery;

/**
 * Recent query results (bib ids), least-recently-used, bounded by entries and total ids; emptied by every
 * index change. Protocol clients repeat the same searches (paging, re-search after presents).
 */
final class QueryCache {

    private final int maxEntries;
    private final long maxIds;
    private final LinkedHashMap<CatalogueQuery, long[]> map = new LinkedHashMap<>(256, 0.75f, true);
    private long ids;
    private long generation;

    QueryCache(int maxEntries, long maxIds) {
        this.maxEntries = maxEntries;
        this.maxIds = maxIds;
    }

    synchronized long generation() {
        return generation;
    }

    synchronized long[] get(CatalogueQuery q) {
        return map.get(q);
    }

    synchronized void put(CatalogueQuery q, long[] hits, long readGeneration) {
        if (readGeneration != generation || hits.length > maxIds / 8) {
            return;
        }
        long[] old = map.put(q, hits);
        if (old != null) {
            ids -= old.length;
        }
        ids += hits.length;
        Iterator<Map.Entry<CatalogueQuery, long[]>> it = map.entrySet().iterator();
        while ((ids > maxIds || map.size() > maxEntries) && it.hasNext()) {
            ids -= it.next().getValue().length;
            it.remove();
        }
    }

    synchronized void clear() {
        generation++;
        map.clear();
        ids = 0;
    }
}
