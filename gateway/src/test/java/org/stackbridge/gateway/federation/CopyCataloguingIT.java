package org.stackbridge.gateway.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.port.TransactionRunner;
import org.stackbridge.gateway.Gateway;
import org.stackbridge.gateway.Storage;
import org.stackbridge.gateway.cli.CliRun;
import org.stackbridge.gateway.config.ConfigLoader;
import org.stackbridge.gateway.config.GatewayConfig;
import org.stackbridge.gateway.importer.MarcImporter;
import org.stackbridge.gateway.importer.Progress;

/**
 * {@code stackbridge import z3950} against a second Stackbridge instance (Z39.50 and SRU on its port) holding the
 * sample MARC file, and against a closed port.
 */
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CopyCataloguingIT {

    @TempDir
    static Path dir;
    Gateway remote;
    Path localConf;
    Path localData;

    @BeforeAll
    void startRemote() throws Exception {
        Path remoteData = dir.resolve("remote");
        ConfigLoader.Loaded loaded = new ConfigLoader().load(Path.of("..", "conf", "stackbridge.yaml"), Map.of(),
                List.of("data-dir=" + remoteData, "listeners.http-port=0", "listeners.sip2-port=0", "listeners.z3950-port=0"));
        try (TransactionRunner storage = Storage.open(loaded.config(), remoteData)) {
            var report = new MarcImporter(storage, bib -> { }).run(Path.of("src/test/resources/marc/01-zebra-sample.utf8.mrc"),
                    new Progress(System.err, false, 100, "records"));
            assertEquals(0, report.rejectedCount(), report.summary());
        }
        remote = new Gateway(loaded, Clock.fixed(Instant.parse("2026-11-02T10:00:00Z"), ZoneOffset.UTC)).start();
        int port = remote.z3950().port();
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        localData = dir.resolve("local");
        localConf = dir.resolve("local.yaml");
        Files.writeString(localConf, String.join("\n",
                "data-dir: " + localData,
                "federation:",
                "  targets:",
                "    neighbour: {type: z3950, host: 127.0.0.1, port: " + port + ", database: Default, timeout-seconds: 5}",
                "    neighbour-sru: {type: sru, url: \"http://127.0.0.1:" + port + "/Default\", timeout-seconds: 5}",
                "    dead: {type: z3950, host: 127.0.0.1, port: " + dead + ", timeout-seconds: 2}",
                ""));
    }

    @AfterAll
    void stopRemote() {
        if (remote != null) {
            remote.close();
        }
    }

    private CliRun cli(String... args) {
        List<String> all = new ArrayList<>(List.of("import", "z3950", "--config", localConf.toString()));
        all.addAll(List.of(args));
        return run(all);
    }

    private CliRun run(List<String> all) {
        CliRun r = CliRun.run("", all.toArray(String[]::new));
        System.out.println(all + " -> " + r);
        return r;
    }

    private Optional<BibRecord> local(String controlNumber) throws Exception {
        ConfigLoader.Loaded loaded = new ConfigLoader().load(localConf, Map.of(), List.of());
        GatewayConfig cfg = loaded.config();
        try (TransactionRunner storage = Storage.open(cfg, localData)) {
            return storage.read(tx -> tx.bibs().byControlNumber(controlNumber)).get();
        }
    }

    @Test
    void copiesByIsbnOverZ3950ThenRefusesTheDuplicate() throws Exception {
        CliRun r = cli("--target", "neighbour", "--isbn", "1-56282-754-5", "--yes");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("001    ACD-3792"), r.out());
        assertTrue(r.out().contains("The late shift"), r.out());
        assertTrue(r.out().contains("1 added"), r.out());
        assertTrue(r.out().contains("catalogue index: 1 records"), r.out());
        BibRecord bib = local("ACD-3792").orElseThrow();
        assertEquals("1562827545", bib.isbn());

        CliRun again = cli("--target", "neighbour", "--isbn", "1562827545", "--yes");
        assertEquals(10, again.code(), again.toString());
        assertTrue(again.err().contains("duplicate: 001 ACD-3792 is already bib ACD-3792"), again.err());
    }

    @Test
    void copiesByIsbnOverSru() throws Exception {
        CliRun r = cli("--target", "neighbour-sru", "--isbn", "0879832355", "--yes");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("Four psalms"), r.out());
        assertTrue(local("80082329").map(BibRecord::title).orElseThrow().startsWith("Four psalms"));
    }

    @Test
    void deadTargetIsAClearError() {
        CliRun r = cli("--target", "dead", "--isbn", "1562827545", "--yes");
        assertEquals(7, r.code(), r.toString());
        assertTrue(r.err().contains("target dead (127.0.0.1:"), r.err());
        assertTrue(r.err().contains("unreachable"), r.err());
    }

    @Test
    void nothingFoundBadCheckDigitUnknownTarget() {
        CliRun none = cli("--target", "neighbour", "--isbn", "0306406152", "--yes");
        assertEquals(8, none.code(), none.toString());
        assertTrue(none.err().contains("no record for isbn 0306406152 at neighbour (0 hits)"), none.err());

        CliRun bad = cli("--target", "neighbour", "--isbn", "1562827546", "--yes");
        assertEquals(2, bad.code(), bad.toString());
        assertTrue(bad.err().contains("not a valid ISBN"), bad.err());

        CliRun unknown = cli("--target", "nowhere", "--isbn", "1562827545", "--yes");
        assertEquals(2, unknown.code(), unknown.toString());
        assertTrue(unknown.err().contains("no target 'nowhere'"), unknown.err());
        assertTrue(unknown.err().contains("dead, neighbour, neighbour-sru"), unknown.err());
    }

    @Test
    void withoutYesAndWithoutAConsoleNothingIsAdded() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.console() == null, "tests run on a terminal");
        CliRun r = cli("--target", "neighbour", "--title", "Deuteronomy");
        assertEquals(11, r.code(), r.toString());
        assertTrue(r.out().contains("Deuteronomy"), r.out());
        assertTrue(r.err().contains("add --yes"), r.err());
        assertFalse(local("70001070").isPresent());
    }

    @Test
    void federatedSearchFromTheCommandLineTagsSourcesAndReportsTheDeadTarget() {
        CliRun r = run(List.of("search", "--config", localConf.toString(), "--federated", "1562827545", "--index", "isbn"));
        assertEquals(5, r.code(), r.toString());
        assertTrue(r.out().contains("2 hit(s): {neighbour=1, neighbour-sru=1}"), r.out());
        assertTrue(r.out().contains("[neighbour] ACD-3792 | The late shift"), r.out());
        assertTrue(r.out().contains("[neighbour-sru] ACD-3792 | The late shift"), r.out());
        assertTrue(r.err().contains("diagnostic: target dead unavailable: target dead (127.0.0.1:"), r.err());
    }
}
