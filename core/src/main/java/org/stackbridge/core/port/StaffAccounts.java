package org.stackbridge.core.port;

import java.util.List;
import java.util.Optional;
import org.stackbridge.core.model.StaffAccount;

/** Staff logins of the staff API. */
public interface StaffAccounts {
    Optional<StaffAccount> find(String login);

    /** Insert or replace by login. */
    void save(StaffAccount account);

    /** Every account, ordered by login. */
    List<StaffAccount> all();
}
