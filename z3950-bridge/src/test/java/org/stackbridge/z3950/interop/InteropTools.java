package org.stackbridge.z3950.interop;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The one gate for tests that run outside tools (yaz-client, zoomsh, zebrasrv, zebraidx from the Debian packages
 * {@code yaz} and {@code idzebra-2.0}): a missing tool skips the test, unless interoperability is required - system
 * property {@value #REQUIRE_PROPERTY} or environment variable {@value #REQUIRE_ENV} set to {@code true} (CI exports
 * the variable) - in which case the test fails. Shared with the gateway tests through this module's test-jar.
 */
public final class InteropTools {

    public static final String REQUIRE_PROPERTY = "stackbridge.requireInterop";
    public static final String REQUIRE_ENV = "STACKBRIDGE_REQUIRE_INTEROP";

    private InteropTools() {
    }

    /** True when a missing tool must fail the test instead of skipping it. */
    public static boolean required() {
        return "true".equalsIgnoreCase(System.getProperty(REQUIRE_PROPERTY)) || "true".equalsIgnoreCase(System.getenv(REQUIRE_ENV));
    }

    /** True when {@code program} is an executable on the PATH. */
    public static boolean installed(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** Skips (or, when required, fails) the calling test unless every program is installed. */
    public static void requireTools(String... programs) {
        List<String> missing = Arrays.stream(programs).filter(p -> !installed(p)).toList();
        requireThat(missing.isEmpty(), "not installed: " + String.join(", ", missing)
                + " (apt-get install -y yaz idzebra-2.0)");
    }

    /** Runs a command-line client (yaz-client, zoomsh) with {@code stdin} (may be null), waiting at most 120 s; its output. */
    public static String run(List<String> command, String stdin) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timeout: " + command);
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** Skips (or, when required, fails) the calling test unless {@code condition} holds. */
    public static void requireThat(boolean condition, String whatIsMissing) {
        if (condition) {
            return;
        }
        if (required()) {
            fail(whatIsMissing + "; interoperability tests are required (" + REQUIRE_PROPERTY + " / " + REQUIRE_ENV + ")");
        }
        Assumptions.abort(whatIsMissing + "; skipping (set " + REQUIRE_ENV + "=true to fail instead)");
    }
}
