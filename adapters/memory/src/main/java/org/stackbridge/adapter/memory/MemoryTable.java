package org.stackbridge.adapter.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** An id-keyed table that records undo actions in the current transaction. */
final class MemoryTable<T> {

    private final TreeMap<Long, T> rows = new TreeMap<>();
    private final UndoLog undo;
    private long nextId = 1;

    MemoryTable(UndoLog undo) {
        this.undo = undo;
    }

    long nextId() {
        long id = nextId++;
        undo.record(() -> nextId = Math.min(nextId, id));
        return id;
    }

    /** Secondary indexes: key function -> key -> ids, kept in step with every put, remove and undo. */
    private final Map<java.util.function.Function<T, Object>, Map<Object, java.util.TreeSet<Long>>> indexes = new java.util.LinkedHashMap<>();

    /** An index key, or each element of a collection of keys (a row may have several, e.g. a bib's ISBNs). */
    private static java.util.Collection<?> keys(Object k) {
        return k == null ? List.of() : k instanceof java.util.Collection<?> c ? c : List.of(k);
    }

    /** Declares an index (the key function may return a collection: the row is found by each element); call before any row is stored. */
    MemoryTable<T> indexBy(java.util.function.Function<T, Object> key) {
        indexes.put(key, new java.util.HashMap<>());
        return this;
    }

    /** Rows whose {@code key} equals {@code value}, in id order (the key function must have been declared). */
    List<T> where(java.util.function.Function<T, Object> key, Object value) {
        Map<Object, java.util.TreeSet<Long>> index = indexes.get(key);
        if (index == null) {
            throw new IllegalArgumentException("no such index");
        }
        java.util.TreeSet<Long> ids = index.get(value);
        if (ids == null) {
            return List.of();
        }
        List<T> out = new ArrayList<>(ids.size());
        for (Long id : ids) {
            out.add(rows.get(id));
        }
        return out;
    }

    /** Ids of the rows whose {@code key} equals {@code value}, in id order (a copy: safe to remove while iterating). */
    List<Long> idsWhere(java.util.function.Function<T, Object> key, Object value) {
        Map<Object, java.util.TreeSet<Long>> index = indexes.get(key);
        if (index == null) {
            throw new IllegalArgumentException("no such index");
        }
        java.util.TreeSet<Long> ids = index.get(value);
        return ids == null ? List.of() : List.copyOf(ids);
    }

    private void rawPut(long id, T row) {
        T previous = rows.put(id, row);
        if (previous != null) {
            unindex(id, previous);
        }
        indexes.forEach((key, index) -> {
            for (Object k : keys(key.apply(row))) {
                index.computeIfAbsent(k, x -> new java.util.TreeSet<>()).add(id);
            }
        });
    }

    private void rawRemove(long id) {
        T previous = rows.remove(id);
        if (previous != null) {
            unindex(id, previous);
        }
    }

    private void unindex(long id, T row) {
        indexes.forEach((key, index) -> {
            for (Object k : keys(key.apply(row))) {
                java.util.TreeSet<Long> ids = index.get(k);
                if (ids != null) {
                    ids.remove(id);
                    if (ids.isEmpty()) {
                        index.remove(k);
                    }
                }
            }
        });
    }

    void put(long id, T row) {
        T previous = rows.get(id);
        rawPut(id, row);
        undo.record(() -> {
            if (previous == null) {
                rawRemove(id);
            } else {
                rawPut(id, previous);
            }
        });
    }

    void remove(long id) {
        T previous = rows.get(id);
        if (previous != null) {
            rawRemove(id);
            undo.record(() -> rawPut(id, previous));
        }
    }

    Optional<T> get(long id) {
        return Optional.ofNullable(rows.get(id));
    }

    Stream<T> stream() {
        return rows.values().stream();
    }

    List<T> rows() {
        return new ArrayList<>(rows.values());
    }

    Optional<T> first(Predicate<T> p) {
        return stream().filter(p).findFirst();
    }

    List<T> after(long afterId, int limit) {
        List<T> out = new ArrayList<>();
        for (Map.Entry<Long, T> e : rows.tailMap(afterId, false).entrySet()) {
            if (out.size() >= limit) {
                break;
            }
            out.add(e.getValue());
        }
        return out;
    }
}
