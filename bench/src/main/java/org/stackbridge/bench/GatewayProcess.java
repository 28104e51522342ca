package org.stackbridge.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A gateway in its own JVM for the benches: how it is started, how its ports are found, how its files go. */
final class GatewayProcess {

    private GatewayProcess() {
    }

    /**
     * Starts {@code java -Xmx1g [STACKBRIDGE_BENCH_SERVER_OPTS] <mainArgs>} with its output in {@code log}. The
     * environment variable passes extra server JVM flags, e.g. {@code -XX:StartFlightRecording=...} to profile a run.
     */
    static Process start(List<String> mainArgs, Path data, Path log) throws IOException {
        return start(List.of(), mainArgs, data, log);
    }

    /** As {@link #start(List, Path, Path)} with extra JVM options before the main arguments (e.g. a JFR recording). */
    static Process start(List<String> jvmOptions, List<String> mainArgs, Path data, Path log) throws IOException {
        Files.createDirectories(data);
        Files.deleteIfExists(data.resolve("stackbridge.ports"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
        String extra = System.getenv("STACKBRIDGE_BENCH_SERVER_OPTS");
        if (extra != null && !extra.isBlank()) {
            cmd.addAll(Arrays.asList(extra.trim().split("\\s+")));
        }
        cmd.addAll(jvmOptions);
        cmd.addAll(mainArgs);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits (at most 3 minutes) for the ports file the gateway writes once it serves; returns name to port. */
    static Map<String, Integer> awaitPorts(Process p, Path data, Path log) throws Exception {
        Path file = data.resolve("stackbridge.ports");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (!Files.exists(file)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroy();
                // the log may be deleted with the bench's files: show why here
                if (Files.exists(log)) {
                    List<String> lines = Files.readAllLines(log);
                    lines.subList(Math.max(0, lines.size() - 20), lines.size()).forEach(System.err::println);
                }
                throw new IllegalStateException("gateway did not start; see " + log);
            }
            try {
                p.onExit().get(200, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException stillRunning) {
                // keep waiting for the ports file
            }
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        }
        Map<String, Integer> ports = new LinkedHashMap<>();
        props.forEach((k, v) -> ports.put((String) k, Integer.parseInt((String) v)));
        return ports;
    }

    /** Deletes a directory tree; the benches' databases grow by gigabytes and must not stay behind. */
    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e.getMessage());
        }
    }
}
