package org.stackbridge.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.ill.IllCommands;
import org.stackbridge.core.ill.IllViews;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.CirculationEvent;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.IllState;
import org.stackbridge.core.model.StaffAccount;
import org.stackbridge.core.port.ImportJobs;
import org.stackbridge.core.port.TransactionRunner;
import org.stackbridge.gateway.Gateway;
import org.stackbridge.gateway.Storage;
import org.stackbridge.gateway.config.ConfigLoader;
import org.stackbridge.gateway.control.ControlEndpoint;
import org.stackbridge.gateway.control.ControlFile;
import org.stackbridge.gateway.importer.MarcImporter;
import org.stackbridge.gateway.importer.Progress;
import org.stackbridge.sip2.client.Sip2Client;
import org.stackbridge.sip2.client.Sip2Requests;
import org.stackbridge.sip2.spec.FieldCode;
import org.stackbridge.sip2.spec.FixedField;

/**
 * Every command that writes works while the gateway runs on the embedded H2 database (which only one process may
 * open): the command line finds the gateway by its control file and the gateway runs the command on its own storage,
 * so the change is seen at once (a kiosk logs in with a terminal account just added, a patron just imported borrows).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CliWithRunningGatewayIT {

    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");

    @TempDir
    static Path dir;
    Path config;
    Path data;
    Gateway gateway;
    Gateway remote;
    final Sip2Requests rq = new Sip2Requests(Clock.fixed(T0, ZoneOffset.UTC), "MAIN");

    @BeforeAll
    void start() throws Exception {
        Path remoteData = dir.resolve("remote");
        ConfigLoader.Loaded remoteConfig = new ConfigLoader().load(null, Map.of(),
                List.of("data-dir=" + remoteData, "listeners.http-port=0", "listeners.sip2-port=0", "listeners.z3950-port=0"));
        // a record of its own on the remote, so no local import in these tests has it already
        org.marc4j.marc.MarcFactory marc = org.marc4j.marc.MarcFactory.newInstance();
        org.marc4j.marc.Record own = marc.newRecord("00000nam a2200000 a 4500");
        own.addVariableField(marc.newControlField("001", "CLIZ-0001"));
        org.marc4j.marc.DataField isbn = marc.newDataField("020", ' ', ' ');
        isbn.addSubfield(marc.newSubfield('a', "9780306406157"));
        own.addVariableField(isbn);
        org.marc4j.marc.DataField title = marc.newDataField("245", '1', '0');
        title.addSubfield(marc.newSubfield('a', "Copied while the gateway runs /"));
        own.addVariableField(title);
        Path ownFile = dir.resolve("own.mrc");
        try (var out = Files.newOutputStream(ownFile)) {
            org.marc4j.MarcStreamWriter w = new org.marc4j.MarcStreamWriter(out, "UTF8");
            w.write(own);
            w.close();
        }
        try (TransactionRunner storage = Storage.open(remoteConfig.config(), remoteData)) {
            new MarcImporter(storage, bib -> { }).run(ownFile, new Progress(System.err, false, 100, "records"));
        }
        remote = new Gateway(remoteConfig, Clock.fixed(T0, ZoneOffset.UTC)).start();

        data = dir.resolve("data");
        config = dir.resolve("stackbridge.yaml");
        Files.writeString(config, String.join("\n",
                "data-dir: " + data,
                "listeners: {http-port: 0, sip2-port: 0, z3950-port: 0}",
                "security: {hash-iterations: 1000}",
                "libraries:",
                "  - {code: MAIN, name: Main Library}",
                "sip2-accounts:",
                "  - {login: kiosk, password-hash: \"" + new org.stackbridge.core.security.SecretHasher(1_000).hash("kiosk")
                        + "\", institution: MAIN}",
                "policies:",
                "  - {library: '*', category: '*', item-type: '*', loan-period: 21, max-loans: 0, closed-days: keep}",
                "engine: {maintenance-minutes: 0}",
                "federation:",
                "  targets:",
                "    neighbour: {type: z3950, host: 127.0.0.1, port: " + remote.z3950().port() + ", database: Default, timeout-seconds: 5}",
                ""));
        ConfigLoader.Loaded loaded = new ConfigLoader().load(config, Map.of(), List.of());
        Gateway g = new Gateway(loaded, Clock.fixed(T0, ZoneOffset.UTC));
        gateway = g.withCommands(StackbridgeCli.hostedRunner(g)).start();
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (remote != null) {
            remote.close();
        }
    }

    private CliRun cli(String stdin, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--config");
        all.add(config.toString());
        CliRun r = CliRun.run(stdin, all.toArray(String[]::new));
        assertFalse(r.err().contains("in use by another process"), r.toString());
        return r;
    }

    private Path file(String name, String content) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return f;
    }

    private List<CirculationEvent> events() {
        return gateway.storage().read(tx -> tx.events().between(T0.minusSeconds(60), T0.plusSeconds(60), 10_000)).join();
    }

    @Test
    void theControlFileIsTheOwnersOnlyAndTheEndpointIgnoresAWrongToken() throws Exception {
        Path file = ControlFile.path(data);
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), Files.getPosixFilePermissions(file));
        ControlFile control = ControlFile.read(data).orElseThrow();
        assertEquals(gateway.httpPort(), control.port());
        HttpClient http = HttpClient.newHttpClient();
        URI ping = URI.create("http://127.0.0.1:" + gateway.httpPort() + ControlEndpoint.VERSION + "/ping");
        assertEquals(404, http.send(HttpRequest.newBuilder(ping).header(ControlEndpoint.TOKEN_HEADER, "0".repeat(64)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(404, http.send(HttpRequest.newBuilder(ping).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(200, http.send(HttpRequest.newBuilder(ping).header(ControlEndpoint.TOKEN_HEADER, control.token()).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void accountAddTakesAProfileStoredThroughTheApiAndRefusesAnUnknownOne() throws Exception {
        gateway.storage().write(tx -> {
            tx.terminalProfiles().save(new org.stackbridge.core.model.TerminalProfile("stored", "{\"language\":\"002\"}"));
            return null;
        }).join();
        CliRun unknown = cli("s3cret\n", "account", "add", "--login", "kiosk8", "--password", "-", "--institution", "MAIN", "--profile", "nope");
        assertEquals(2, unknown.code(), unknown.toString());
        assertTrue(unknown.err().contains("unknown profile nope") && unknown.err().contains("stored"), unknown.err());
        CliRun stored = cli("s3cret\n", "account", "add", "--login", "kiosk8", "--password", "-", "--institution", "MAIN", "--profile", "stored");
        assertEquals(0, stored.code(), stored.toString());
        assertEquals("stored", gateway.storage().read(tx -> tx.accounts().find("kiosk8")).join().orElseThrow().profile());
    }

    @Test
    void libraryAndAccountAddAreSeenAtOnceAndAKioskLogsIn() throws Exception {
        CliRun lib = cli("", "library", "add", "WEST", "West Branch", "--institution", "MAIN");
        assertEquals(0, lib.code(), lib.toString());
        assertTrue(lib.out().contains("added library WEST (West Branch), institution MAIN"), lib.out());
        assertTrue(gateway.storage().read(tx -> tx.libraries().find("WEST")).join().isPresent());

        CliRun acc = cli("s3cret\n", "account", "add", "--login", "kiosk9", "--password", "-", "--institution", "MAIN");
        assertEquals(0, acc.code(), acc.toString());
        try (Sip2Client kiosk = Sip2Client.connect("127.0.0.1", gateway.sip2().port())) {
            assertEquals("1", kiosk.send(rq.login("kiosk9", "s3cret", "MAIN")).fixed(FixedField.OK));
        }
        CliRun list = cli("", "account", "list");
        assertEquals(0, list.code(), list.toString());
        assertTrue(list.out().contains("kiosk9\tMAIN\tdefault"), list.out());
    }

    @Test
    void staffAddPasswdAndDisableWorkWhileTheGatewayRuns() {
        assertEquals(0, cli("pw1\n", "staff", "add", "--login", "ops", "--password", "-", "--role", "admin").code());
        StaffAccount a = gateway.storage().read(tx -> tx.staff().find("ops")).join().orElseThrow();
        assertTrue(org.stackbridge.core.security.SecretHasher.verify("pw1", a.passwordHash()));
        assertEquals(0, cli("pw2\n", "staff", "passwd", "ops", "--password", "-").code());
        assertTrue(org.stackbridge.core.security.SecretHasher.verify("pw2",
                gateway.storage().read(tx -> tx.staff().find("ops")).join().orElseThrow().passwordHash()));
        CliRun disable = cli("", "staff", "disable", "ops");
        assertEquals(0, disable.code(), disable.toString());
        assertFalse(gateway.storage().read(tx -> tx.staff().find("ops")).join().orElseThrow().enabled());
        CliRun unknown = cli("", "staff", "disable", "nobody");
        assertEquals(2, unknown.code(), unknown.toString());
        assertTrue(unknown.err().contains("unknown staff account nobody"), unknown.err());
    }

    @Test
    void importPatronsRunsAsAJobOfTheGatewayAndTheKioskKnowsThePatronAtOnce() throws Exception {
        Path csv = file("patrons.csv", "barcode,pin,name,category,library\nCP1,2468,Cli Patron,ADULT,MAIN\nCP2,,Bad,WIZARD,MAIN\n");
        CliRun r = cli("", "import", "patrons", csv.toString());
        assertEquals(4, r.code(), r.toString());
        assertTrue(r.err().contains("queued in the running gateway"), r.err());
        assertTrue(r.err().contains(csv + ":line 3: unknown patron category 'WIZARD'"), r.err());
        assertTrue(r.out().contains(csv + ": 1 added, 0 updated, 1 rejected"), r.out());
        List<ImportJobs.Job> jobs = gateway.imports().recent(0, 100);
        assertTrue(jobs.stream().anyMatch(j -> csv.toString().equals(j.source()) && j.actor().equals(System.getProperty("user.name"))),
                jobs.toString());
        try (Sip2Client kiosk = Sip2Client.connect("127.0.0.1", gateway.sip2().port())) {
            assertEquals("1", kiosk.send(rq.login("kiosk", "kiosk", "MAIN")).fixed(FixedField.OK));
            assertEquals("Y", kiosk.send(rq.patronInformation("CP1", "2468", -1, null, null)).field(FieldCode.CQ));
        }
        CliRun clean = cli("", "import", "patrons", file("ok.csv", "barcode,name,category,library\nCP3,Three,ADULT,MAIN\n").toString());
        assertEquals(0, clean.code(), clean.toString());
    }

    @Test
    void marcAndItemImportsAndAnIndexRebuildWorkWhileTheGatewayRuns() throws Exception {
        // the demo catalogue, not the remote's sample corpus (the copy-cataloguing test takes a record from that)
        Path catalog = dir.resolve("catalog.mrc");
        try (var in = getClass().getResourceAsStream("/demo/catalog.mrc")) {
            Files.copy(in, catalog, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        CliRun marc = cli("", "import", "marc", catalog.toString());
        assertEquals(0, marc.code(), marc.toString());
        assertTrue(marc.out().contains("465 added"), marc.out());
        gateway.catalogue().flush();
        assertTrue(gateway.catalogue().index().count() >= 465, "the running gateway indexed the records");
        String control = gateway.storage().read(tx -> tx.bibs().page(0, 1)).join().get(0).controlNumber();
        CliRun items = cli("", "import", "items", file("items.csv", "barcode,bib_id,item_type,library\nCI1," + control + ",BOOK,MAIN\n").toString());
        assertEquals(0, items.code(), items.toString());
        assertTrue(gateway.storage().read(tx -> tx.items().byBarcode("CI1")).join().isPresent());
        CliRun rebuild = cli("", "index", "rebuild");
        assertEquals(0, rebuild.code(), rebuild.toString());
        assertTrue(rebuild.out().contains("indexed " + gateway.storage().read(tx -> tx.bibs().count()).join() + " records in "), rebuild.out());
    }

    @Test
    void copyCataloguingOverZ3950AddsToTheRunningGatewaysCatalogue() {
        CliRun r = cli("", "import", "z3950", "--target", "neighbour", "--isbn", "978-0-306-40615-7", "--yes");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("1 added"), r.out());
        assertTrue(r.out().contains("catalogue index:"), r.out());
        assertTrue(gateway.storage().read(tx -> tx.bibs().byControlNumber("CLIZ-0001")).join().isPresent());
        CliRun again = cli("", "import", "z3950", "--target", "neighbour", "--isbn", "9780306406157", "--yes");
        assertEquals(10, again.code(), again.toString());
    }

    @Test
    void illAdvanceGoesThroughTheGatewaysEngineInTheOperatorsName() {
        gateway.storage().write(tx -> tx.patrons().insert(new org.stackbridge.core.model.Patron(0, "ILLP", null, "Ill Reader", "ADULT",
                null, null, null, java.time.LocalDate.of(2099, 1, 1), "MAIN", false))).join();
        RequestContext partner = new RequestContext(Channel.NCIP, "reshare", "reshare", "MAIN", "MAIN", null, null);
        IllViews.IllRequestView req = gateway.port().execute(new IllCommands.RequestBorrowing(partner, "reshare", "cli-1", "ILLP",
                IllViews.Citation.of("Ubik"), "MAIN")).toCompletableFuture().join().value();
        CliRun r = cli("", "ill", "advance", String.valueOf(req.id()), "CANCELLED", "--note", "patron changed their mind");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("CANCELLED"), r.out());
        assertEquals(IllState.CANCELLED, gateway.storage().read(tx -> tx.ill().byId(req.id())).join().orElseThrow().state());
        assertTrue(events().stream().anyMatch(e -> e.type() == EventType.ILL_TRANSITION && e.channel() == Channel.CLI
                && e.actor().equals(System.getProperty("user.name"))), events().toString());
        CliRun refused = cli("", "ill", "advance", String.valueOf(req.id()), "SHIPPED_TO_US");
        assertEquals(5, refused.code(), refused.toString());
    }

    @Test
    void helpDocumentsTheExitCodes() {
        String top = CliRun.run("", "--help").out().replaceAll("\\s+", " ");
        assertTrue(top.contains(" 4 import: some rows were rejected, or the file could not be imported"), top);
        assertTrue(top.contains(" 6 the database is unavailable (a command that finds the gateway running on its data directory goes through it"), top);
        String patrons = CliRun.run("", "import", "patrons", "--help").out().replaceAll("\\s+", " ");
        assertTrue(patrons.contains("Exit codes: 0 every row taken, 2 no such file, 4 some rows rejected or the file not importable."), patrons);
    }
}
