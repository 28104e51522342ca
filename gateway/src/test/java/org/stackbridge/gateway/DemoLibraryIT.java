package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.core.model.PatronSearch;
import org.stackbridge.core.testing.TestClock;
import org.stackbridge.gateway.cli.StackbridgeCli;
import org.stackbridge.gateway.demo.DemoData;
import org.stackbridge.gateway.demo.DemoStart;

/**
 * Issue #13's "done when": the demo library has a past (loans at the kiosks, the desk and over NCIP, overdue loans,
 * holds on the shelf, a lost item, fees), so {@code notices run} on it mails each notice type to the patrons the
 * history left them for, prints the paper patrons' batch, and the circulation report by channel shows the kiosk and
 * desk share. A second start on the same data directory adds nothing. Fixed clock; real HTTP and the real command
 * line (forwarded to the running demo, as a technician types it).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DemoLibraryIT {

    /** A Monday afternoon. */
    private static final Instant NOW = Instant.parse("2026-12-07T14:00:00Z");

    @TempDir
    Path dir;

    private Gateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private DemoStart.Running start() throws Exception {
        DemoStart.Running running = DemoStart.start(dir, new TestClock(NOW), List.of("listeners.http-port=0", "listeners.sip2-port=0",
                "listeners.z3950-port=0", "sip2.tls.port=0"), g -> g.withCommands(StackbridgeCli.hostedRunner(g)));
        gateway = running.gateway();
        return running;
    }

    private String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config", dir.resolve("demo.yaml").toString(), "--data", dir.toString()));
        int code = StackbridgeCli.run(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
        assertEquals(0, code, out + "\n" + err);
        return out.toString();
    }

    @Test
    void theDemosNoticesReportsAndASecondStart() throws Exception {
        start();

        // notices: the command line reaches the running demo, which mails to <data>/mail and prints the rest
        String run = cli("notices", "run");
        Matcher batch = Pattern.compile("print batch (\\d+)").matcher(run);
        assertTrue(batch.find(), run);

        Map<String, TreeSet<String>> mailed = mailFolder();
        assertEquals(Map.ofEntries(
                Map.entry("p0001@example.org", new TreeSet<>(List.of("hold-ready", "hold-expiring"))),
                Map.entry("p0002@example.org", new TreeSet<>(List.of("pre-due"))),
                Map.entry("p0003@example.org", new TreeSet<>(List.of("overdue-1"))),
                Map.entry("p0004@example.org", new TreeSet<>(List.of("overdue-2"))),
                Map.entry("p0006@example.org", new TreeSet<>(List.of("overdue-3"))),
                Map.entry("p0007@example.org", new TreeSet<>(List.of("overdue-1"))),
                Map.entry("p0008@example.org", new TreeSet<>(List.of("lost-billed", "fee-charged"))), // replacement and processing fee
                Map.entry("p0009@example.org", new TreeSet<>(List.of("fee-charged"))),
                Map.entry("p0011@example.org", new TreeSet<>(List.of("fee-charged"))),
                Map.entry("p0013@example.org", new TreeSet<>(List.of("hold-ready"))),
                Map.entry("p0016@example.org", new TreeSet<>(List.of("membership-expiring"))),
                Map.entry("p0017@example.org", new TreeSet<>(List.of("ill-arrived")))), mailed); // received from ReShare

        String list = cli("notices", "list", "--state", "sent");
        assertTrue(list.contains("P0013") && list.contains("hold-ready"), list);

        // the paper patrons (every fifth) get their pre-due and overdue notices in the print batch
        StaffApiClient api = new StaffApiClient(gateway::httpPort, DemoData.STAFF_PASSWORD);
        String token = api.token(DemoData.STAFF_LOGIN);
        var pdf = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + gateway.httpPort() + "/api/v1/notices/print-batch.pdf?batch=" + batch.group(1)))
                        .header("Authorization", "Bearer " + token).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, pdf.statusCode());
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(doc);
            // P0005 (pre-due) and P0015 (overdue 3) are both Margaret Hamilton, P0010 (overdue 1) Ada Lovelace
            assertTrue(text.contains("Margaret Hamilton") && text.contains("Ada Lovelace"), text);
            assertEquals(3, doc.getNumberOfPages(), "one page per paper patron");
        }

        // reports: two months of loans by channel, on the API and the command line
        StaffApiClient.Answer report = StaffApiClient.ok(api.get("/reports/circulation?from=2026-10-01&to=2026-12-07&by=channel&period=month",
                token), 200);
        Map<String, Long> checkouts = new TreeMap<>();
        for (JsonNode row : report.json().path("rows")) {
            checkouts.merge(row.path("channel").asText(), row.path("checkouts").asLong(), Long::sum);
        }
        assertTrue(checkouts.getOrDefault("kiosk", 0L) > 0 && checkouts.getOrDefault("desk", 0L) > 0
                && checkouts.getOrDefault("ncip", 0L) > 0, checkouts.toString());
        assertTrue(checkouts.get("kiosk") > checkouts.get("desk"), "most loans are self-check: " + checkouts);
        String csv = cli("report", "circulation", "--from", "2026-10-01", "--to", "2026-12-07", "--by", "channel", "--format", "csv");
        assertTrue(csv.contains("kiosk") && csv.contains("desk"), csv);

        // a second start on the same data adds nothing
        List<Integer> before = counts();
        gateway.close();
        gateway = null;
        DemoStart.Running again = start();
        assertEquals("history already there", again.history());
        assertEquals(before, counts(), "patrons, records, items, open loans, events");
        assertEquals(mailed, mailFolder(), "and sends nothing new by itself");
    }

    /** Patrons, bibs, items, open loans and events in the store. */
    private List<Integer> counts() {
        return gateway.storage().read(tx -> List.of(
                tx.patrons().search(new PatronSearch(null, null, null, null, null), 0, 10_000).size(),
                tx.bibs().page(0, 10_000).size(),
                tx.items().page(0, 10_000).size(),
                tx.loans().openPage(0, 10_000).size(),
                tx.events().between(Instant.EPOCH, NOW.plusSeconds(86_400), 100_000).size())).join();
    }

    /** The .eml files of the mail folder: notice types by recipient (the type read from the subject). */
    private Map<String, TreeSet<String>> mailFolder() throws Exception {
        Map<String, TreeSet<String>> out = new TreeMap<>();
        Session session = Session.getInstance(new Properties());
        try (Stream<Path> files = Files.list(dir.resolve("mail"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".eml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(f)) {
                    MimeMessage m = new MimeMessage(session, in);
                    out.computeIfAbsent(m.getAllRecipients()[0].toString(), k -> new TreeSet<>()).add(type(m.getSubject()));
                }
            }
        }
        return out;
    }

    private static String type(String subject) {
        Map<String, String> bySubject = Map.of("due soon", "pre-due", "your hold is ready for pickup", "hold-ready",
                "your library card expires soon", "membership-expiring", "your hold is about to expire", "hold-expiring",
                "item billed as lost", "lost-billed", "a charge on your account", "fee-charged",
                "your interlibrary loan has arrived", "ill-arrived", "overdue notice 1", "overdue-1", "overdue notice 2", "overdue-2",
                "overdue notice 3", "overdue-3");
        String s = subject.substring(subject.indexOf(": ") + 2);
        return bySubject.getOrDefault(s, subject);
    }
}
