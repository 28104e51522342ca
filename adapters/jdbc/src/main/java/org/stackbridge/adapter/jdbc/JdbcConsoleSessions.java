package org.stackbridge.adapter.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.stackbridge.core.port.ConsoleSessionStore;

final class JdbcConsoleSessions implements ConsoleSessionStore {

    private static final String COLUMNS = "token_hash, login, credential, csrf, created, last_seen";

    private final Sql sql;

    JdbcConsoleSessions(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(StoredSession s) {
        sql.update("INSERT INTO console_session (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)",
                s.tokenHash(), s.login(), s.credential(), s.csrf(), s.created(), s.lastSeen());
    }

    @Override
    public Optional<StoredSession> find(String tokenHash) {
        return sql.one("SELECT " + COLUMNS + " FROM console_session WHERE token_hash = ?", JdbcConsoleSessions::session, tokenHash);
    }

    @Override
    public boolean touch(String tokenHash, Instant lastSeen) {
        return sql.update("UPDATE console_session SET last_seen = ? WHERE token_hash = ? AND last_seen < ?", lastSeen, tokenHash,
                lastSeen) == 1 || find(tokenHash).isPresent();
    }

    @Override
    public boolean delete(String tokenHash) {
        return sql.update("DELETE FROM console_session WHERE token_hash = ?", tokenHash) == 1;
    }

    @Override
    public int deleteLogin(String login) {
        return sql.update("DELETE FROM console_session WHERE login = ?", login);
    }

    @Override
    public int deleteExpired(Instant idleBefore, Instant createdBefore) {
        return sql.update("DELETE FROM console_session WHERE last_seen < ? OR created < ?", idleBefore, createdBefore);
    }

    @Override
    public int trimTo(int max) {
        int over = count() - max;
        if (over <= 0) {
            return 0;
        }
        return sql.update("DELETE FROM console_session WHERE token_hash IN "
                + "(SELECT token_hash FROM console_session ORDER BY last_seen, token_hash LIMIT ?)", over);
    }

    @Override
    public int count() {
        return (int) sql.count("SELECT COUNT(*) FROM console_session");
    }

    private static StoredSession session(ResultSet rs) throws SQLException {
        return new StoredSession(rs.getString("token_hash"), rs.getString("login"), rs.getString("credential"), rs.getString("csrf"),
                Sql.instant(rs, "created"), Sql.instant(rs, "last_seen"));
    }
}
