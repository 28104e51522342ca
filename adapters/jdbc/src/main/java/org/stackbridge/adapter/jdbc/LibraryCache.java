package org.stackbridge.adapter.jdbc;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.stackbridge.core.model.Library;

/**
 * Libraries with their calendars, shared by every unit of work and read of one {@link JdbcStorage}: read-mostly data
 * that every checkout and checkin looks up. Emptied when a unit saves a library (at the save and again once its batch
 * committed, so a reader that loaded the old row meanwhile cannot keep it) and by {@link JdbcStorage#settingsChanged()}
 * (a change made by another gateway or the command line, seen through the settings revision). Only libraries that exist
 * are kept, so unknown codes cannot grow it.
 */
final class LibraryCache {

    private final ConcurrentHashMap<String, Library> byCode = new ConcurrentHashMap<>();
    /** Moves on every {@link #clear()}: a load that started before a clear must not be kept after it. */
    private final AtomicLong generation = new AtomicLong();

    long generation() {
        return generation.get();
    }

    Optional<Library> get(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /** Keeps a library loaded when the generation was {@code loadedAt}, unless the cache was cleared since. */
    void put(Library library, long loadedAt) {
        byCode.put(library.code(), library);
        if (generation.get() != loadedAt) {
            byCode.remove(library.code(), library);
        }
    }

    void clear() {
        generation.incrementAndGet();
        byCode.clear();
    }
}
