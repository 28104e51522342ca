package org.stackbridge.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The embedded PostgreSQL every benchmark starts. zonky's builder turns {@code fsync} and {@code synchronous_commit}
 * off by default, which would measure commits that are not durable; a production server has them on, so do we.
 */
final class DurablePostgres {

    private DurablePostgres() {
    }

    static EmbeddedPostgres start() throws IOException {
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .start();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version(), current_setting('fsync'), current_setting('synchronous_commit'),"
                     + " current_setting('wal_sync_method')")) {
            rs.next();
            System.out.println("PostgreSQL: " + rs.getString(1) + "; fsync=" + rs.getString(2) + " synchronous_commit="
                    + rs.getString(3) + " wal_sync_method=" + rs.getString(4));
        } catch (SQLException e) {
            pg.close();
            throw new IOException("PostgreSQL setup failed", e);
        }
        return pg;
    }
}
