package org.stackbridge.core.port;

/**
 * The storage cannot be reached (database down, connections refused or broken), or the circuit breaker in front of it
 * is open after such failures. Nothing was changed; the same request may succeed later. Listeners answer it with
 * their "service unavailable" form, never with this class's name.
 */
public final class StorageUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
