package org.stackbridge.core.outcome;

import java.io.Serializable;
import java.util.List;

/**
 * One page of a read-only list (the desk lists, the ILL queue): the lines of page {@code page} (from 1) of
 * {@code perPage}, and how many lines there are in all. Kept apart from {@link Views}: lists are answered by read-only
 * commands, whose outcomes are never stored for replay, so a page needs no compact stored form.
 */
public record Page<T>(List<T> items, int page, int perPage, int total) implements Serializable {

    public Page {
        items = List.copyOf(items);
    }

    /** Page {@code page} (from 1) of {@code all}. */
    public static <T> Page<T> of(List<T> all, int page, int perPage) {
        int from = (int) Math.min(all.size(), (long) Math.max(0, page - 1) * perPage);
        return new Page<>(all.subList(from, Math.min(all.size(), from + perPage)), page, perPage, all.size());
    }
}
