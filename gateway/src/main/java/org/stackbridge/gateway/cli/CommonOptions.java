package org.stackbridge.gateway.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --config}, {@code --data} and {@code --set} accepted by every subcommand, and where the command prints and
 * reads: the terminal, or, for a command the running gateway executes for the command line ({@link ControlHost}),
 * buffers sent back to it.
 */
public final class CommonOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (default: conf/stackbridge.yaml if present).")
    Path config;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (overrides data-dir).")
    Path data;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a setting, e.g. --set listeners.http-port=9090.")
    List<String> sets = new ArrayList<>();

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** The running gateway this command executes in, or null when the command line opens the storage itself. */
    ControlHost host;

    Path configFile() {
        if (config != null) {
            return config;
        }
        Path dflt = Path.of("conf", "stackbridge.yaml");
        return Files.isRegularFile(dflt) ? dflt : null;
    }

    List<String> allSets() {
        List<String> all = new ArrayList<>(sets);
        if (data != null) {
            all.add("data-dir=" + data);
        }
        return all;
    }

    boolean hosted() {
        return host != null;
    }

    /** Where the command prints its results. */
    PrintWriter out() {
        return mixee == null ? new PrintWriter(System.out, true) : mixee.commandLine().getOut();
    }

    /** Where the command prints problems and progress. */
    PrintWriter err() {
        return mixee == null ? new PrintWriter(System.err, true) : mixee.commandLine().getErr();
    }

    /** Who typed the command: the user of the command line's process (also when the gateway runs it). */
    String user() {
        return host != null ? host.user() : System.getProperty("user.name", "cli");
    }

    /** One line of the command's standard input (the one forwarded with it when the gateway runs it); null at its end. */
    String stdinLine() throws IOException {
        BufferedReader in = host != null ? new BufferedReader(new StringReader(host.stdin()))
                : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        return in.readLine();
    }
}
