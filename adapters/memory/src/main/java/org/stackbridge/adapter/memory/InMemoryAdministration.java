package org.stackbridge.adapter.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.stackbridge.core.model.CodeEntry;
import org.stackbridge.core.model.CodeKind;
import org.stackbridge.core.policy.CirculationRule;
import org.stackbridge.core.port.CodeLists;
import org.stackbridge.core.port.RuleStore;
import org.stackbridge.core.port.SettingsRevision;

/** The administration stores of {@link InMemoryStore}: rules with ids, code lists and the settings revision. */
final class InMemoryAdministration {

    private InMemoryAdministration() {
    }

    /** Rules by id, in insertion order. */
    static final class Rules implements RuleStore {
        private final UndoLog undo;
        private final TreeMap<Long, CirculationRule> rows = new TreeMap<>();
        private long nextId = 1;

        Rules(UndoLog undo) {
            this.undo = undo;
        }

        @Override
        public List<CirculationRule> all() {
            return List.copyOf(rows.values());
        }

        @Override
        public void add(CirculationRule rule) {
            insert(rule);
        }

        @Override
        public List<StoredRule> stored() {
            List<StoredRule> out = new ArrayList<>();
            rows.forEach((id, r) -> out.add(new StoredRule(id, r)));
            return out;
        }

        @Override
        public long insert(CirculationRule rule) {
            long id = nextId++;
            rows.put(id, rule);
            undo.record(() -> {
                rows.remove(id);
                nextId = Math.min(nextId, id);
            });
            return id;
        }

        @Override
        public boolean replace(long id, CirculationRule rule) {
            CirculationRule previous = rows.get(id);
            if (previous == null) {
                return false;
            }
            rows.put(id, rule);
            undo.record(() -> rows.put(id, previous));
            return true;
        }

        @Override
        public boolean remove(long id) {
            CirculationRule previous = rows.remove(id);
            if (previous == null) {
                return false;
            }
            undo.record(() -> rows.put(id, previous));
            return true;
        }
    }

    /** Code entries by kind and code. */
    static final class Codes implements CodeLists {
        private final UndoLog undo;
        private final Map<String, CodeEntry> rows = new HashMap<>();

        Codes(UndoLog undo) {
            this.undo = undo;
        }

        private static String key(CodeKind kind, String code) {
            return kind.name() + "\u0000" + code;
        }

        @Override
        public List<CodeEntry> all(CodeKind kind) {
            return rows.values().stream().filter(e -> e.kind() == kind).sorted(Comparator.comparing(CodeEntry::code)).toList();
        }

        @Override
        public Optional<CodeEntry> find(CodeKind kind, String code) {
            return Optional.ofNullable(rows.get(key(kind, code)));
        }

        @Override
        public void save(CodeEntry entry) {
            String k = key(entry.kind(), entry.code());
            CodeEntry previous = rows.put(k, entry);
            undo.record(() -> restore(k, previous));
        }

        @Override
        public boolean remove(CodeKind kind, String code) {
            String k = key(kind, code);
            CodeEntry previous = rows.remove(k);
            undo.record(() -> restore(k, previous));
            return previous != null;
        }

        private void restore(String k, CodeEntry previous) {
            if (previous == null) {
                rows.remove(k);
            } else {
                rows.put(k, previous);
            }
        }
    }

    static final class Revision implements SettingsRevision {
        private final UndoLog undo;
        private long revision;

        Revision(UndoLog undo) {
            this.undo = undo;
        }

        @Override
        public long current() {
            return revision;
        }

        @Override
        public void bump() {
            revision++;
            undo.record(() -> revision--);
        }
    }

    /** Stored SIP2 terminal profiles by name. */
    static final class Profiles implements org.stackbridge.core.port.TerminalProfiles {
        private final UndoLog undo;
        private final TreeMap<String, org.stackbridge.core.model.TerminalProfile> rows = new TreeMap<>();

        Profiles(UndoLog undo) {
            this.undo = undo;
        }

        @Override
        public List<org.stackbridge.core.model.TerminalProfile> all() {
            return List.copyOf(rows.values());
        }

        @Override
        public Optional<org.stackbridge.core.model.TerminalProfile> find(String name) {
            return Optional.ofNullable(rows.get(name));
        }

        @Override
        public void save(org.stackbridge.core.model.TerminalProfile profile) {
            org.stackbridge.core.model.TerminalProfile previous = rows.put(profile.name(), profile);
            undo.record(() -> {
                if (previous == null) {
                    rows.remove(profile.name());
                } else {
                    rows.put(profile.name(), previous);
                }
            });
        }

        @Override
        public boolean remove(String name) {
            org.stackbridge.core.model.TerminalProfile previous = rows.remove(name);
            if (previous == null) {
                return false;
            }
            undo.record(() -> rows.put(name, previous));
            return true;
        }
    }
}
