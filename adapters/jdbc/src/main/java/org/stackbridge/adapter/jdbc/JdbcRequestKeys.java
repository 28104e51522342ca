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
