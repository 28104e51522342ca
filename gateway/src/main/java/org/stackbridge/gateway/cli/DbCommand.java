package org.stackbridge.gateway.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import org.h2.store.fs.FileUtils;
import org.stackbridge.adapter.jdbc.H2Backup;
import org.stackbridge.gateway.Storage;
import org.stackbridge.gateway.config.GatewayConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code db migrate}: bring the database schema up to date, then exit. {@code db backup FILE}: a consistent online copy
 * of the embedded database (through the running gateway when one serves the data directory). {@code db restore FILE}:
 * put such a copy back into a data directory whose database is not in use.
 */
@Command(name = "db", mixinStandardHelpOptions = true, description = "Database maintenance.",
        subcommands = {DbCommand.Migrate.class, DbCommand.Backup.class, DbCommand.Restore.class})
final class DbCommand {

    /** Exit code of {@code db restore} when the database of the data directory is in use. */
    static final int IN_USE = 13;
    private static final String POSTGRES_BACKUP = "the database is PostgreSQL: back it up with pg_dump or point-in-time recovery"
            + " and restore it with pg_restore (docs/deployment.md, Backups)";

    @Command(name = "migrate", mixinStandardHelpOptions = true, description = "Apply pending schema migrations.")
    static final class Migrate implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            var loaded = StackbridgeCli.load(common);
            System.out.println(Storage.migrate(loaded.config(), Path.of(loaded.config().dataDir())));
            return 0;
        }
    }

    @Command(name = "backup", mixinStandardHelpOptions = true,
            description = {"Write a consistent copy of the embedded database to FILE (a zip), while the gateway serves.",
                "With a gateway running on the data directory, the gateway writes FILE (as its own user)."})
    static final class Backup implements Callable<Integer>, GatewayCommand {
        @Mixin
        CommonOptions common;

        @Parameters(index = "0", paramLabel = "FILE", description = "The backup to write (must not exist), e.g. stackbridge-2026-12-07.zip.")
        String file;

        @Override
        public CommonOptions common() {
            return common;
        }

        /** The gateway runs elsewhere: it gets FILE as an absolute path, resolved where the command was typed. */
        @Override
        public List<String> forwardedArgs(List<String> args) {
            return GatewayCommand.withAbsoluteFile(args, null, file);
        }

        @Override
        public Integer call() {
            GatewayConfig cfg = common.hosted() ? common.host.loaded().config() : StackbridgeCli.load(common).config();
            if (!cfg.database().embedded()) {
                throw new StackbridgeCli.CliException(POSTGRES_BACKUP, 2);
            }
            Path data = Path.of(cfg.dataDir());
            Path database = H2Backup.databaseFile(data);
            if (!Files.isRegularFile(database)) {
                throw new StackbridgeCli.CliException("no database in " + data.toAbsolutePath() + " (" + database.getFileName() + ")", 2);
            }
            Path target = Path.of(file).toAbsolutePath().normalize();
            if (Files.exists(target)) {
                throw new StackbridgeCli.CliException(target + " exists; name a new file", 2);
            }
            if (target.getParent() != null && !Files.isDirectory(target.getParent())) {
                throw new StackbridgeCli.CliException("no directory " + target.getParent(), 2);
            }
            try {
                H2Backup.backup(Storage.settings(cfg, data), target);
            } catch (SQLException e) {
                throw new StackbridgeCli.CliException("backup of " + database + " failed: " + e.getMessage(), 6);
            }
            common.out().println("backed up " + database + " to " + target + " (" + size(target) + " bytes)");
            return 0;
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = {"Put a backup made by 'db backup' into the data directory. Refuses while a gateway or another process",
                "uses the database there, and refuses to replace an existing database without --replace."})
    static final class Restore implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Parameters(index = "0", paramLabel = "FILE", description = "A backup made by 'db backup'.")
        Path file;

        @Option(names = "--replace", description = "Replace the database of the data directory (which must not be in use).")
        boolean replace;

        @Override
        public Integer call() throws IOException {
            GatewayConfig cfg = StackbridgeCli.load(common).config();
            if (!cfg.database().embedded()) {
                throw new StackbridgeCli.CliException(POSTGRES_BACKUP, 2);
            }
            if (!Files.isRegularFile(file)) {
                throw new StackbridgeCli.CliException("no backup file " + file, 2);
            }
            Path data = Path.of(cfg.dataDir()).toAbsolutePath();
            Path database = H2Backup.databaseFile(data);
            if (ControlClient.find(common).isPresent() || H2Backup.inUse(data)) {
                throw new StackbridgeCli.CliException("the database " + database + " is in use (a gateway runs on " + data
                        + "); stop it before restoring, or restore into another data directory with --data", IN_USE);
            }
            if (Files.exists(database) && !replace) {
                throw new StackbridgeCli.CliException(data + " already holds a database; add --replace to overwrite it", 2);
            }
            try {
                H2Backup.restore(file, data);
            } catch (IllegalArgumentException e) {
                throw new StackbridgeCli.CliException(e.getMessage(), 2);
            }
            // the catalogue index is derived from the database: rebuilt from the restored records at the next start
            FileUtils.deleteRecursive(data.resolve("catalogue").toString(), false);
            common.out().println("restored " + file + " into " + database
                    + "; the next start migrates it to this version's schema and rebuilds the catalogue index");
            return 0;
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
