package org.stackbridge.sip2.session;

import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where a terminal's library keeps its clocks: SIP2 dates go out in that zone unless the terminal's profile names
 * one. The gateway answers from its library table (each library's configured {@code timezone}).
 */
@FunctionalInterface
public interface LibraryZones {

    /**
     * The zone of library {@code location} (the login's CP), else of the institution's own library, else of any library
     * of the institution; empty when none is known. Must not block.
     */
    CompletionStage<Optional<ZoneId>> zoneOf(String location, String institution);

    /** No library table: dates use the profile's zone, else the JVM's. */
    static LibraryZones unknown() {
        return (location, institution) -> CompletableFuture.completedFuture(Optional.empty());
    }
}
