package org.stackbridge.adapter.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.stackbridge.core.model.StaffAccount;
import org.stackbridge.core.model.StaffRole;
import org.stackbridge.core.port.StaffAccounts;

final class JdbcStaffAccounts implements StaffAccounts {

    private static final String COLUMNS = "login, password_hash, role, library, enabled";

    private final Sql sql;

    JdbcStaffAccounts(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Optional<StaffAccount> find(String login) {
        return sql.one("SELECT " + COLUMNS + " FROM staff_account WHERE login = ?", JdbcStaffAccounts::account, login);
    }

    @Override
    public void save(StaffAccount a) {
        int n = sql.update("UPDATE staff_account SET password_hash = ?, role = ?, library = ?, enabled = ? WHERE login = ?",
                a.passwordHash(), a.role().name(), a.library(), a.enabled(), a.login());
        if (n == 0) {
            sql.update("INSERT INTO staff_account (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)",
                    a.login(), a.passwordHash(), a.role().name(), a.library(), a.enabled());
        }
    }

    @Override
    public List<StaffAccount> all() {
        // sorted in Java: database collations order logins differently
        return sql.list("SELECT " + COLUMNS + " FROM staff_account", JdbcStaffAccounts::account)
                .stream().sorted(Comparator.comparing(StaffAccount::login)).toList();
    }

    private static StaffAccount account(ResultSet rs) throws SQLException {
        return new StaffAccount(rs.getString("login"), rs.getString("password_hash"), StaffRole.valueOf(rs.getString("role")),
                rs.getString("library"), rs.getBoolean("enabled"));
    }
}
