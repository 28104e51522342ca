package org.stackbridge.gateway.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.marc4j.MarcStreamWriter;
import org.marc4j.marc.MarcFactory;
import org.marc4j.marc.Record;
import org.stackbridge.core.port.TransactionRunner;
import org.stackbridge.gateway.Gateway;
import org.stackbridge.gateway.Storage;
import org.stackbridge.gateway.config.ConfigLoader;

/**
 * A record imported without 001 is served as it was catalogued: the engine's generated key stays internal, so a
 * cataloguer copying the record over SRU/Z39.50 does not import a control number that means nothing elsewhere.
 */
@Timeout(120)
class MarcWithout001IT {

    @TempDir
    Path dir;

    @Test
    void aRecordWithout001IsServedWithout001AndReimportChangesNothing() throws Exception {
        MarcFactory f = MarcFactory.newInstance();
        Record r = f.newRecord("00000nam a2200000 a 4500");
        r.addVariableField(f.newControlField("008", "000000s2001    xx            000 0 eng d"));
        r.addVariableField(f.newDataField("245", '0', '0', "a", "Quixotic zymurgy handbook"));
        Path file = dir.resolve("no001.mrc");
        try (OutputStream out = Files.newOutputStream(file)) {
            MarcStreamWriter w = new MarcStreamWriter(out, "UTF8");
            w.write(r);
            w.close();
        }
        ConfigLoader.Loaded loaded = new ConfigLoader().load(Path.of("..", "conf", "stackbridge.yaml"), Map.of(),
                List.of("data-dir=" + dir.resolve("data"), "listeners.http-port=0", "listeners.sip2-port=0", "listeners.z3950-port=0"));
        try (TransactionRunner storage = Storage.open(loaded.config(), dir.resolve("data"))) {
            for (int run = 0; run < 2; run++) {
                new MarcImporter(storage, bib -> { }).run(file, new Progress(System.err, false, 100, "records"));
            }
            List<String> titles = storage.read(tx -> tx.bibs().page(0, 100).stream().map(b -> b.title() + " [" + b.controlNumber() + "]")
                    .filter(t -> t.contains("zymurgy")).toList()).get(30, TimeUnit.SECONDS);
            assertEquals(1, titles.size(), "the re-import finds the record by its internal key: " + titles);
        }
        try (Gateway g = new Gateway(loaded, Clock.fixed(Instant.parse("2026-11-02T10:00:00Z"), ZoneOffset.UTC)).start()) {
            HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + g.z3950().port() + "/Default?version=1.2&operation=searchRetrieve&query=dc.title%3Dzymurgy&recordSchema=marcxml"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(res.body().contains("<zs:numberOfRecords>1</zs:numberOfRecords>"), res.body());
            assertTrue(res.body().contains("Quixotic zymurgy handbook"), res.body());
            assertFalse(res.body().contains("tag=\"001\""), res.body());
        }
    }
}
