package org.stackbridge.adapter.jdbc;

/** A database error that is not a uniqueness conflict. */
public class JdbcStorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JdbcStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
