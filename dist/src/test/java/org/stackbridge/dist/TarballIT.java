package org.stackbridge.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built {@code stackbridge-VERSION.tar.gz}, unpacked into an empty folder, runs with nothing but a Java runtime:
 * no Maven, no sources. {@code serve} answers {@code /health} and stops on SIGTERM.
 */
@Timeout(300)
class TarballIT {

    /** How a JVM ends on SIGTERM after its shutdown hooks ran (128 + 15); documented in the README and the unit. */
    private static final int EXIT_ON_SIGTERM = 143;

    private static final String VERSION = System.getProperty("stackbridge.version");
    private static final Path TARBALL = Path.of(System.getProperty("stackbridge.tarball"));

    @TempDir
    Path dir;

    private Path home;
    private Process serve;

    @BeforeEach
    void unpack() throws Exception {
        Process tar = new ProcessBuilder("tar", "-xzf", TARBALL.toString(), "-C", dir.toString()).inheritIO().start();
        assertTrue(tar.waitFor(120, TimeUnit.SECONDS), "tar finished");
        assertEquals(0, tar.exitValue());
        home = dir.resolve("stackbridge-" + VERSION);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (serve != null && serve.isAlive()) {
            serve.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void tarballHasTheInstallLayout() throws IOException {
        assertTrue(Files.isExecutable(home.resolve("bin/stackbridge")), "bin/stackbridge is executable");
        assertTrue(Files.isRegularFile(home.resolve("conf/stackbridge.yaml")));
        assertTrue(Files.isRegularFile(home.resolve("conf/logback.xml")));
        assertTrue(Files.isRegularFile(home.resolve("LICENSE")));
        assertTrue(Files.readString(home.resolve("LICENSE")).contains("Apache License"));
        assertTrue(Files.isRegularFile(home.resolve("docs/README.md")));
        try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
            List<String> jars = lib.map(p -> p.getFileName().toString()).toList();
            assertTrue(jars.contains("stackbridge-gateway-" + VERSION + ".jar"), jars.toString());
            assertTrue(jars.stream().anyMatch(j -> j.startsWith("camel-main-")), jars.toString());
            assertTrue(jars.stream().noneMatch(j -> j.startsWith("junit-")), "no test libraries: " + jars);
        }
        assertTrue(Files.notExists(home.resolve("pom.xml")) && Files.notExists(home.resolve("mvnw")), "no build files");
    }

    @Test
    void servesHealthAndStopsOnSigterm() throws Exception {
        Path data = dir.resolve("data");
        serve = launch(dir.resolve("serve.log"), "serve", "--data", data.toString(), "--set", "listeners.http-port=0",
                "--set", "listeners.sip2-port=0", "--set", "listeners.z3950-port=0");
        int http = awaitHttpPort(data, dir.resolve("serve.log"));

        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/health"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(health.body().contains("\"status\":\"UP\""), health.body());
        assertTrue(health.body().contains("\"libraries\":0"), "the shipped configuration's samples are comments: " + health.body());
        assertTrue(health.body().contains("\"version\":\"" + VERSION + "\""), health.body());

        serve.destroy(); // SIGTERM
        assertTrue(serve.waitFor(60, TimeUnit.SECONDS), "stopped within 60 s of SIGTERM\n" + log(dir.resolve("serve.log")));
        assertEquals(EXIT_ON_SIGTERM, serve.exitValue(), log(dir.resolve("serve.log")));
    }

    @Test
    void versionNamesTheReleaseAndTheBuild() throws Exception {
        Path log = dir.resolve("version.log");
        Process version = launch(log, "--version");
        assertTrue(version.waitFor(120, TimeUnit.SECONDS), "finished");
        assertEquals(0, version.exitValue(), log(log));
        assertTrue(log(log).strip().matches("stackbridge " + java.util.regex.Pattern.quote(VERSION)
                + " \\(commit ([0-9a-f]{12}|unknown), built \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\)"), log(log));
    }

    /** Runs {@code bin/stackbridge} with a PATH holding only this JVM's {@code java} and the system tools. */
    Process launch(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/stackbridge").toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        pb.environment().put("PATH", java.getParent() + ":/usr/bin:/bin");
        pb.environment().put("STACKBRIDGE_HEAP", "256m");
        pb.environment().remove("STACKBRIDGE_JAVA_OPTS");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        return pb.start();
    }

    /** Polls the ports file the gateway writes once every listener is bound; fails if the process ends first. */
    private int awaitHttpPort(Path data, Path log) throws Exception {
        Path ports = data.resolve("stackbridge.ports");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
        while (System.nanoTime() < deadline) {
            assertTrue(serve.isAlive(), () -> "serve ended early with " + serve.exitValue() + "\n" + log(log));
            if (Files.isRegularFile(ports)) {
                Properties p = new Properties();
                try (var in = Files.newInputStream(ports)) {
                    p.load(in);
                }
                return Integer.parseInt(p.getProperty("http"));
            }
            serve.waitFor(200, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("no " + ports + " within 150 s\n" + log(log));
    }

    static String log(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
