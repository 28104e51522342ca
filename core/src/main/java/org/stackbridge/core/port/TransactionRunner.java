package org.stackbridge.core.port;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Runs units of work in storage transactions. A write future completes only after its transaction has
 * committed durably; implementations may group concurrent writes into one commit (each in a savepoint).
 * A unit of work may run more than once when it hits a {@link StoreConflictException}, so it must have
 * no side effects outside the transaction.
 */
public interface TransactionRunner extends AutoCloseable {

    <T> CompletableFuture<T> write(Function<StoreTx, T> work);

    <T> CompletableFuture<T> read(Function<StoreTx, T> work);

    /**
     * False while this runner knows the storage cannot be reached (its calls then fail at once with
     * {@link StorageUnavailableException}); a runner that cannot tell answers true.
     */
    default boolean available() {
        return true;
    }

    @Override
    void close();
}
