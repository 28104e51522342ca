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

    /**
     * A write that commits after every earlier write with the same {@code orderingKey} (submitted before it on this
     * runner) and before every later one: the order of one caller's writes (a terminal's commands, see
     * {@link org.stackbridge.core.command.RequestContext#orderingKey()}) is kept even where the runner commits
     * through several writers at once. Writes with different keys, or none ({@code null}), may commit in any order.
     * A runner with a single writer keeps every write's order and need not override this.
     */
    default <T> CompletableFuture<T> write(String orderingKey, Function<StoreTx, T> work) {
        return write(work);
    }

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
