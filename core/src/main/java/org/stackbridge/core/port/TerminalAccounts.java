package org.stackbridge.core.port;

import java.util.List;
import java.util.Optional;
import org.stackbridge.core.model.TerminalAccount;

public interface TerminalAccounts {
    Optional<TerminalAccount> find(String login);

    /** Insert or replace by login. */
    void save(TerminalAccount account);

    List<TerminalAccount> all();
}
