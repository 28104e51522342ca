package org.stackbridge.adapter.memory;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.stackbridge.core.model.StaffAccount;
import org.stackbridge.core.model.TerminalAccount;
import org.stackbridge.core.port.ConsoleSessionStore;
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

    /** Removes a row by key; false when there was none. */
    public boolean remove(String k) {
        V previous = rows.remove(k);
        if (previous == null) {
            return false;
        }
        undo.record(() -> rows.put(k, previous));
        return true;
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

    /** The staff console's sessions by token hash. */
    static final class ConsoleSessionMap extends UndoableMap<ConsoleSessionStore.StoredSession> implements ConsoleSessionStore {
        ConsoleSessionMap(UndoLog undo) {
            super(undo, StoredSession::tokenHash);
        }

        @Override
        public void insert(StoredSession session) {
            if (find(session.tokenHash()).isPresent()) {
                throw new org.stackbridge.core.port.StoreConflictException("console session exists", null);
            }
            save(session);
        }

        @Override
        public boolean touch(String tokenHash, java.time.Instant lastSeen) {
            Optional<StoredSession> s = find(tokenHash);
            s.filter(x -> x.lastSeen().isBefore(lastSeen)).ifPresent(x -> save(new StoredSession(x.tokenHash(), x.login(),
                    x.credential(), x.csrf(), x.created(), lastSeen)));
            return s.isPresent();
        }

        @Override
        public boolean delete(String tokenHash) {
            return remove(tokenHash);
        }

        @Override
        public int deleteLogin(String login) {
            return removeAll(all().stream().filter(s -> s.login().equals(login)).toList());
        }

        @Override
        public int deleteExpired(java.time.Instant idleBefore, java.time.Instant createdBefore) {
            return removeAll(all().stream().filter(s -> s.lastSeen().isBefore(idleBefore) || s.created().isBefore(createdBefore)).toList());
        }

        @Override
        public int trimTo(int max) {
            List<StoredSession> byAge = all().stream().sorted(Comparator.comparing(StoredSession::lastSeen)
                    .thenComparing(StoredSession::tokenHash)).toList();
            return byAge.size() <= max ? 0 : removeAll(byAge.subList(0, byAge.size() - max));
        }

        @Override
        public int count() {
            return all().size();
        }

        private int removeAll(List<StoredSession> gone) {
            gone.forEach(s -> remove(s.tokenHash()));
            return gone.size();
        }
    }

    /** The staff API's bearer tokens by token hash. */
    static final class StaffTokenMap extends UndoableMap<org.stackbridge.core.port.StaffTokenStore.StoredToken>
            implements org.stackbridge.core.port.StaffTokenStore {
        StaffTokenMap(UndoLog undo) {
            super(undo, StoredToken::tokenHash);
        }

        @Override
        public void insert(StoredToken token) {
            if (find(token.tokenHash()).isPresent()) {
                throw new org.stackbridge.core.port.StoreConflictException("staff token exists", null);
            }
            save(token);
        }

        @Override
        public boolean touch(String tokenHash, java.time.Instant lastUsed) {
            Optional<StoredToken> t = find(tokenHash);
            t.filter(x -> x.lastUsed().isBefore(lastUsed)).ifPresent(x -> save(new StoredToken(x.tokenHash(), x.login(),
                    x.credential(), x.created(), x.expires(), lastUsed)));
            return t.isPresent();
        }

        @Override
        public boolean delete(String tokenHash) {
            return remove(tokenHash);
        }

        @Override
        public int deleteLogin(String login) {
            return removeAll(all().stream().filter(t -> t.login().equals(login)).toList());
        }

        @Override
        public int deleteExpired(java.time.Instant now) {
            return removeAll(all().stream().filter(t -> !t.expires().isAfter(now)).toList());
        }

        @Override
        public int trimTo(int max) {
            List<StoredToken> byAge = all().stream().sorted(Comparator.comparing(StoredToken::created)
                    .thenComparing(StoredToken::tokenHash)).toList();
            return byAge.size() <= max ? 0 : removeAll(byAge.subList(0, byAge.size() - max));
        }

        @Override
        public int count() {
            return all().size();
        }

        private int removeAll(List<StoredToken> gone) {
            gone.forEach(t -> remove(t.tokenHash()));
            return gone.size();
        }
    }

    static final class StaffAccountMap extends UndoableMap<StaffAccount> implements StaffAccounts {
        StaffAccountMap(UndoLog undo) {
            super(undo, StaffAccount::login);
        }
    }
}
