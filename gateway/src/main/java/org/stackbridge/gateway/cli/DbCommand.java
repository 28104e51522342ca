package org.stackbridge.gateway.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.stackbridge.gateway.Storage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code db migrate}: bring the database schema up to date, then exit. */
@Command(name = "db", mixinStandardHelpOptions = true, description = "Database maintenance.", subcommands = {DbCommand.Migrate.class})
final class DbCommand {

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
}
