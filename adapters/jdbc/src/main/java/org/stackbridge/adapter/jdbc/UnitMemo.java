package org.stackbridge.adapter.jdbc;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Query results remembered within one unit of work for one table. The engine asks the same question
 * several times while deciding one command (the holds on a bib, the item's trapping hold); any write to
 * the table and every new or rolled-back unit forget everything, so a unit never sees a stale answer.
 */
final class UnitMemo {

    private final Map<Object, Object> answers = new HashMap<>();

    @SuppressWarnings("unchecked")
    <T> List<T> list(Object key, Supplier<List<T>> query) {
        Object known = answers.get(key);
        if (known != null) {
            return (List<T>) known;
        }
        List<T> fresh = List.copyOf(query.get());
        answers.put(key, fresh);
        return fresh;
    }

    @SuppressWarnings("unchecked")
    <T> Optional<T> one(Object key, Supplier<Optional<T>> query) {
        Object known = answers.get(key);
        if (known != null) {
            return (Optional<T>) known;
        }
        Optional<T> fresh = query.get();
        answers.put(key, fresh);
        return fresh;
    }

    void forget() {
        answers.clear();
    }
}
