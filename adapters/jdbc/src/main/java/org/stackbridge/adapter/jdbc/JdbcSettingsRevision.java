package org.stackbridge.adapter.jdbc;

import org.stackbridge.core.port.SettingsRevision;

/** The one-row revision counter of administration changes. */
final class JdbcSettingsRevision implements SettingsRevision {

    private final Sql sql;

    JdbcSettingsRevision(Sql sql) {
        this.sql = sql;
    }

    @Override
    public long current() {
        return sql.one("SELECT revision FROM settings_revision WHERE id = 1", rs -> rs.getLong(1)).orElse(0L);
    }

    @Override
    public void bump() {
        sql.update("UPDATE settings_revision SET revision = revision + 1 WHERE id = 1");
    }
}
