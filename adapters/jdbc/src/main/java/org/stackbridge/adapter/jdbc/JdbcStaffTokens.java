package org.stackbridge.adapter.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.stackbridge.core.port.StaffTokenStore;

final class JdbcStaffTokens implements StaffTokenStore {

    private static final String COLUMNS = "token_hash, login, credential, created, expires, last_used";

    private final Sql sql;

    JdbcStaffTokens(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(StoredToken t) {
        sql.update("INSERT INTO staff_token (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)",
                t.tokenHash(), t.login(), t.credential(), t.created(), t.expires(), t.lastUsed());
    }

    @Override
    public Optional<StoredToken> find(String tokenHash) {
        return sql.one("SELECT " + COLUMNS + " FROM staff_token WHERE token_hash = ?", JdbcStaffTokens::token, tokenHash);
    }

    @Override
    public boolean touch(String tokenHash, Instant lastUsed) {
        return sql.update("UPDATE staff_token SET last_used = ? WHERE token_hash = ? AND last_used < ?", lastUsed, tokenHash,
                lastUsed) == 1 || find(tokenHash).isPresent();
    }

    @Override
    public boolean delete(String tokenHash) {
        return sql.update("DELETE FROM staff_token WHERE token_hash = ?", tokenHash) == 1;
    }

    @Override
    public int deleteLogin(String login) {
        return sql.update("DELETE FROM staff_token WHERE login = ?", login);
    }

    @Override
    public int deleteExpired(Instant now) {
        return sql.update("DELETE FROM staff_token WHERE expires <= ?", now);
    }

    @Override
    public int trimTo(int max) {
        int over = count() - max;
        if (over <= 0) {
            return 0;
        }
        return sql.update("DELETE FROM staff_token WHERE token_hash IN "
                + "(SELECT token_hash FROM staff_token ORDER BY created, token_hash LIMIT ?)", over);
    }

    @Override
    public int count() {
        return (int) sql.count("SELECT COUNT(*) FROM staff_token");
    }

    private static StoredToken token(ResultSet rs) throws SQLException {
        return new StoredToken(rs.getString("token_hash"), rs.getString("login"), rs.getString("credential"),
                Sql.instant(rs, "created"), Sql.instant(rs, "expires"), Sql.instant(rs, "last_used"));
    }
}
