package org.stackbridge.core.command;

/**
 * A typed request to the engine whose outcome is {@code Outcome<R>}. Commands are immutable records;
 * the engine finds the handler by the command's class.
 */
public interface Command<R> {

    RequestContext context();

    /** Read-only commands skip the write path and are never recorded for idempotency. */
    default boolean mutating() {
        return true;
    }
}
