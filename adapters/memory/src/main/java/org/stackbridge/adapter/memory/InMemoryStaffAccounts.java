package org.stackbridge.adapter.memory;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stackbridge.core.model.StaffAccount;
import org.stackbridge.core.port.StaffAccounts;

/** Staff accounts of an {@link InMemoryStore}; a save is undone when its unit of work fails. */
final class InMemoryStaffAccounts implements StaffAccounts {

    private final UndoLog undo;
    private final Map<String, StaffAccount> accounts = new HashMap<>();

    InMemoryStaffAccounts(UndoLog undo) {
        this.undo = undo;
    }

    @Override
    public Optional<StaffAccount> find(String login) {
        return Optional.ofNullable(accounts.get(login));
    }

    @Override
    public void save(StaffAccount account) {
        StaffAccount previous = accounts.put(account.login(), account);
        undo.record(() -> {
            if (previous == null) {
                accounts.remove(account.login());
            } else {
                accounts.put(account.login(), previous);
            }
        });
    }

    @Override
    public List<StaffAccount> all() {
        return accounts.values().stream().sorted(Comparator.comparing(StaffAccount::login)).toList();
    }
}
