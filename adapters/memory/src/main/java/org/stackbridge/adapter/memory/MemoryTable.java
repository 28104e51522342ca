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

    void put(long id, T row) {
        T previous = rows.put(id, row);
        undo.record(() -> {
            if (previous == null) {
                rows.remove(id);
            } else {
                rows.put(id, previous);
            }
        });
    }

    void remove(long id) {
        T previous = rows.remove(id);
        if (previous != null) {
            undo.record(() -> rows.put(id, previous));
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
