package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stackbridge.gateway.StaffApiClient.problem;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.marc4j.MarcStreamWriter;
import org.marc4j.MarcXmlWriter;
import org.marc4j.marc.DataField;
import org.marc4j.marc.MarcFactory;
import org.marc4j.marc.Record;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.CirculationEvent;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.model.StaffAccount;
import org.stackbridge.core.model.StaffRole;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.core.testing.TestClock;
import org.stackbridge.gateway.StaffApiClient.Answer;
import org.stackbridge.z3950.client.Z3950Client;

/**
 * Records, items, item status with billing, claims returned and copy cataloguing over real HTTP against the whole
 * gateway, on H2 and on PostgreSQL. A second gateway (H2) is the Z39.50 target copy cataloguing searches.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
abstract class CataloguingApiContract {

    abstract TestGateways.Store store();

    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
    private static final String PASSWORD = "correct horse";
    private static final String FIXED = "261102s2026    xxu           000 0 eng d";
    private static final String REMOTE_ISBN = "9780306406157";
    private static final String LOCAL_ISBN = "9781861972712";

    @TempDir
    static Path data;
    TestClock clock;
    Gateway gateway;
    Gateway remote;
    final StaffApiClient api = new StaffApiClient(() -> gateway.httpPort(), PASSWORD);

    @BeforeAll
    void start() throws Exception {
        clock = new TestClock(T0);
        Path remoteData = Files.createDirectories(data.resolve("remote"));
        remote = TestGateways.start(TestGateways.Store.H2, remoteData, clock, "libraries:", "  - {code: MAIN, name: Remote Library}");
        remote.storage().write(tx -> {
            tx.bibs().insert(MarcFixtures.bib(MarcFixtures.record("rem-1", "Remote treasures", "Remote, Author", REMOTE_ISBN, "(OCoLC)123456")));
            tx.bibs().insert(MarcFixtures.bib(MarcFixtures.record("rem-2", "Local twin", "Twin, Author", LOCAL_ISBN, null)));
            return null;
        }).get(30, TimeUnit.SECONDS);
        remote.catalogue().rebuild();

        Path localData = Files.createDirectories(data.resolve("local"));
        gateway = TestGateways.start(store(), localData, clock,
                "libraries:",
                "  - {code: MAIN, name: Main Library}",
                "  - {code: EAST, name: East Branch, institution: MAIN}",
                "  - {code: NORTH, name: North Library}",
                "policies:",
                "  - {library: '*', category: '*', item-type: '*', loan-period: 14, fine-per-day: 0.25, grace-days: 2, fine-cap: 5.00,"
                        + " max-loans: 0, closed-days: keep}",
                "engine: {maintenance-minutes: 0}",
                "items: {lost-replacement-fee: 30.00, lost-processing-fee: 5.00, lost-item-return: refund-replacement}",
                "federation:",
                "  targets:",
                "    remote: {type: z3950, host: 127.0.0.1, port: " + remote.boundPorts().get("z3950") + ", database: Default, timeout-seconds: 10}");
        String hash = new SecretHasher(1_000).hash(PASSWORD);
        gateway.storage().write(tx -> {
            tx.staff().save(new StaffAccount("grace", hash, StaffRole.LIBRARIAN, "MAIN", true));
            tx.staff().save(new StaffAccount("tim", hash, StaffRole.TECHNICIAN, "MAIN", true));
            for (String p : List.of("P1", "P2", "P3")) {
                tx.patrons().insert(new Patron(0, p, null, "Patron " + p, "ADULT", null, null, null, LocalDate.of(2030, 1, 1), "MAIN", false));
            }
            BibRecord local = tx.bibs().insert(MarcFixtures.bib(MarcFixtures.record("loc-1", "Local twin", "Twin, Author", LOCAL_ISBN, null)));
            for (String[] i : new String[][] {{"L1", "12.00"}, {"L2", null}, {"L3", "8.00"}, {"L4", "8.00"}, {"L5", "8.00"}, {"L6", "8.00"}}) {
                tx.items().insert(new Item(0, i[0], local.id(), "BOOK", "MAIN", "MAIN", "Stacks", "QA 1", i[1] == null ? null : new BigDecimal(i[1]),
                        ItemStatus.AVAILABLE, null, null));
            }
            return null;
        }).get(30, TimeUnit.SECONDS);
        gateway.catalogue().rebuild();
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

    @BeforeEach
    void resetClock() {
        clock.set(T0);
    }

    // ------------------------------------------------------------------ helpers

    private Answer call(String method, String path, String token, String contentType, byte[] body) throws Exception {
        return api.send(method, path, token, contentType, body);
    }

    private Answer json(String method, String path, String token, String body) throws Exception {
        return api.json(method, path, token, body);
    }

    private Answer get(String path, String token) throws Exception {
        return api.get(path, token);
    }

    private String token(String login) throws Exception {
        return api.token(login);
    }

    private static boolean names(Answer a, String field) {
        return a.names(field);
    }

    private int z3950Hits(Gateway g, String pqf) throws Exception {
        try (Z3950Client client = new Z3950Client("127.0.0.1", g.boundPorts().get("z3950"), 10_000)) {
            assertTrue(client.init().result());
            return client.search("Default", pqf).resultCount();
        }
    }

    private List<CirculationEvent> events(String itemBarcode) throws Exception {
        return gateway.storage().read(tx -> tx.items().byBarcode(itemBarcode).map(i -> tx.events().forItem(i.id(), 1000)).orElse(List.of()))
                .get(30, TimeUnit.SECONDS);
    }

    private String balance(String patron, String token) throws Exception {
        Answer p = get("/patrons/" + patron, token);
        assertEquals(200, p.status(), p.raw().body());
        return p.json().path("balance").path("amount").asText();
    }

    // ------------------------------------------------------------------ records

    @Test
    void aRecordAddedThroughTheApiIsFoundByAZ3950SearchAtOnce() throws Exception {
        String token = token("grace");
        assertEquals(0, z3950Hits(gateway, "@attr 1=4 \"Zanzibar\""));
        byte[] marc = MarcFixtures.iso2709(MarcFixtures.record("api-1", "Zanzibar chronicles", "Api, Author", null, null));
        Answer added = call("POST", "/biblios", token, "application/marc", marc);
        assertEquals(201, added.status(), added.raw().body());
        assertEquals("api-1", added.json().path("record").path("biblio").path("control_number").asText(), added.raw().body());
        assertTrue(added.json().path("verification").path("checks").size() >= 5, added.raw().body());
        assertEquals(1, z3950Hits(gateway, "@attr 1=4 \"Zanzibar\""));

        Answer item = json("POST", "/biblios/api-1/items", token,
                "{\"barcode\":\"API1\",\"library\":\"MAIN\",\"location\":\"Stacks\",\"call_number\":\"QA 9\",\"item_type\":\"BOOK\","
                        + "\"price\":{\"amount\":\"19.95\",\"currency\":\"USD\"}}");
        assertEquals(201, item.status(), item.raw().body());
        assertEquals("19.95", item.json().path("price").path("amount").asText());

        byte[] revised = MarcFixtures.xml(MarcFixtures.record("ignored", "Zanzibar revisited", "Api, Author", null, null));
        Answer overlaid = call("PUT", "/biblios/api-1", token, "application/marcxml+xml", revised);
        assertEquals(200, overlaid.status(), overlaid.raw().body());
        assertEquals("Zanzibar revisited", overlaid.json().path("record").path("biblio").path("title").asText());
        assertEquals("API1", overlaid.json().path("record").path("items").get(0).path("barcode").asText(), overlaid.raw().body());
        assertEquals(1, z3950Hits(gateway, "@attr 1=4 \"revisited\""));
        assertEquals(0, z3950Hits(gateway, "@attr 1=4 \"chronicles\""));

        Answer shown = get("/biblios/api-1", token("tim"));
        assertEquals(200, shown.status(), shown.raw().body());
        assertEquals("AVAILABLE", shown.json().path("items").get(0).path("status").asText());
        assertTrue(gateway.storage().read(tx -> tx.events().between(T0.minusSeconds(60), T0.plusSeconds(60), 10_000)).get(30, TimeUnit.SECONDS)
                .stream().anyMatch(e -> e.type() == EventType.BIB_UPDATED && "grace".equals(e.actor())
                        && e.detail().contains("title: Zanzibar chronicles -> Zanzibar revisited")));
    }

    @Test
    void badRecordsGet400DuplicatesAndTakenBarcodes409() throws Exception {
        String token = token("grace");
        problem(call("POST", "/biblios", token, "application/marc", "not a record".getBytes(StandardCharsets.UTF_8)), 400);
        Answer badIsbn = call("POST", "/biblios", token, "application/marc",
                MarcFixtures.iso2709(MarcFixtures.record("bad-1", "Bad isbn", null, "9780306406158", null)));
        problem(badIsbn, 400);
        assertTrue(names(badIsbn, "marc.020"), badIsbn.raw().body());
        Answer taken = call("POST", "/biblios", token, "application/marc",
                MarcFixtures.iso2709(MarcFixtures.record("loc-1", "Another", null, null, null)));
        problem(taken, 409);
        Answer twin = call("POST", "/biblios", token, "application/marc",
                MarcFixtures.iso2709(MarcFixtures.record("twin-1", "Twin again", null, LOCAL_ISBN, null)));
        problem(twin, 409);
        assertTrue(names(twin, "marc.020"), twin.raw().body());
        assertEquals(201, call("POST", "/biblios?allow_duplicate=true", token, "application/marc",
                MarcFixtures.iso2709(MarcFixtures.record("twin-1", "Twin again", null, LOCAL_ISBN, null))).status());

        problem(json("POST", "/biblios/loc-1/items", token, "{\"barcode\":\"L1\",\"library\":\"MAIN\",\"item_type\":\"BOOK\"}"), 409);
        problem(json("POST", "/biblios/nope/items", token, "{\"barcode\":\"X1\",\"library\":\"MAIN\",\"item_type\":\"BOOK\"}"), 404);
        Answer noLibrary = json("POST", "/biblios/loc-1/items", token, "{\"barcode\":\"X1\",\"library\":\"NOWHERE\",\"item_type\":\"BOOK\"}");
        problem(noLibrary, 400);
        assertTrue(names(noLibrary, "library"), noLibrary.raw().body());
        Answer missing = json("POST", "/biblios/loc-1/items", token, "{\"library\":\"MAIN\",\"price\":{\"amount\":\"1.5.0\",\"currency\":\"USD\"}}");
        problem(missing, 400);
        assertTrue(names(missing, "barcode") && names(missing, "item_type") && names(missing, "price.amount"), missing.raw().body());

        problem(get("/biblios/nope", token), 404);
        problem(call("POST", "/biblios", token("tim"), "application/marc",
                MarcFixtures.iso2709(MarcFixtures.record("tim-1", "Not allowed", null, null, null))), 403);
        problem(call("PUT", "/biblios/nope", token, "application/marc",
                MarcFixtures.iso2709(MarcFixtures.record("nope", "Nothing", null, null, null))), 404);
    }

    // ------------------------------------------------------------------ item status

    @Test
    void lostOnLoanBillsTheBorrowerAndACheckinRefundsTheReplacement() throws Exception {
        String token = token("grace");
        assertEquals(201, json("POST", "/checkouts", token, "{\"patron\":\"P1\",\"item\":\"L1\"}").status());
        problem(json("PATCH", "/items/L1", token("tim"), "{\"status\":\"lost\"}"), 403);
        Answer lost = json("PATCH", "/items/L1", token, "{\"status\":\"lost\",\"note\":\"never came back\"}");
        assertEquals(200, lost.status(), lost.raw().body());
        assertEquals("LOST", lost.text("status"));
        assertEquals("CHECKED_OUT", lost.text("previous_status"));
        assertTrue(lost.json().path("loan_marked_lost").asBoolean());
        assertEquals("P1", lost.json().path("billed").path("barcode").asText());
        assertEquals(2, lost.json().path("fees").size(), lost.raw().body());
        assertEquals("17.00", balance("P1", token));

        assertEquals(200, json("POST", "/checkins", token, "{\"item\":\"L1\"}").status());
        assertEquals("5.00", balance("P1", token));
        assertTrue(events("L1").stream().anyMatch(e -> e.type() == EventType.ITEM_STATUS_CHANGED && "grace".equals(e.actor())
                && e.detail().contains("status: CHECKED_OUT -> LOST")), events("L1").toString());
    }

    @Test
    void lostWithoutAPriceBillsTheConfiguredFeeAndWithdrawnOnLoanIs409() throws Exception {
        String token = token("grace");
        assertEquals(201, json("POST", "/checkouts", token, "{\"patron\":\"P2\",\"item\":\"L2\"}").status());
        Answer withdrawn = json("PATCH", "/items/L2", token, "{\"status\":\"withdrawn\"}");
        problem(withdrawn, 409);
        assertTrue(withdrawn.text("detail").contains("checked out"), withdrawn.raw().body());
        assertEquals(200, json("PATCH", "/items/L2", token, "{\"status\":\"lost\"}").status());
        assertEquals("35.00", balance("P2", token));
        problem(json("PATCH", "/items/NOPE", token, "{\"status\":\"lost\"}"), 404);
        Answer bad = json("PATCH", "/items/L2", token, "{\"status\":\"damaged\",\"repair_fee\":{\"amount\":\"-1\",\"currency\":\"USD\"}}");
        problem(bad, 400);
        assertTrue(names(bad, "repair_fee.amount"), bad.raw().body());
    }

    @Test
    void damagedWithARepairFeeBillsTheLastBorrower() throws Exception {
        String token = token("grace");
        assertEquals(201, json("POST", "/checkouts", token, "{\"patron\":\"P3\",\"item\":\"L3\"}").status());
        assertEquals(200, json("POST", "/checkins", token, "{\"item\":\"L3\"}").status());
        Answer damaged = json("PATCH", "/items/L3", token, "{\"status\":\"damaged\",\"note\":\"water\",\"repair_fee\":{\"amount\":\"4.50\",\"currency\":\"USD\"}}");
        assertEquals(200, damaged.status(), damaged.raw().body());
        assertEquals("P3", damaged.json().path("billed").path("barcode").asText());
        assertEquals("4.50", balance("P3", token));
        Answer edited = json("PATCH", "/items/L3", token, "{\"location\":\"Bindery\",\"price\":{\"amount\":\"9.00\",\"currency\":\"USD\"}}");
        assertEquals(200, edited.status(), edited.raw().body());
        assertEquals("Bindery", edited.text("location"));
        assertEquals("DAMAGED", edited.text("status"));
        assertEquals("QA 1", edited.text("call_number"));
    }

    @Test
    void claimsReturnedStopsFinesAndCountsTheClaims() throws Exception {
        String token = token("grace");
        assertEquals(201, json("POST", "/checkouts", token, "{\"patron\":\"P3\",\"item\":\"L4\"}").status());
        problem(json("POST", "/checkouts/L5/claims-returned", token, null), 409);
        problem(json("POST", "/checkouts/NOPE/claims-returned", token, null), 404);
        clock.advance(Duration.ofDays(20));
        token = token("tim");
        Answer claim = json("POST", "/checkouts/L4/claims-returned", token, "{\"note\":\"in the book drop\"}");
        assertEquals(201, claim.status(), claim.raw().body());
        assertEquals("CLAIMS_RETURNED", claim.json().path("item").path("status").asText());
        assertEquals(1, claim.json().path("patron_claims").asInt());
        problem(json("POST", "/checkouts/L4/claims-returned", token, null), 409);
        problem(json("POST", "/checkouts/L4/claims-returned", token, "{\"note\":42}"), 400);
        clock.advance(Duration.ofDays(40));
        token = token("tim");
        String before = balance("P3", token);
        assertEquals(200, json("POST", "/checkins", token, "{\"item\":\"L4\"}").status());
        assertEquals(new BigDecimal(before).add(new BigDecimal("1.50")).toPlainString(), balance("P3", token));
        assertTrue(events("L4").stream().anyMatch(e -> e.type() == EventType.CLAIMED_RETURNED && "tim".equals(e.actor())));
    }

    // ------------------------------------------------------------------ copy cataloguing

    @Test
    void copyCataloguingSearchesTheRemoteGatewayShowsAHitAndImportsIt() throws Exception {
        String token = token("grace");
        Answer targets = get("/copy-cataloguing/targets", token);
        assertEquals(200, targets.status(), targets.raw().body());
        assertEquals("remote", targets.json().path("targets").get(0).path("name").asText());
        problem(get("/copy-cataloguing/targets", token("tim")), 403);

        Answer hits = get("/copy-cataloguing/search?target=remote&isbn=" + REMOTE_ISBN, token);
        assertEquals(200, hits.status(), hits.raw().body());
        assertEquals(1, hits.json().path("total").asInt(), hits.raw().body());
        JsonNode hit = hits.json().path("hits").get(0);
        assertEquals("Remote treasures", hit.path("title").asText());
        assertEquals("Remote, Author", hit.path("author").asText());
        assertEquals("Example Press", hit.path("publisher").asText());
        assertEquals("2nd ed", hit.path("edition").asText());
        assertTrue(hit.path("identifiers").toString().contains(REMOTE_ISBN) && hit.path("identifiers").toString().contains("123456"),
                hit.toString());
        String ref = hit.path("ref").asText();

        Answer full = get("/copy-cataloguing/records/" + ref, token);
        assertEquals(200, full.status(), full.raw().body());
        assertTrue(full.json().path("marc").path("text").asText().contains("Remote treasures"), full.raw().body());
        problem(get("/copy-cataloguing/records/remote.nope", token), 404);

        Answer imported = json("POST", "/copy-cataloguing/imports", token, "{\"ref\":\"" + ref + "\"}");
        assertEquals(201, imported.status(), imported.raw().body());
        assertEquals("rem-1", imported.json().path("imported").path("record").path("biblio").path("control_number").asText());
        assertEquals(0, imported.json().path("imported").path("verification").path("errors").size(), imported.raw().body());
        assertEquals(1, z3950Hits(gateway, "@attr 1=7 \"" + REMOTE_ISBN + "\""));
        problem(json("POST", "/copy-cataloguing/imports", token, "{\"ref\":\"" + ref + "\"}"), 409);
    }

    @Test
    void copyCataloguingReportsADuplicateAndImportsItOnlyWhenAllowed() throws Exception {
        String token = token("grace");
        Answer hits = get("/copy-cataloguing/search?target=remote&title=twin", token);
        assertEquals(200, hits.status(), hits.raw().body());
        String ref = hits.json().path("hits").get(0).path("ref").asText();
        Answer dup = json("POST", "/copy-cataloguing/imports", token, "{\"ref\":\"" + ref + "\"}");
        problem(dup, 409);
        assertEquals("DUPLICATE", dup.text("reason"));
        assertTrue(dup.json().path("errors").toString().contains("loc-1"), dup.raw().body());
        Answer allowed = json("POST", "/copy-cataloguing/imports", token, "{\"ref\":\"" + ref + "\",\"allow_duplicate\":true}");
        assertEquals(201, allowed.status(), allowed.raw().body());
        assertEquals("loc-1", allowed.json().path("imported").path("verification").path("duplicates").get(0).path("control_number").asText());

        Answer unknownTarget = get("/copy-cataloguing/search?target=elsewhere&title=x", token);
        problem(unknownTarget, 400);
        assertTrue(names(unknownTarget, "target"), unknownTarget.raw().body());
        problem(get("/copy-cataloguing/search?target=remote", token), 400);
        problem(json("POST", "/copy-cataloguing/imports", token, "{}"), 400);
    }

    /** MARC records for the tests, built with marc4j. */
    static final class MarcFixtures {
        private static final MarcFactory F = MarcFactory.newInstance();

        static Record record(String controlNumber, String title, String author, String isbn, String oclc) {
            Record r = F.newRecord("00000nam a2200000 a 4500");
            r.addVariableField(F.newControlField("001", controlNumber));
            r.addVariableField(F.newControlField("008", FIXED));
            if (isbn != null) {
                r.addVariableField(F.newDataField("020", ' ', ' ', "a", isbn));
            }
            if (oclc != null) {
                r.addVariableField(F.newDataField("035", ' ', ' ', "a", oclc));
            }
            if (author != null) {
                r.addVariableField(F.newDataField("100", '1', ' ', "a", author));
            }
            DataField t = F.newDataField("245", '1', '0', "a", title);
            r.addVariableField(t);
            r.addVariableField(F.newDataField("250", ' ', ' ', "a", "2nd ed."));
            r.addVariableField(F.newDataField("264", ' ', '1', "a", "Springfield :", "b", "Example Press,", "c", "2026."));
            return r;
        }

        static byte[] iso2709(Record r) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MarcStreamWriter w = new MarcStreamWriter(out, "UTF8");
            w.write(r);
            w.close();
            return out.toByteArray();
        }

        static byte[] xml(Record r) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MarcXmlWriter w = new MarcXmlWriter(out, "UTF8");
            w.write(r);
            w.close();
            return out.toByteArray();
        }

        static BibRecord bib(Record r) {
            return org.stackbridge.gateway.importer.MarcImporter.toBib(r);
        }
    }
}
