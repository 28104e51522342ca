package org.stackbridge.adapter.memory;

import java.util.ArrayDeque;
import java.util.Deque;

/** Undo actions of the running transaction, applied in reverse on rollback. */
final class UndoLog {
    private final Deque<Runnable> actions = new ArrayDeque<>();

    void record(Runnable action) {
        actions.push(action);
    }

    void rollback() {
        while (!actions.isEmpty()) {
            actions.pop().run();
        }
    }

    void clear() {
        actions.clear();
    }
}
