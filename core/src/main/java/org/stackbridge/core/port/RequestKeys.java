package org.stackbridge.core.port;

import java.time.Instant;
import java.util.Optional;

/** Stored outcomes of keyed requests, so a repeat returns the first answer without acting again. */
public interface RequestKeys {
    Optional<byte[]> find(String scope, String key);

    /** Throws {@link StoreConflictException} when the key is already stored. */
    void put(String scope, String key, byte[] outcome, Instant at);

    /**
     * The scope's newest key if it is {@code base} or starts with {@code base + "#"}, else empty: "was the last request
     * of this terminal the one with these bytes?" A key stored at the same instant as the newest counts as newest.
     */
    Optional<String> newestIfSame(String scope, String base);

    /** Drop keys stored before {@code cutoff}; returns how many. */
    int purgeBefore(Instant cutoff);
}
