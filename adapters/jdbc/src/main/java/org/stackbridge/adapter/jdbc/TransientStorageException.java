package org.stackbridge.adapter.jdbc;

/**
 * A deadlock, lock timeout or serialization failure: the unit of work did nothing wrong and is run again
 * in a later transaction, once the competing transaction has finished.
 */
public final class TransientStorageException extends JdbcStorageException {
    private static final long serialVersionUID = 1L;

    public TransientStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
