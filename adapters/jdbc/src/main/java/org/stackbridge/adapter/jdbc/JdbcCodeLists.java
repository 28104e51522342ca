package org.stackbridge.adapter.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.stackbridge.core.model.CodeEntry;
import org.stackbridge.core.model.CodeKind;
import org.stackbridge.core.port.CodeLists;

final class JdbcCodeLists implements CodeLists {

    private final Sql sql;

    JdbcCodeLists(Sql sql) {
        this.sql = sql;
    }

    @Override
    public List<CodeEntry> all(CodeKind kind) {
        // sorted in Java: database collations order codes differently
        return sql.list("SELECT kind, code, description, from_configuration FROM code_entry WHERE kind = ?", JdbcCodeLists::entry, kind.name())
                .stream().sorted(Comparator.comparing(CodeEntry::code)).toList();
    }

    @Override
    public Optional<CodeEntry> find(CodeKind kind, String code) {
        return sql.one("SELECT kind, code, description, from_configuration FROM code_entry WHERE kind = ? AND code = ?",
                JdbcCodeLists::entry, kind.name(), code);
    }

    @Override
    public void save(CodeEntry e) {
        int n = sql.update("UPDATE code_entry SET description = ?, from_configuration = ? WHERE kind = ? AND code = ?",
                e.description(), e.fromConfiguration(), e.kind().name(), e.code());
        if (n == 0) {
            sql.update("INSERT INTO code_entry (kind, code, description, from_configuration) VALUES (?, ?, ?, ?)",
                    e.kind().name(), e.code(), e.description(), e.fromConfiguration());
        }
    }

    @Override
    public boolean remove(CodeKind kind, String code) {
        return sql.update("DELETE FROM code_entry WHERE kind = ? AND code = ?", kind.name(), code) > 0;
    }

    private static CodeEntry entry(ResultSet rs) throws SQLException {
        return new CodeEntry(Sql.enumOf(CodeKind.class, rs, "kind"), rs.getString("code"), rs.getString("description"),
                rs.getBoolean("from_configuration"));
    }
}
