package org.stackbridge.gateway.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.stackbridge.gateway.admin.BuildInfo;
import org.stackbridge.gateway.Gateway;
import org.stackbridge.gateway.PortInUse;
import org.stackbridge.gateway.config.ConfigException;
import org.stackbridge.gateway.config.ConfigLoader;
import org.stackbridge.gateway.control.ControlEndpoint;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code bin/stackbridge}: the command line. */
@Command(name = "stackbridge", mixinStandardHelpOptions = true, versionProvider = StackbridgeCli.Version.class,
        description = "Library interoperability gateway: SIP2, NCIP and Z39.50/SRU in front of one circulation engine.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:an unexpected error (a bug: the message says what failed)",
            "2:bad arguments, or an unknown library, category, item type or profile",
            "3:configuration error (file:line: key: problem); also the JVM's code on running out of memory",
            "4:import: some rows were rejected, or the file could not be imported",
            "5:policy show: no rule applies; ill: the engine refused the step",
            "6:the database is unavailable (a command that finds the gateway running on its data directory goes through it"
                    + " instead, so this is not the answer to a running gateway); or the running gateway stopped answering",
            "7:import z3950: the remote target is unreachable or answered an error",
            "8:import z3950: no record found",
            "9:import z3950: the record fails a check",
            "10:import z3950: the record is a duplicate",
            "11:import z3950: no console to confirm on (add --yes)",
            "12:a listener port is already in use (the message names the setting to change)",
            "13:db restore: the database of the data directory is in use (stop the gateway first)",
            "143:serve, demo: stopped by SIGTERM after a clean shutdown (128 + 15)"},
        subcommands = {StackbridgeCli.Serve.class, DemoCommand.class, ImportCommand.class, PolicyCommand.class, DbCommand.class,
                LibraryCommand.class, AccountCommand.class, StaffCommand.class, IllCommand.class, IndexCommand.class, SearchCommand.class, ReportCommand.class, HashCommand.class, TraceCommand.class, NoticesCommand.class, ReloadCommand.class, CommandLine.HelpCommand.class})
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
        return run(null, null, args);
    }

    /**
     * As {@link #run(String...)}, printing to {@code out} and {@code err} (null: standard output and error). A command
     * that works on the storage ({@link GatewayCommand}) is sent to the gateway running on its data directory, if one
     * answers ({@link ControlClient}), and the gateway runs it; otherwise it runs here.
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine(CommandLine.defaultFactory(), out, err);
        cli.setExecutionStrategy(parsed -> {
            CommandLine.ParseResult leaf = leaf(parsed);
            if (!(leaf.commandSpec().userObject() instanceof GatewayCommand command) || helpRequested(parsed)) {
                return new CommandLine.RunLast().execute(parsed);
            }
            PrintWriter errors = leaf.commandSpec().commandLine().getErr();
            try {
                Optional<ControlClient> gateway = ControlClient.find(command.common());
                if (gateway.isEmpty()) {
                    return new CommandLine.RunLast().execute(parsed);
                }
                return forward(gateway.get(), command, parsed.originalArgs(), leaf.commandSpec().commandLine());
            } catch (CommandLine.ExecutionException e) {
                throw e;
            } catch (Exception e) {
                int code = handle(e, errors);
                errors.flush();
                return code;
            }
        });
        return cli.execute(args);
    }

    private static CommandLine commandLine(CommandLine.IFactory factory, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new StackbridgeCli(), factory);
        if (out != null) {
            cli.setOut(out);
        }
        if (err != null) {
            cli.setErr(err);
        }
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            PrintWriter errors = cmd.getErr();
            int code = handle(e, errors);
            errors.flush();
            return code;
        });
        return cli;
    }

    private static CommandLine.ParseResult leaf(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        return leaf;
    }

    private static boolean helpRequested(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.hasSubcommand() ? p.subcommand() : null) {
            if (p.isUsageHelpRequested() || p.isVersionHelpRequested()) {
                return true;
            }
        }
        return false;
    }

    /** Has the running gateway execute the command: a file import is sent as an import job, anything else as its command line. */
    private static int forward(ControlClient gateway, GatewayCommand command, List<String> args, CommandLine leaf) throws Exception {
        if (command instanceof ImportCommand.FileImport file) {
            return file.callRemote(gateway);
        }
        // the only input a command reads is a password given as "-": one line
        String stdin = args.contains("-") ? Optional.ofNullable(command.common().stdinLine()).orElse("") : "";
        ControlEndpoint.CommandRunner.Result r = gateway.run(command.forwardedArgs(args), stdin, command.common().user());
        leaf.getOut().print(r.out());
        leaf.getOut().flush();
        leaf.getErr().print(r.err());
        leaf.getErr().flush();
        return r.exit();
    }

    /**
     * How the gateway runs a command line sent by {@link ControlClient}: the same picocli commands, on the gateway's own
     * storage, port, catalogue and import jobs, printing into buffers that go back. Only commands that work on the
     * storage are run; one at a time (the control endpoint has one thread).
     */
    public static ControlEndpoint.CommandRunner hostedRunner(Gateway gateway) {
        return (args, stdin, user) -> {
            ControlHost host = new ControlHost(gateway.loaded(), gateway.storage(), gateway.port(), gateway.catalogue(), gateway.imports(),
                    stdin, user, org.stackbridge.gateway.Administration.terminals(gateway::sip2), gateway.notices(),
                    gateway.configurationReload(),
                    gateway.ncip() == null ? org.stackbridge.core.port.AgencyTraces.none() : gateway.ncip().trace());
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cli = commandLine(new CommandLine.IFactory() {
                @Override
                public <K> K create(Class<K> type) throws Exception {
                    K made = CommandLine.defaultFactory().create(type);
                    if (made instanceof CommonOptions common) {
                        common.host = host;
                    }
                    return made;
                }
            }, new PrintWriter(out, true), new PrintWriter(err, true));
            cli.setExecutionStrategy(parsed -> {
                if (!(leaf(parsed).commandSpec().userObject() instanceof GatewayCommand) && !helpRequested(parsed)) {
                    cli.getErr().println("error: the running gateway runs only commands that work on its storage, not '"
                            + String.join(" ", parsed.originalArgs()) + "'");
                    return 2;
                }
                return new CommandLine.RunLast().execute(parsed);
            });
            int code = cli.execute(args.toArray(String[]::new));
            return new ControlEndpoint.CommandRunner.Result(code, out.toString(), err.toString());
        };
    }

    private static int handle(Exception e, PrintWriter err) {
        if (e instanceof ConfigException ce) {
            err.println("configuration error: " + ce.getMessage());
            return 3;
        }
        if (e instanceof PortInUse p) {
            err.println("error: " + p.getMessage());
            return PortInUse.EXIT_CODE;
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
    }

    /** {@code --version}: {@code stackbridge VERSION (built TIME)}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {BuildInfo.current().describe()};
        }
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
            Gateway gateway = new Gateway(loaded, Clock.systemDefaultZone());
            // before start: a HUP during start-up must not take the JVM's default (stopping the process)
            HangupSignal.install(gateway::configurationReload);
            gateway.withCommands(hostedRunner(gateway)).start();
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
