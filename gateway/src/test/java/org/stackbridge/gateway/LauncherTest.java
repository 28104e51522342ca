package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/stackbridge} bounds the heap and exits on an out-of-memory error. The launcher runs for real, with a
 * stand-in {@code java} first on the PATH that prints the arguments it was given.
 */
@Timeout(30)
class LauncherTest {

    @TempDir
    Path dir;

    @Test
    void defaultsToAOneGigabyteHeapAndExitOnOutOfMemory() throws Exception {
        List<String> args = launch(Map.of());
        assertTrue(args.contains("-Xmx1g"), args.toString());
        assertTrue(args.contains("-XX:+ExitOnOutOfMemoryError"), args.toString());
    }

    @Test
    void heapIsSetByStackbridgeHeap() throws Exception {
        List<String> args = launch(Map.of("STACKBRIDGE_HEAP", "3g"));
        assertTrue(args.contains("-Xmx3g"), args.toString());
    }

    @Test
    void anXmxInTheJavaOptionsWins() throws Exception {
        List<String> args = launch(Map.of("STACKBRIDGE_JAVA_OPTS", "-Xmx5g"));
        assertEquals(1, args.stream().filter(a -> a.startsWith("-Xmx")).count(), args.toString());
        assertTrue(args.contains("-Xmx5g"), args.toString());
    }

    @Test
    void inAnUnpackedDistributionItRunsLibAndNeverBuilds() throws Exception {
        Path home = dir.resolve("stackbridge-1.0");
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("lib"));
        Files.copy(Path.of("../bin/stackbridge"), home.resolve("bin/stackbridge"));
        List<String> args = launch(home.resolve("bin/stackbridge"), Map.of("STACKBRIDGE_SKIP_BUILD", "0"));
        int cp = args.indexOf("-cp");
        assertEquals(home.toRealPath() + "/lib/*", args.get(cp + 1), args.toString());
        assertTrue(args.stream().noneMatch(a -> a.contains("building")), args.toString());
        assertTrue(args.contains("-Xmx1g") && args.contains("-XX:+ExitOnOutOfMemoryError"), args.toString());
    }

    private List<String> launch(Map<String, String> env) throws IOException, InterruptedException {
        return launch(Path.of("../bin/stackbridge").toAbsolutePath(), env);
    }

    private List<String> launch(Path launcher, Map<String, String> env) throws IOException, InterruptedException {
        Path java = dir.resolve("java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder pb = new ProcessBuilder("bash", launcher.toString(), "--version")
                .redirectErrorStream(true);
        pb.environment().put("PATH", dir + ":" + System.getenv("PATH"));
        pb.environment().put("STACKBRIDGE_SKIP_BUILD", "1");
        pb.environment().remove("STACKBRIDGE_JAVA_OPTS");
        pb.environment().remove("STACKBRIDGE_HEAP");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "launcher finished");
        assertEquals(0, p.exitValue(), out);
        return out.lines().toList();
    }
}
