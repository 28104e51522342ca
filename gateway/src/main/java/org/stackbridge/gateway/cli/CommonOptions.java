package org.stackbridge.gateway.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --config}, {@code --data} and {@code --set} accepted by every subcommand. */
public final class CommonOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (default: conf/stackbridge.yaml if present).")
    Path config;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (overrides data-dir).")
    Path data;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a setting, e.g. --set listeners.http-port=9090.")
    List<String> sets = new ArrayList<>();

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
}
