package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.stackbridge.z3950.interop.InteropTools;

/**
 * Index Data's Zebra over the sample MARC file (src/test/resources/marc/01-zebra-sample.utf8.mrc) with the DOM
 * configuration in src/test/resources/zebra, on a free loopback port. {@link #start} skips the calling test (JUnit
 * assumption) with a clear message when Zebra is not installed, and fails it when interoperability is required
 * ({@link InteropTools}).
 */
public final class ZebraServer implements AutoCloseable {

    private final Process process;
    private final int port;

    private ZebraServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public int port() {
        return port;
    }

    public static boolean installed(String program) {
        return InteropTools.installed(program);
    }

    public static ZebraServer start(Path dir) throws Exception {
        return start(dir, Path.of("src/test/resources/marc/01-zebra-sample.utf8.mrc"));
    }

    /** Zebra over {@code records} (a MARC file) instead of the sample file. */
    public static ZebraServer start(Path dir, Path records) throws Exception {
        InteropTools.requireTools("zebrasrv", "zebraidx");
        Path modules = null;
        for (String d : List.of("/usr/lib/x86_64-linux-gnu/idzebra-2.0/modules", "/usr/lib/aarch64-linux-gnu/idzebra-2.0/modules",
                "/usr/lib/idzebra-2.0/modules", "/usr/lib64/idzebra-2.0/modules")) {
            if (Files.exists(Path.of(d, "mod-dom.so"))) {
                modules = Path.of(d);
            }
        }
        InteropTools.requireThat(modules != null, "Zebra DOM filter (mod-dom.so) not found");
        Files.createDirectories(dir);
        for (String f : List.of("dom-config.xml", "bib1-index.xsl", "identity.xsl", "marc2opacxml.xsl", "marc-brief.xsl",
                "marc2sutrs.xsl", "cql2pqf.properties")) {
            Files.writeString(dir.resolve(f), resource("/zebra/" + f));
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("zebra.cfg"), resource("/zebra/zebra.cfg").replaceAll("(?m)^modulePath:.*$", "modulePath: " + modules));
        Files.writeString(dir.resolve("yazgfs.xml"), resource("/zebra/yazgfs.xml").replaceAll("<listen id=\"public\">[^<]*</listen>",
                "<listen id=\"public\">tcp:127.0.0.1:" + port + "</listen>"));
        Files.copy(records, dir.resolve("catalog.mrc"));
        Files.createDirectories(dir.resolve("db"));
        for (List<String> cmd : List.of(List.of("zebraidx", "-c", "zebra.cfg", "init"),
                List.of("zebraidx", "-c", "zebra.cfg", "update", "catalog.mrc"), List.of("zebraidx", "-c", "zebra.cfg", "commit"))) {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("zebraidx.log").toFile()).start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, "zebraidx failed: " + cmd);
        }
        Process zebra = new ProcessBuilder("zebrasrv", "-f", "yazgfs.xml", "-l", "zebrasrv.log", "-v", "fatal,warn")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("zebrasrv.out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                break;
            } catch (IOException e) {
                assertTrue(zebra.isAlive() && System.nanoTime() < deadline, "zebrasrv did not start listening");
                // polling with a deadline: the server gives no other readiness signal
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
        return new ZebraServer(zebra, port);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ZebraServer.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
