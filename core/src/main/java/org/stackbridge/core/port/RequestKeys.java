package org.stackbridge.core.port;

import java.time.Instant;
import java.util.Optional;

/** Stored outcomes of keyed requests, so a repeat returns the first answer without acting again. */
public interface RequestKeys {
    Optional<byte[]> find(String scope, String key);

    /** Throws {@link StoreConflictException} when the key is already stored. */
    void put(String scope, String key, byte[] outcome, Instant at);

    /** Drop keys stored before {@code cutoff}; returns how many. */
    int purgeBefore(Instant cutoff);
}
