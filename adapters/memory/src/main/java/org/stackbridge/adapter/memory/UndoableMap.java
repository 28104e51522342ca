package org.stackbridge.adapter.memory;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.stackbridge.core.model.StaffAccount;
import org.stackbridge.core.model.TerminalAccount;
import org.stackbridge.core.port.StaffAccounts;
import org.stackbridge.core.port.TerminalAccounts;

/** Rows by a string key (an account's login); a save is undone when its unit of work fails. */
class UndoableMap<V> {

    private final UndoLog undo;
    private final Function<V, String> key;
    private final Map<String, V> rows = new HashMap<>();

    UndoableMap(UndoLog undo, Function<V, String> key) {
        this.undo = undo;
        this.key = key;
    }

    public Optional<V> find(String k) {
        return Optional.ofNullable(rows.get(k));
    }

    /** Insert or replace by key. */
    public void save(V row) {
        String k = key.apply(row);
        V previous = rows.put(k, row);
        undo.record(() -> {
            if (previous == null) {
                rows.remove(k);
            } else {
                rows.put(k, previous);
            }
        });
    }

    /** Every row, ordered by key. */
    public List<V> all() {
        return rows.values().stream().sorted(Comparator.comparing(key)).toList();
    }

    static final class TerminalAccountMap extends UndoableMap<TerminalAccount> implements TerminalAccounts {
        TerminalAccountMap(UndoLog undo) {
            super(undo, TerminalAccount::login);
        }
    }

    static final class StaffAccountMap extends UndoableMap<StaffAccount> implements StaffAccounts {
        StaffAccountMap(UndoLog undo) {
            super(undo, StaffAccount::login);
        }
    }
}
