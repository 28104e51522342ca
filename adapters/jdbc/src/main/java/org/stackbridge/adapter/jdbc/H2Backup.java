package org.stackbridge.adapter.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.zip.ZipFile;
import org.h2.store.fs.FileUtils;
import org.h2.tools.Restore;

/**
 * Online backup and restore of the embedded H2 database ({@code stackbridge.mv.db} in the data directory).
 * <ul>
 * <li>{@link #backup}: H2's {@code BACKUP TO}, a zip of the database file. H2 copies it under MVCC without locking
 * anything, so the gateway goes on serving and the copy holds exactly the transactions committed when it began.
 * In the gateway's own process the connection joins the open database (same URL).</li>
 * <li>{@link #restore}: H2's {@code Restore} tool unpacks the zip next to the target, the copy is checked to be a
 * Stackbridge database (its migration history is readable), then moved into place in one step.</li>
 * </ul>
 * PostgreSQL is backed up with its own tools ({@code pg_dump}, point-in-time recovery); see docs/deployment.md.
 */
public final class H2Backup {

    private H2Backup() {
    }

    /** The database file of the embedded database in {@code dataDir}. */
    public static Path databaseFile(Path dataDir) {
        return JdbcSettings.embedded(dataDir).h2DataFile();
    }

    /** Writes a consistent copy of the embedded database of {@code settings} to the zip file {@code target}. */
    public static void backup(JdbcSettings settings, Path target) throws SQLException {
        if (settings.h2DataFile() == null) {
            throw new IllegalArgumentException("not an embedded H2 database: " + settings);
        }
        try (Connection c = DriverManager.getConnection(settings.url(), settings.user(), settings.password());
             Statement s = c.createStatement()) {
            s.execute("BACKUP TO '" + target.toAbsolutePath().toString().replace("'", "''") + "'");
        }
    }

    /**
     * True when a process (this one or another) holds the database file of {@code dataDir} open: H2 locks the file
     * while a database is open.
     */
    public static boolean inUse(Path dataDir) {
        Path file = databaseFile(dataDir);
        if (!Files.exists(file)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check " + file, e);
        }
    }

    /**
     * Puts the database in the backup {@code zip} into {@code dataDir}, replacing the database there (the caller checks
     * that it is not {@link #inUse} and may be replaced).
     *
     * @throws IllegalArgumentException when {@code zip} is not a backup of a Stackbridge database
     */
    public static void restore(Path zip, Path dataDir) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            if (z.stream().noneMatch(e -> e.getName().endsWith(".mv.db"))) {
                throw new IllegalArgumentException(zip + " holds no H2 database file (*.mv.db): not a backup made by 'db backup'");
            }
        } catch (java.util.zip.ZipException e) {
            throw new IllegalArgumentException(zip + " is not a zip file: not a backup made by 'db backup'", e);
        }
        Files.createDirectories(dataDir);
        Path staging = Files.createTempDirectory(dataDir, "restore-");
        try {
            Path target = databaseFile(dataDir);
            String name = target.getFileName().toString();
            Restore.execute(zip.toAbsolutePath().toString(), staging.toString(), name.substring(0, name.length() - ".mv.db".length()));
            Path staged = staging.resolve(name);
            if (!Files.isRegularFile(staged)) {
                throw new IllegalArgumentException(zip + " holds no database that could be restored");
            }
            checkIsStackbridge(staging, zip);
            Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            FileUtils.deleteRecursive(staging.toString(), false);
        }
    }

    private static void checkIsStackbridge(Path staging, Path zip) {
        JdbcSettings settings = JdbcSettings.embedded(staging);
        try (Connection c = DriverManager.getConnection(settings.url() + ";IFEXISTS=TRUE", settings.user(), settings.password());
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM flyway_schema_history")) {
            r.next();
        } catch (SQLException e) {
            throw new IllegalArgumentException(zip + " does not hold a Stackbridge database (no migration history)", e);
        }
    }
}
