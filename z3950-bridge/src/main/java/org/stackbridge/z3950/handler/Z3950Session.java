package org.stackbridge.z3950.handler;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stackbridge.core.catalogue.FederatedSearch;

/** Per-association state: negotiated sizes and charset, named result sets. Touched by one request at a time. */
final class Z3950Session {

    /**
     * A result set: bib ids in order and the database searched; for the virtual database, {@code remote} holds the
     * merged records fetched from the targets instead (ids is empty).
     */
    record ResultSet(String name, String database, long[] ids, int count, List<FederatedSearch.Hit> remote) {
        ResultSet(String name, String database, long[] ids, int count) {
            this(name, database, ids, count, null);
        }

        boolean federated() {
            return remote != null;
        }

        /** How many records can be presented (the first ones of the set). */
        int presentable() {
            return remote != null ? remote.size() : ids.length;
        }

        /** Memory held, in id-sized units (8 bytes): remote sets hold whole records, so they weigh their bytes. */
        long weight() {
            if (remote == null) {
                return ids.length;
            }
            long bytes = 0;
            for (FederatedSearch.Hit h : remote) {
                bytes += h.marc().length + 64;
            }
            return bytes / 8;
        }
    }

    boolean initialised;
    int preferredMessageSize;
    int exceptionalRecordSize;
    boolean version3;
    String user;
    final Map<String, ResultSet> resultSets = new LinkedHashMap<>();
    /** Names of sets the target deleted to stay within its memory bound (answered with diagnostic 27). */
    final java.util.Set<String> evicted = new java.util.LinkedHashSet<>();

    /** Weight of all sets (kept up to date instead of summed on every search). */
    private long held;

    /** Stores a set, deleting the oldest others while the sets weigh more than {@code maxHits} ids. */
    void put(ResultSet set, int maxHits) {
        ResultSet old = resultSets.remove(set.name());
        if (old != null) {
            held -= old.weight();
        } else if (!evicted.isEmpty()) {
            evicted.remove(set.name());
        }
        resultSets.put(set.name(), set);
        held += set.weight();
        if (held <= maxHits) {
            return;
        }
        var it = resultSets.entrySet().iterator();
        while (held > maxHits && it.hasNext()) {
            var e = it.next();
            if (e.getKey().equals(set.name())) {
                continue;
            }
            held -= e.getValue().weight();
            it.remove();
            evicted.add(e.getKey());
            if (evicted.size() > 1000) {
                evicted.remove(evicted.iterator().next());
            }
        }
    }

    ResultSet remove(String name) {
        ResultSet old = resultSets.remove(name);
        if (old != null) {
            held -= old.weight();
        }
        return old;
    }

    void clear() {
        resultSets.clear();
        held = 0;
    }

    /** Diagnostic condition for a missing set: 27 when the target deleted it, else 30. */
    int missingCondition(String name) {
        return evicted.contains(name) ? 27 : 30;
    }
}
