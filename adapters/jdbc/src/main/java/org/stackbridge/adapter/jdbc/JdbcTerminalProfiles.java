package org.stackbridge.adapter.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.stackbridge.core.model.TerminalProfile;
import org.stackbridge.core.port.TerminalProfiles;

/** SIP2 terminal profiles stored in the database (table {@code terminal_profile}). */
final class JdbcTerminalProfiles implements TerminalProfiles {

    private final Sql sql;

    JdbcTerminalProfiles(Sql sql) {
        this.sql = sql;
    }

    @Override
    public List<TerminalProfile> all() {
        // sorted in Java: database collations order names differently
        return sql.list("SELECT name, settings FROM terminal_profile", JdbcTerminalProfiles::profile)
                .stream().sorted(Comparator.comparing(TerminalProfile::name)).toList();
    }

    @Override
    public Optional<TerminalProfile> find(String name) {
        return sql.one("SELECT name, settings FROM terminal_profile WHERE name = ?", JdbcTerminalProfiles::profile, name);
    }

    @Override
    public void save(TerminalProfile p) {
        if (sql.update("UPDATE terminal_profile SET settings = ? WHERE name = ?", p.settings(), p.name()) == 0) {
            sql.update("INSERT INTO terminal_profile (name, settings) VALUES (?, ?)", p.name(), p.settings());
        }
    }

    @Override
    public boolean remove(String name) {
        return sql.update("DELETE FROM terminal_profile WHERE name = ?", name) > 0;
    }

    private static TerminalProfile profile(ResultSet rs) throws SQLException {
        return new TerminalProfile(rs.getString("name"), rs.getString("settings"));
    }
}
