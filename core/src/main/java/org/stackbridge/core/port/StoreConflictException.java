package org.stackbridge.core.port;

/** A write broke a uniqueness rule (e.g. a second open loan for one item); the work may be retried. */
public final class StoreConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
