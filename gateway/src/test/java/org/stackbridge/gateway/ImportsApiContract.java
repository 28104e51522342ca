package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCrypt;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.CirculationEvent;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.model.StaffAccount;
import org.stackbridge.core.model.StaffRole;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.core.testing.TestClock;
import org.stackbridge.sip2.client.Sip2Client;
import org.stackbridge.sip2.client.Sip2Requests;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.spec.FieldCode;
import org.stackbridge.sip2.spec.FixedField;

/**
 * Import jobs over real HTTP against the whole gateway, on H2 and on PostgreSQL: CSV edge cases (byte-order mark, CRLF,
 * quoted fields, columns in another order, an unknown column, a repeated barcode, an unterminated quote), permissions
 * and problems, idempotency, the event log, bcrypt and PBKDF2 PINs imported as they are and accepted at a SIP2 kiosk,
 * and 10,000 patrons imported while a kiosk keeps checking items out.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class ImportsApiContract {

    abstract TestGateways.Store store();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
    private static final String PASSWORD = "correct horse";
    private static final String HEADER = "barcode,pin,name,category,library,email,phone,address,expires";

    @TempDir
    static Path data;
    Gateway gateway;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String root;

    @BeforeAll
    void start() throws Exception {
        TestClock clock = new TestClock(T0);
        SecretHasher hasher = new SecretHasher(1_000);
        gateway = TestGateways.start(store(), data, clock,
                "libraries:",
                "  - {code: MAIN, name: Main Library}",
                "  - {code: EAST, name: East Branch, institution: MAIN}",
                "  - {code: NORTH, name: North Library}",
                "security: {hash-iterations: 1000}",
                "sip2-accounts:",
                "  - {login: kiosk, password-hash: \"" + hasher.hash("kiosk") + "\", institution: MAIN}",
                "policies:",
                "  - {library: '*', category: '*', item-type: '*', loan-period: 21, max-loans: 0, closed-days: keep}",
                "engine: {maintenance-minutes: 0}",
                "imports: {max-body-bytes: 2000000}");
        String hash = hasher.hash(PASSWORD);
        gateway.storage().write(tx -> {
            tx.staff().save(new StaffAccount("root", hash, StaffRole.ADMIN, null, true));
            tx.staff().save(new StaffAccount("mainadmin", hash, StaffRole.ADMIN, "MAIN", true));
            tx.staff().save(new StaffAccount("grace", hash, StaffRole.LIBRARIAN, "MAIN", true));
            tx.patrons().insert(new Patron(0, "KIOSKER", hasher.hash("1111"), "Kiosk User", "ADULT", null, null, null,
                    LocalDate.of(2099, 1, 1), "MAIN", false));
            BibRecord bib = tx.bibs().insert(new BibRecord(0, "ocm-loop", "Loop Title", "Author", null, null, null, null));
            tx.items().insert(new Item(0, "LOOP1", bib.id(), "BOOK", "MAIN", "MAIN", null, null, BigDecimal.TEN, ItemStatus.AVAILABLE,
                    null, null));
            return null;
        }).get(30, TimeUnit.SECONDS);
        root = token("root");
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    // ------------------------------------------------------------------ helpers

    record Answer(int status, JsonNode json, HttpResponse<String> raw) {
    }

    private Answer send(HttpRequest.Builder b) throws Exception {
        HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
        return new Answer(r.statusCode(), json, r);
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort() + "/api/v1" + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private String token(String login) throws Exception {
        Answer a = send(request("/auth/login", null).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("login", login, "password", PASSWORD)))));
        assertEquals(200, a.status(), a.raw().body());
        return a.json().path("token").asText();
    }

    private Answer upload(String type, String contentType, byte[] body, String token, String... headers) throws Exception {
        HttpRequest.Builder b = request("/imports?type=" + type, token).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b);
    }

    /** Posts a CSV as the admin and waits for its job to finish; returns the finished job. */
    private JsonNode importCsv(String type, String csv) throws Exception {
        Answer a = upload(type, "text/csv; charset=utf-8", csv.getBytes(StandardCharsets.UTF_8), root);
        assertEquals(202, a.status(), a.raw().body());
        return awaitJob(a);
    }

    private JsonNode awaitJob(Answer accepted) throws Exception {
        String location = accepted.raw().headers().firstValue("Location").orElseThrow();
        assertEquals("/api/v1/imports/" + accepted.json().path("id").asText(), location);
        String path = location.substring("/api/v1".length());
        java.util.concurrent.atomic.AtomicReference<Answer> last = new java.util.concurrent.atomic.AtomicReference<>();
        org.stackbridge.core.testing.Await.until(java.time.Duration.ofSeconds(90), () -> {
            try {
                last.set(send(request(path, root).GET()));
            } catch (Exception e) {
                throw new AssertionError("GET " + path, e);
            }
            assertEquals(200, last.get().status(), last.get().raw().body());
            String state = last.get().json().path("state").asText();
            return state.equals("done") || state.equals("failed");
        }, "import job " + path + " finished");
        return last.get().json();
    }

    private static List<Long> rejectedLines(JsonNode job) {
        List<Long> lines = new ArrayList<>();
        job.path("rejections").forEach(r -> lines.add(r.path("line").asLong()));
        return lines;
    }

    private static String reasonAt(JsonNode job, long line) {
        for (JsonNode r : job.path("rejections")) {
            if (r.path("line").asLong() == line) {
                return r.path("reason").asText();
            }
        }
        return null;
    }

    private Patron patron(String barcode) {
        return gateway.storage().read(tx -> tx.patrons().byBarcode(barcode)).join().orElse(null);
    }

    private List<CirculationEvent> events() throws Exception {
        return gateway.storage().read(tx -> tx.events().between(T0.minusSeconds(86_400), T0.plusSeconds(86_400), 100_000))
                .get(30, TimeUnit.SECONDS);
    }

    // ------------------------------------------------------------------ CSV edge cases

    @Test
    void aByteOrderMarkCrlfQuotedFieldsAndColumnsInAnotherOrderAreRead() throws Exception {
        String csv = "\uFEFFname,library,barcode,category,address,pin\r\n"
                + "\"Lovelace, Ada\",MAIN,E1,ADULT,\"12 Main St\r\nApt \"\"B\"\"\",1234\r\n"
                + "Grace Hopper,EAST,E2,ADULT,,\r\n";
        JsonNode job = importCsv("patrons", csv);
        assertEquals("done", job.path("state").asText(), job.toString());
        assertEquals(2, job.path("counts").path("added").asInt(), job.toString());
        assertEquals(0, job.path("counts").path("rejected").asInt(), job.toString());
        assertEquals(2, job.path("progress").path("read").asInt(), job.toString());
        Patron ada = patron("E1");
        assertEquals("Lovelace, Ada", ada.name());
        assertEquals("12 Main St\r\nApt \"B\"", ada.address());
        assertTrue(SecretHasher.verify("1234", ada.pinHash()), "the PIN is stored hashed");
        assertEquals("EAST", patron("E2").homeLibrary());
        assertNull(patron("E2").pinHash());
    }

    @Test
    void anUnknownColumnIsReportedOnceAsAWarning() throws Exception {
        JsonNode job = importCsv("patrons", "barcode,name,category,library,nickname\nU1,Una,ADULT,MAIN,u\nU2,Udo,ADULT,MAIN,x\n");
        assertEquals("done", job.path("state").asText(), job.toString());
        assertEquals(2, job.path("counts").path("added").asInt(), job.toString());
        assertEquals(1, job.path("warnings").size(), job.toString());
        assertTrue(job.path("warnings").get(0).asText().contains("unknown column nickname ignored"), job.toString());
    }

    @Test
    void birthDateNoticePreferenceAndLanguageAreImportedAndABlankCellKeepsThem() throws Exception {
        JsonNode job = importCsv("patrons", "barcode,name,category,library,email,birth_date,notice_preference,language\n"
                + "NP1,Paper Reader,ADULT,MAIN,np1@example.org,1990-04-01,print,fr-CA\n"
                + "NP2,Default Reader,ADULT,MAIN,np2@example.org,,,\n"
                + "NP3,Bad Preference,ADULT,MAIN,,,pigeon,\n"
                + "NP4,Bad Birth,ADULT,MAIN,,1990-13-01,,\n");
        assertEquals(List.of(4L, 5L), rejectedLines(job), job.toString());
        assertTrue(reasonAt(job, 4).contains("notice_preference must be email, print or none"), job.toString());
        assertTrue(reasonAt(job, 5).contains("birth_date must be a date"), job.toString());
        Patron np1 = patron("NP1");
        assertEquals(java.time.LocalDate.of(1990, 4, 1), np1.birthDate());
        assertEquals(org.stackbridge.core.model.NoticePreference.PRINT, np1.noticePreference());
        assertEquals("fr-CA", np1.language());
        assertEquals(org.stackbridge.core.model.NoticePreference.EMAIL, patron("NP2").noticePreference(), "e-mail by default when there is one");
        // a later file without those values updates the name and keeps what NP1 has
        importCsv("patrons", "barcode,name,category,library,email\nNP1,Paper Reader Jr,ADULT,MAIN,np1@example.org\n");
        np1 = patron("NP1");
        assertEquals("Paper Reader Jr", np1.name());
        assertEquals(org.stackbridge.core.model.NoticePreference.PRINT, np1.noticePreference());
        assertEquals(java.time.LocalDate.of(1990, 4, 1), np1.birthDate());
        assertEquals("fr-CA", np1.language());
    }

    @Test
    void aBarcodeRepeatedInTheFileIsRejectedWithItsLineNotMerged() throws Exception {
        JsonNode job = importCsv("patrons", HEADER + "\nD1,,First,ADULT,MAIN,,,,\nD2,,Other,ADULT,MAIN,,,,\nD1,,Second,ADULT,MAIN,,,,\n");
        assertEquals(2, job.path("counts").path("added").asInt(), job.toString());
        assertEquals(List.of(4L), rejectedLines(job), job.toString());
        assertTrue(reasonAt(job, 4).contains("barcode D1 is repeated: line 2 has it already"), job.toString());
        assertEquals("First", patron("D1").name(), "the repeat is not merged into the first");
    }

    @Test
    void anUnterminatedQuoteIsReportedAtItsLineAndTheLinesAfterItAreStillRead() throws Exception {
        String csv = HEADER + "\n"
                + "Q1,,Quinn,ADULT,MAIN,,,,\n"
                + "Q2,,\"Broken name,ADULT,MAIN,,,,\n"
                + "Q3,,Quentin,ADULT,MAIN,,,,\n"
                + "Q4,,\"Quoted, fine\",ADULT,MAIN,,,,\n";
        JsonNode job = importCsv("patrons", csv);
        assertEquals("done", job.path("state").asText(), job.toString());
        assertEquals(List.of(3L), rejectedLines(job), job.toString());
        assertTrue(reasonAt(job, 3).contains("unterminated quoted field"), job.toString());
        assertEquals(3, job.path("counts").path("added").asInt(), job.toString());
        assertNull(patron("Q2"));
        assertEquals("Quentin", patron("Q3").name());
        assertEquals("Quoted, fine", patron("Q4").name());
    }

    @Test
    void badRowsAreRejectedWithLineAndReasonAndAMissingRequiredColumnFailsTheJob() throws Exception {
        JsonNode job = importCsv("patrons", HEADER + "\nB1,,Bea,WIZARD,MAIN,,,,\nB2,,Ben,ADULT,MAIN,,,,31/01/2030\nB3,,Bo,ADULT\nB4,,Bill,ADULT,MAIN,,,,\n");
        assertEquals(List.of(2L, 3L, 4L), rejectedLines(job), job.toString());
        assertTrue(reasonAt(job, 2).contains("unknown patron category 'WIZARD'"), job.toString());
        assertTrue(reasonAt(job, 3).contains("expires must be a date"), job.toString());
        assertTrue(reasonAt(job, 4).contains("expected 9 columns"), job.toString());
        assertEquals(1, job.path("counts").path("added").asInt());

        JsonNode failed = importCsv("patrons", "barcode,pin,category\nX1,1,ADULT\n");
        assertEquals("failed", failed.path("state").asText(), failed.toString());
        assertTrue(failed.path("error").asText().contains("the header has no column name, library"), failed.toString());
    }

    @Test
    void categoriesAndItemTypesAreCheckedAgainstTheCodeListsAnAdminKeeps() throws Exception {
        for (String[] code : new String[][] {{"/patron-categories", "STUDENT"}, {"/item-types", "ZINE"}}) {
            Answer added = send(request(code[0], root).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("code", code[1])))));
            assertEquals(201, added.status(), added.raw().body());
        }
        JsonNode patrons = importCsv("patrons", HEADER + "\nCL1,,Cleo,STUDENT,MAIN,,,,\nCL2,,Cal,WIZARD,MAIN,,,,\nCL3,,Cy,ADULT,MAIN,,,,\n");
        assertEquals(List.of(3L), rejectedLines(patrons), patrons.toString());
        assertTrue(reasonAt(patrons, 3).contains("unknown patron category 'WIZARD' in column category"), patrons.toString());
        assertTrue(reasonAt(patrons, 3).contains("STUDENT"), "the reason lists the categories: " + patrons);
        assertEquals("STUDENT", patron("CL1").category());
        assertNull(patron("CL2"));

        JsonNode items = importCsv("items", "library,barcode,item_type,bib_id\nMAIN,CZ1,ZINE,ocm-loop\nMAIN,CZ2,BOKO,ocm-loop\n");
        assertEquals(List.of(3L), rejectedLines(items), items.toString());
        assertTrue(reasonAt(items, 3).contains("unknown item type 'BOKO' in column item_type"), items.toString());
        assertEquals(1, items.path("counts").path("added").asInt(), items.toString());
        assertEquals("ZINE", gateway.storage().read(tx -> tx.items().byBarcode("CZ1")).join().orElseThrow().itemType());
    }

    @Test
    void itemsAndMarcRecordsAreImportedAsJobsToo() throws Exception {
        byte[] marc;
        try (InputStream in = getClass().getResourceAsStream("/marc/01-zebra-sample.utf8.mrc")) {
            marc = in.readAllBytes();
        }
        Answer a = upload("biblios", "application/marc", marc, root);
        assertEquals(202, a.status(), a.raw().body());
        JsonNode bibs = awaitJob(a);
        assertEquals(24, bibs.path("counts").path("added").asInt(), bibs.toString());
        String control = gateway.storage().read(tx -> tx.bibs().page(0, 1000)).join().stream()
                .filter(b -> !b.controlNumber().startsWith("ocm-loop")).findFirst().orElseThrow().controlNumber();
        JsonNode items = importCsv("items", "library,barcode,item_type,bib_id\nMAIN,IT1," + "BOOK," + control + "\nMAIN,IT2,BOOK,nope\n");
        assertEquals(1, items.path("counts").path("added").asInt(), items.toString());
        assertTrue(reasonAt(items, 3).contains("unknown bib_id 'nope'"), items.toString());
    }

    // ------------------------------------------------------------------ API rules

    @Test
    void importsNeedTheImportsPermission() throws Exception {
        Answer librarian = upload("patrons", "text/csv", (HEADER + "\n").getBytes(StandardCharsets.UTF_8), token("grace"));
        assertEquals(403, librarian.status(), librarian.raw().body());
        assertEquals(401, upload("patrons", "text/csv", new byte[0], null).status());
        assertEquals(403, send(request("/imports", token("grace")).GET()).status());
    }

    @Test
    void aBadTypeAWrongMediaTypeAnOversizedBodyAndAnUnknownJobAreProblems() throws Exception {
        Answer badType = upload("spaceships", "text/csv", new byte[0], root);
        assertEquals(400, badType.status(), badType.raw().body());
        assertEquals("type", badType.json().path("errors").get(0).path("field").asText(), badType.raw().body());
        Answer media = upload("patrons", "application/json", "{}".getBytes(StandardCharsets.UTF_8), root);
        assertEquals(415, media.status(), media.raw().body());
        assertTrue(media.json().path("detail").asText().contains("text/csv"), media.raw().body());
        Answer marcAsCsv = upload("biblios", "text/csv", new byte[0], root);
        assertEquals(415, marcAsCsv.status(), marcAsCsv.raw().body());
        Answer big = upload("patrons", "text/csv", new byte[2_000_001], root);
        assertEquals(413, big.status(), big.raw().body());
        Answer unknown = send(request("/imports/doesnotexist", root).GET());
        assertEquals(404, unknown.status(), unknown.raw().body());
        assertEquals("application/problem+json", unknown.raw().headers().firstValue("Content-Type").orElse(""));
        assertEquals(400, send(request("/imports?_per_page=0", root).GET()).status());
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyAnswersTheSameJobAndTheListShowsIt() throws Exception {
        byte[] csv = (HEADER + "\nK1,,Kim,ADULT,MAIN,,,,\n").getBytes(StandardCharsets.UTF_8);
        Answer first = upload("patrons", "text/csv", csv, root, "Idempotency-Key", "import-k1");
        Answer again = upload("patrons", "text/csv", csv, root, "Idempotency-Key", "import-k1");
        assertEquals(202, again.status(), again.raw().body());
        assertEquals(first.json().path("id").asText(), again.json().path("id").asText());
        awaitJob(first);
        Answer list = send(request("/imports?_per_page=100", root).GET());
        assertEquals(200, list.status(), list.raw().body());
        List<String> ids = new ArrayList<>();
        list.json().path("jobs").forEach(j -> ids.add(j.path("id").asText()));
        assertTrue(ids.contains(first.json().path("id").asText()), list.raw().body());
        assertEquals(1, ids.stream().filter(id -> id.equals(first.json().path("id").asText())).count());
        Answer other = upload("patrons", "text/csv", csv, root, "Idempotency-Key", "import-k1-other");
        assertNotEquals(first.json().path("id").asText(), other.json().path("id").asText());
        assertEquals(1, awaitJob(other).path("counts").path("unchanged").asInt(), "the same row again changes nothing");
    }

    @Test
    void aLibraryScopedAdminImportsOnlyIntoItsInstitution() throws Exception {
        Answer a = upload("patrons", "text/csv", (HEADER + "\nS1,,Sam,ADULT,EAST,,,,\nS2,,Sue,ADULT,NORTH,,,,\n")
                .getBytes(StandardCharsets.UTF_8), token("mainadmin"));
        assertEquals(202, a.status(), a.raw().body());
        JsonNode job = awaitJob(a);
        assertEquals(1, job.path("counts").path("added").asInt(), job.toString());
        assertTrue(reasonAt(job, 3).contains("not one of institution MAIN's libraries"), job.toString());
        assertNull(patron("S2"));
    }

    @Test
    void everyChangeIsLoggedInTheStaffMembersNameWithBeforeAndAfter() throws Exception {
        importCsv("patrons", HEADER + "\nL1,9999,Lee,ADULT,MAIN,lee@example.org,,,\n");
        importCsv("patrons", HEADER + "\nL1,,Lee Smith,ADULT,MAIN,lee@example.org,,,\n");
        long id = patron("L1").id();
        List<CirculationEvent> mine = events().stream().filter(e -> e.patronId() != null && e.patronId() == id).toList();
        assertEquals(List.of(EventType.PATRON_CREATED, EventType.PATRON_UPDATED), mine.stream().map(CirculationEvent::type).toList());
        for (CirculationEvent e : mine) {
            assertEquals("root", e.actor());
            assertEquals(Channel.API, e.channel());
            assertTrue(e.terminal().startsWith("import "), e.terminal());
        }
        assertTrue(mine.get(1).detail().contains("name: 'Lee' -> 'Lee Smith'"), mine.get(1).detail());
        assertFalse(mine.get(0).detail().contains("9999"), "a PIN is never logged");
        assertTrue(SecretHasher.verify("9999", patron("L1").pinHash()), "an empty pin keeps the old one");
    }

    // ------------------------------------------------------------------ PINs

    @Test
    void bcryptAndPbkdf2PinsAreStoredAsTheyAreAndAKioskAcceptsThem() throws Exception {
        String bcrypt = BCrypt.hashpw("4321", BCrypt.gensalt(4)).replaceFirst("^\\$2a\\$", "\\$2y\\$");
        String pbkdf2 = new SecretHasher(1_000).hash("8765");
        JsonNode job = importCsv("patrons", HEADER + "\nBC1," + bcrypt + ",Koha Reader,ADULT,MAIN,,,,\nPB1," + pbkdf2 + ",Our Reader,ADULT,MAIN,,,,\n");
        assertEquals(2, job.path("counts").path("added").asInt(), job.toString());
        assertEquals(bcrypt, patron("BC1").pinHash());
        assertEquals(pbkdf2, patron("PB1").pinHash());
        Sip2Requests rq = new Sip2Requests(java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC), "MAIN");
        try (Sip2Client kiosk = Sip2Client.connect("127.0.0.1", gateway.sip2().port())) {
            assertEquals("1", kiosk.send(rq.login("kiosk", "kiosk", "MAIN")).fixed(FixedField.OK));
            assertEquals("Y", kiosk.send(rq.patronInformation("BC1", "4321", -1, null, null)).field(FieldCode.CQ), "bcrypt PIN right");
            assertEquals("N", kiosk.send(rq.patronInformation("BC1", "4320", -1, null, null)).field(FieldCode.CQ), "bcrypt PIN wrong");
            assertEquals("Y", kiosk.send(rq.patronInformation("PB1", "8765", -1, null, null)).field(FieldCode.CQ), "pbkdf2 PIN right");
        }
    }

    // ------------------------------------------------------------------ load

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void tenThousandPatronsImportWhileAKioskKeepsCheckingOut() throws Exception {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < 10_000; i++) {
            csv.append("M").append(i).append(',').append(1000 + i % 9000).append(",Reader ").append(i).append(",ADULT,MAIN,,,,\n");
        }
        Sip2Requests rq = new Sip2Requests(java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC), "MAIN");
        AtomicBoolean importing = new AtomicBoolean(true);
        AtomicInteger pairs = new AtomicInteger();
        List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread kiosk = new Thread(() -> {
            try (Sip2Client client = Sip2Client.connect("127.0.0.1", gateway.sip2().port())) {
                if (!"1".equals(client.send(rq.login("kiosk", "kiosk", "MAIN")).fixed(FixedField.OK))) {
                    failures.add("login refused");
                    return;
                }
                while (importing.get() || pairs.get() == 0) {
                    Sip2Message out = client.send(rq.checkout("KIOSKER", "LOOP1", "1111"));
                    Sip2Message in = client.send(rq.checkin("LOOP1", "MAIN"));
                    if (!"1".equals(out.fixed(FixedField.OK)) || !"1".equals(in.fixed(FixedField.OK))) {
                        failures.add("checkout " + out + " / checkin " + in);
                        return;
                    }
                    pairs.incrementAndGet();
                }
            } catch (Exception e) {
                failures.add(e.toString());
            }
        }, "kiosk");
        kiosk.start();
        try {
            JsonNode job = importCsv("patrons", csv.toString());
            assertEquals("done", job.path("state").asText(), job.toString());
            assertEquals(10_000, job.path("counts").path("added").asInt(), job.toString());
        } finally {
            importing.set(false);
            kiosk.join(TimeUnit.SECONDS.toMillis(60));
        }
        assertEquals(List.of(), failures);
        assertTrue(pairs.get() > 0);
        assertTrue(SecretHasher.verify("1000", patron("M0").pinHash()));
        assertEquals(10_000L, (long) gateway.storage().read(tx -> {
            long n = 0;
            for (int i = 0; i < 10_000; i += 1) {
                if (tx.patrons().byBarcode("M" + i).isPresent()) {
                    n++;
                }
            }
            return n;
        }).join());
    }
}
