package org.stackbridge.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * {@code stackbridge ARGS} in a JVM of its own on the test classpath, as {@code bin/stackbridge} would run it; the
 * output goes to a log file. {@link #close()} kills it if it still runs.
 */
final class ServeProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ServeProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ServeProcess start(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "org.stackbridge.gateway.cli.StackbridgeCli"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ServeProcess(p, log);
    }

    Process process() {
        return process;
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** The bound ports from {@code DATA/stackbridge.ports}, once the gateway has written it; fails if it exits first. */
    Map<String, Integer> awaitPorts(Path dataDir, Duration timeout) throws Exception {
        Path file = dataDir.resolve("stackbridge.ports");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(file)) {
            if (!process.isAlive()) {
                throw new AssertionError("gateway exited with " + process.exitValue() + ": " + log());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gateway did not start within " + timeout + ": " + log());
            }
            process.waitFor(100, TimeUnit.MILLISECONDS); // wakes early if the process dies
        }
        Properties props = new Properties();
        try (var in = Files.newInputStream(file)) {
            props.load(in);
        }
        Map<String, Integer> ports = new HashMap<>();
        props.forEach((k, v) -> ports.put((String) k, Integer.parseInt((String) v)));
        return ports;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
