package org.stackbridge.adapter.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.stackbridge.core.model.TerminalAccount;
import org.stackbridge.core.port.TerminalAccounts;

final class JdbcTerminalAccounts implements TerminalAccounts {

    private final Sql sql;

    JdbcTerminalAccounts(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Optional<TerminalAccount> find(String login) {
        return sql.one("SELECT login, password_hash, institution, profile, enabled FROM terminal_account WHERE login = ?",
                JdbcTerminalAccounts::account, login);
    }

    @Override
    public void save(TerminalAccount a) {
        int n = sql.update("UPDATE terminal_account SET password_hash = ?, institution = ?, profile = ?, enabled = ? WHERE login = ?",
                a.passwordHash(), a.institution(), a.profile(), a.enabled(), a.login());
        if (n == 0) {
            sql.update("INSERT INTO terminal_account (login, password_hash, institution, profile, enabled) VALUES (?, ?, ?, ?, ?)",
                    a.login(), a.passwordHash(), a.institution(), a.profile(), a.enabled());
        }
    }

    @Override
    public List<TerminalAccount> all() {
        // sorted in Java: database collations order logins differently
        return sql.list("SELECT login, password_hash, institution, profile, enabled FROM terminal_account", JdbcTerminalAccounts::account)
                .stream().sorted(java.util.Comparator.comparing(TerminalAccount::login)).toList();
    }

    private static TerminalAccount account(ResultSet rs) throws SQLException {
        return new TerminalAccount(rs.getString("login"), rs.getString("password_hash"), rs.getString("institution"),
                rs.getString("profile"), rs.getBoolean("enabled"));
    }
}
