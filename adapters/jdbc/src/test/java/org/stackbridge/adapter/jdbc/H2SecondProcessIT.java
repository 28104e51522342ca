package org.stackbridge.adapter.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Why two gateway processes cannot share the embedded database: H2 locks the file, so a second JVM is
 * refused while the first has it open, and may open it once the first has closed it.
 */
class H2SecondProcessIT {

    @TempDir
    Path dataDir;

    @Test
    void aSecondProcessIsRefusedWhileTheFirstHasTheFileOpen() throws Exception {
        try (JdbcStorage first = JdbcStorage.open(JdbcSettings.embedded(dataDir))) {
            first.write(tx -> tx.patrons().page(0, 1)).get(30, TimeUnit.SECONDS);
            Probe probe = probe();
            assertEquals(H2OpenProbe.IN_USE, probe.exit, probe.output);
        }
        Probe after = probe();
        assertEquals(H2OpenProbe.OPENED, after.exit, after.output);
    }

    private record Probe(int exit, String output) {
    }

    private Probe probe() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), H2OpenProbe.class.getName(),
                dataDir.toString())).redirectErrorStream(true).start();
        boolean done = p.waitFor(60, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        assertTrue(done, "probe JVM did not finish");
        return new Probe(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
