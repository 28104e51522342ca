package org.stackbridge.adapter.jdbc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.stackbridge.core.port.RequestKeys;

/**
 * Stored outcomes of keyed requests. A scope or key longer than its column is stored by its SHA-256, so
 * any length a client sends still works (the column limits keep the index small).
 */
final class JdbcRequestKeys implements RequestKeys {

    static final int MAX_SCOPE = 320;
    static final int MAX_KEY = 255;

    private final Sql sql;

    JdbcRequestKeys(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Optional<byte[]> find(String scope, String key) {
        return sql.one("SELECT outcome FROM request_key WHERE scope = ? AND request_key = ?", rs -> rs.getBytes(1),
                fit(scope, MAX_SCOPE), fit(key, MAX_KEY));
    }

    @Override
    public void put(String scope, String key, byte[] outcome, Instant at) {
        sql.update("INSERT INTO request_key (scope, request_key, outcome, created_at) VALUES (?, ?, ?, ?)",
                fit(scope, MAX_SCOPE), fit(key, MAX_KEY), outcome, at);
    }

    @Override
    public Optional<String> newestIfSame(String scope, String base) {
        String s = fit(scope, MAX_SCOPE);
        String like = base.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "#%";
        return sql.one("SELECT r.request_key FROM request_key r WHERE r.scope = ? AND (r.request_key = ? OR r.request_key LIKE ? ESCAPE '\\')"
                        + " AND NOT EXISTS (SELECT 1 FROM request_key n WHERE n.scope = r.scope AND n.created_at > r.created_at)"
                        + " ORDER BY r.created_at DESC FETCH FIRST 1 ROWS ONLY",
                rs -> rs.getString(1), s, fit(base, MAX_KEY), like);
    }

    @Override
    public int purgeBefore(Instant cutoff) {
        return sql.update("DELETE FROM request_key WHERE created_at < ?", cutoff);
    }

    static String fit(String value, int max) {
        if (value.length() <= max) {
            return value;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            // a caller could only collide with its own hashed key by sending this exact text in the same scope
            return "sha256:" + value.length() + ":" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
