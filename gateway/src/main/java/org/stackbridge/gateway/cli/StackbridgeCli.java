package org.stackbridge.gateway.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.stackbridge.gateway.Gateway;
import org.stackbridge.gateway.config.ConfigException;
import org.stackbridge.gateway.config.ConfigLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code bin/stackbridge}: the command line. */
@Command(name = "stackbridge", mixinStandardHelpOptions = true, version = "Stackbridge 0.1.0",
        description = "Library interoperability gateway: SIP2, NCIP and Z39.50/SRU in front of one circulation engine.",
        subcommands = {StackbridgeCli.Serve.class, DemoCommand.class, ImportCommand.class, PolicyCommand.class, DbCommand.class,
                LibraryCommand.class, AccountCommand.class, StaffCommand.class, IllCommand.class, IndexCommand.class, SearchCommand.class, HashCommand.class, CommandLine.HelpCommand.class})
public final class StackbridgeCli {

    public static void main(String[] args) {
        int code;
        try {
            code = run(args);
        } catch (Throwable e) {
            // An Error (a broken classpath, out of memory at start) must not leave half-started listeners running.
            System.err.println("fatal: " + e);
            e.printStackTrace();
            code = 1;
        }
        System.exit(code);
    }

    public static int run(String... args) {
        CommandLine cli = new CommandLine(new StackbridgeCli());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            if (e instanceof ConfigException ce) {
                err.println("configuration error: " + ce.getMessage());
                return 3;
            }
            if (e instanceof org.stackbridge.gateway.Storage.StorageUnavailable su) {
                err.println("error: " + su.getMessage());
                return 6;
            }
            if (e instanceof CliException ce) {
                err.println("error: " + ce.getMessage());
                return ce.exitCode();
            }
            err.println("error: " + e);
            return 1;
        });
        return cli.execute(args);
    }

    static ConfigLoader.Loaded load(CommonOptions common) {
        return new ConfigLoader().load(common.configFile(), System.getenv(), common.allSets());
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the gateway.")
    static final class Serve implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() throws Exception {
            ConfigLoader.Loaded loaded = load(common);
            Gateway gateway = new Gateway(loaded, Clock.systemDefaultZone()).start();
            awaitShutdown(gateway);
            return 0;
        }
    }

    static void awaitShutdown(Gateway gateway) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
    }

    /** A user-facing failure with an exit code; printed without a stack trace. */
    public static final class CliException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int exitCode;

        public CliException(String message, int exitCode) {
            super(message);
            this.exitCode = exitCode;
        }

        int exitCode() {
            return exitCode;
        }
    }
}
