package org.stackbridge.z3950;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.z3950.interop.InteropTools;
import org.junit.jupiter.api.Timeout;

/**
 * Runs Index Data Zebra (Debian package idzebra-2.0) on the same corpus with the reference configuration
 * and compares hit counts (64 queries) and diagnostics with our target, query by query, through zoomsh.
 * Skipped with a message when Zebra or YAZ is not installed; fails instead when interoperability is required
 * ({@link InteropTools}).
 */
@Timeout(180)
class ZebraHitCountIT {

    @TempDir
    static Path dir;
    private static Process zebra;
    private static int zebraPort;
    private static Z3950ServerFixture ours;

    @BeforeAll
    static void start() throws Exception {
        InteropTools.requireTools("zebrasrv", "zebraidx", "zoomsh");
        Path modules = null;
        for (String d : List.of("/usr/lib/x86_64-linux-gnu/idzebra-2.0/modules", "/usr/lib/aarch64-linux-gnu/idzebra-2.0/modules",
                "/usr/lib/idzebra-2.0/modules", "/usr/lib64/idzebra-2.0/modules")) {
            if (Files.exists(Path.of(d, "mod-dom.so"))) {
                modules = Path.of(d);
            }
        }
        InteropTools.requireThat(modules != null, "Zebra DOM filter (mod-dom.so) not found");
        for (String f : List.of("dom-config.xml", "bib1-index.xsl", "identity.xsl", "marc2opacxml.xsl", "marc-brief.xsl",
                "marc2sutrs.xsl", "cql2pqf.properties")) {
            copy("/zebra/" + f, dir.resolve(f));
        }
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            zebraPort = s.getLocalPort();
        }
        String cfg = resource("/zebra/zebra.cfg").replaceAll("(?m)^modulePath:.*$", "modulePath: " + modules);
        Files.writeString(dir.resolve("zebra.cfg"), cfg);
        String gfs = resource("/zebra/yazgfs.xml").replaceAll("<listen id=\"public\">[^<]*</listen>",
                "<listen id=\"public\">tcp:127.0.0.1:" + zebraPort + "</listen>");
        Files.writeString(dir.resolve("yazgfs.xml"), gfs);
        copy("/marc/catalog.mrc", dir.resolve("catalog.mrc"));
        Files.createDirectories(dir.resolve("db"));
        for (List<String> cmd : List.of(List.of("zebraidx", "-c", "zebra.cfg", "init"),
                List.of("zebraidx", "-c", "zebra.cfg", "update", "catalog.mrc"), List.of("zebraidx", "-c", "zebra.cfg", "commit"))) {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("zebraidx.log").toFile()).start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, "zebraidx failed: " + cmd);
        }
        zebra = new ProcessBuilder("zebrasrv", "-f", "yazgfs.xml", "-l", "zebrasrv.log", "-v", "fatal,warn")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("zebrasrv.out").toFile()).start();
        awaitPort(zebraPort);
        ours = new Z3950ServerFixture();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (zebra != null) {
            zebra.destroy();
            if (!zebra.waitFor(10, TimeUnit.SECONDS)) {
                zebra.destroyForcibly();
            }
        }
        if (ours != null) {
            ours.close();
        }
    }

    private static void awaitPort(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                assertTrue(zebra.isAlive(), "zebrasrv exited");
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
        throw new AssertionError("zebrasrv did not listen on " + port);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ZebraHitCountIT.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void copy(String name, Path to) throws IOException {
        try (InputStream in = ZebraHitCountIT.class.getResourceAsStream(name)) {
            Files.copy(in, to);
        }
    }

    /** zoomsh output per query: "N hits" or "error (Bib-1:C) addinfo". */
    private static List<String> run(String target, List<String> queries) throws Exception {
        List<String> args = new ArrayList<>(List.of("zoomsh", "connect " + target));
        for (String q : queries) {
            args.add("search " + q);
        }
        args.add("quit");
        String out = YazTool.run(args, null);
        List<String> res = new ArrayList<>();
        Pattern hits = Pattern.compile(": (\\d+) hits");
        Pattern err = Pattern.compile("error: .*\\(Bib-1:(\\d+)\\) ?(.*)");
        for (String line : out.split("\n")) {
            Matcher h = hits.matcher(line);
            Matcher e = err.matcher(line);
            if (h.find()) {
                res.add(h.group(1) + " hits");
            } else if (e.find()) {
                res.add("diagnostic " + e.group(1) + (e.group(2).isBlank() ? "" : " " + e.group(2).strip()));
            }
        }
        return res;
    }

    private static List<String> queries(String resource) throws IOException {
        return resource(resource).lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }

    @Test
    void hitCountsEqualZebraOnAtLeastFortyQueries() throws Exception {
        List<String> qs = queries("/hitcount-queries.pqf");
        assertTrue(qs.size() >= 40);
        List<String> z = run("127.0.0.1:" + zebraPort + "/Default", qs);
        List<String> o = run(ours.target(), qs);
        assertEquals(qs.size(), z.size(), "zebra answered " + z);
        assertEquals(qs.size(), o.size(), "we answered " + o);
        List<String> diffs = new ArrayList<>();
        for (int i = 0; i < qs.size(); i++) {
            if (!z.get(i).equals(o.get(i))) {
                diffs.add(qs.get(i) + ": zebra " + z.get(i) + ", stackbridge " + o.get(i));
            }
        }
        assertEquals(List.of(), diffs);
    }

    @Test
    void diagnosticsEqualZebra() throws Exception {
        List<String> qs = List.of("@attr 1=9999 x", "@attr 1=4 @attr 2=99 x", "@attr 1=4 @attr 3=99 x", "@attr 1=4 @attr 5=99 x",
                "@attr 7=1 x", "@attr gils 1=2000 x", "@attr 1=0 x", "@attr 1=0 @attr 2=103 x",
                "@prox 0 1 1 2 k 1 @attr 1=4 pride @attr 1=4 prejudice", "@prox 0 1 1 2 k 3 @attr 1=4 pride @attr 1=4 prejudice",
                "@prox 0 1 1 2 p 2 @attr 1=4 pride @attr 1=4 prejudice");
        List<String> z = run("127.0.0.1:" + zebraPort + "/Default", qs);
        List<String> o = run(ours.target(), qs);
        assertEquals(qs.size(), z.size(), "zebra answered " + z);
        for (int i = 0; i < qs.size(); i++) {
            // same Bib-1 condition; addinfo wording may differ
            assertEquals(z.get(i).split(" ")[1], o.get(i).split(" ")[1], qs.get(i) + ": zebra " + z.get(i) + ", ours " + o.get(i));
        }
    }
}
