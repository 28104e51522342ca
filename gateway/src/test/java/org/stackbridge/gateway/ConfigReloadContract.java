package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stackbridge.gateway.NcipTestMessages.header;
import static org.stackbridge.gateway.NcipTestMessages.msg;
import static org.stackbridge.gateway.NcipTestMessages.text;
import static org.stackbridge.gateway.NcipTestMessages.user;
import static org.stackbridge.gateway.StaffApiClient.ok;
import static org.stackbridge.gateway.StaffApiClient.problem;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.CirculationEvent;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Patron;
import org.stackbridge.sip2.client.Sip2Client;
import org.stackbridge.sip2.client.Sip2Requests;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.spec.FieldCode;
import org.stackbridge.sip2.spec.FixedField;

/**
 * {@code POST /api/v1/admin/reload} over real HTTP, checked over real SIP2 and NCIP sockets, on H2 and on PostgreSQL:
 * the test edits the configuration file on disk and calls the API. A new SIP2 account logs in, a removed one is refused
 * at its open connection's next message and at a new login while the connection stays open, a kiosk of an unchanged
 * account stays logged in and gets its changed profile and rule from its next message; a new NCIP agency is admitted;
 * a bad file (YAML error, duplicate key, unknown template placeholder) changes nothing and is a 422 naming file and
 * line; restart-only settings are named and not applied; only an admin of the whole gateway may reload.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class ConfigReloadContract extends StaffApiFixture {

    static final String K1 = HASHER.hash("pw1");
    static final String K2 = HASHER.hash("pw2");
    static final String K3 = HASHER.hash("pw3");

    @TempDir
    static Path data;
    final HttpClient http = HttpClient.newHttpClient();
    String root;

    /** The configuration file as the test writes it: the base, then {@code more} lines. */
    private static List<String> config(String accounts, String lobbyMessage, String agencies, int loanPeriod, String... more) {
        List<String> lines = new ArrayList<>(List.of(
                "libraries:",
                "  - {code: MAIN, name: Main Library}",
                "  - {code: WEST, name: West Branch, institution: MAIN}",
                "patron-categories: [ADULT]",
                "item-types: [BOOK]",
                "security: {hash-iterations: 1000}",
                "engine: {maintenance-minutes: 0}",
                "sip2-accounts:"));
        lines.addAll(List.of(accounts.split("\n")));
        lines.addAll(List.of(
                "policies:",
                "  - {library: '*', category: '*', item-type: '*', loan-period: " + loanPeriod + ", max-loans: 0, closed-days: keep}",
                "sip2:",
                "  profiles:",
                "    lobby: {screen-messages: {CHECKOUT_OK: \"" + lobbyMessage + "\"}}",
                "ncip:",
                "  libraries: {MAIN: MAIN}",
                "  agencies:"));
        lines.addAll(List.of(agencies.split("\n")));
        lines.addAll(List.of(more));
        return lines;
    }

    private static String account(String login, String hash, String profile) {
        return "  - {login: " + login + ", password-hash: \"" + hash + "\", institution: MAIN, profile: " + profile + "}";
    }

    private static final String ALPHA = "    alpha: {shared-secret: s1}";
    private static final String BETA = "    beta: {shared-secret: s2, ip-allowlist: [127.0.0.1]}";

    @BeforeAll
    void start() throws Exception {
        startGateway(data, List.of("root:ADMIN:", "westadmin:ADMIN:WEST", "grace:LIBRARIAN:"), tx -> {
            tx.patrons().insert(new Patron(0, "P1", null, "Ada", "ADULT", null, null, null, LocalDate.of(2099, 1, 1), "MAIN", false));
            BibRecord bib = tx.bibs().insert(new BibRecord(0, "b1", "Dune", "Herbert", null, null, null, null));
            for (int i = 1; i <= 9; i++) {
                tx.items().insert(new Item(0, "I" + i, bib.id(), "BOOK", "MAIN", "MAIN", "Stacks", "QA", BigDecimal.TEN,
                        ItemStatus.AVAILABLE, null, null));
            }
        }, config(account("kiosk1", K1, "lobby") + "\n" + account("kiosk2", K2, "default"), "Enjoy", ALPHA, 21).toArray(String[]::new));
        root = api.token("root", PASSWORD);
    }

    private void write(List<String> lines) throws Exception {
        Files.writeString(data.resolve("stackbridge.yaml"), String.join("\n", lines) + "\n");
    }

    private Sip2Requests rq() {
        return new Sip2Requests(clock, "MAIN");
    }

    private String login(String login, String password) throws Exception {
        try (Sip2Client c = Sip2Client.connect("127.0.0.1", gateway.sip2().port())) {
            return c.send(rq().login(login, password, "MAIN")).fixed(FixedField.OK);
        }
    }

    private String ncipProblem(String agency, String secret) throws Exception {
        String answer = NcipTestMessages.send(http, gateway.httpPort(), msg("LookupUser", header(agency, secret), user("P1"))).body();
        return text(answer, "ProblemType");
    }

    @Test
    void aReloadAddsAndRemovesAccountsAndAgenciesAndChangesProfilesAndRulesWithoutDroppingAConnection() throws Exception {
        write(config(account("kiosk1", K1, "lobby") + "\n" + account("kiosk2", K2, "default"), "Enjoy", ALPHA, 21));
        ok(api.post("/admin/reload", root, null), 200);
        try (Sip2Client stays = Sip2Client.connect("127.0.0.1", gateway.sip2().port());
             Sip2Client removed = Sip2Client.connect("127.0.0.1", gateway.sip2().port())) {
            assertEquals("1", stays.send(rq().login("kiosk1", "pw1", "MAIN")).fixed(FixedField.OK));
            assertEquals("1", removed.send(rq().login("kiosk2", "pw2", "MAIN")).fixed(FixedField.OK));
            Sip2Message before = stays.send(rq().checkout("P1", "I1", null));
            assertEquals("Enjoy", before.field(FieldCode.AF), before.toString());
            assertTrue(before.field(FieldCode.AH).startsWith("20261123"), "21 days: " + before);
            assertEquals("0", login("kiosk3", "pw3"), "kiosk3 is not configured yet");
            assertEquals("Unknown Agency", ncipProblem("beta", "s2"), "beta is not configured yet");

            write(config(account("kiosk1", K1, "lobby") + "\n" + account("kiosk3", K3, "default"), "Welcome back", ALPHA + "\n" + BETA, 7));
            JsonNode answer = ok(api.post("/admin/reload", root, null), 200).json();

            assertEquals(2, answer.path("reloaded").path("sip2_accounts").asInt(), answer.toString());
            assertEquals(2, answer.path("reloaded").path("ncip_agencies").asInt(), answer.toString());
            assertEquals(1, answer.path("reloaded").path("sip2_profiles").asInt(), answer.toString());
            assertEquals(1, answer.path("reloaded").path("circulation_rules").asInt(), answer.toString());
            assertEquals(2, answer.path("reloaded").path("libraries").asInt(), answer.toString());
            String changes = answer.path("changes").toString();
            assertTrue(changes.contains("sip2-accounts: added kiosk3"), changes);
            assertTrue(changes.contains("sip2-accounts: disabled kiosk2"), changes);
            assertTrue(changes.contains("ncip.agencies: added beta"), changes);
            assertTrue(changes.contains("sip2.profiles: changed lobby"), changes);
            assertEquals(0, answer.path("needs_restart").size(), answer.toString());
            assertTrue(answer.path("file").asText().endsWith("stackbridge.yaml"), answer.toString());

            // the kiosk of an unchanged account: same connection, no new login, new profile and rule from its next message
            Sip2Message after = stays.send(rq().checkout("P1", "I2", null));
            assertEquals("1", after.fixed(FixedField.OK), after.toString());
            assertEquals("Welcome back", after.field(FieldCode.AF), after.toString());
            assertTrue(after.field(FieldCode.AH).startsWith("20261109"), "7 days now: " + after);

            // the kiosk of the removed account: its connection is open, its next message is refused as not logged in
            Sip2Message refused = removed.send(rq().checkout("P1", "I3", null));
            assertEquals("0", refused.fixed(FixedField.OK), refused.toString());
            assertEquals("0", removed.send(rq().login("kiosk2", "pw2", "MAIN")).fixed(FixedField.OK), "a new login is refused too");
            Sip2Message status = removed.send(rq().scStatus());
            assertEquals("98", status.type().code(), "the connection is still open: " + status);
        }
        assertEquals("1", login("kiosk3", "pw3"), "the new account logs in");
        assertNull(ncipProblem("beta", "s2"), "the new agency is admitted");
        assertEquals("Agency Authentication Failed", ncipProblem("beta", "wrong"), "with its own secret");
        assertNull(ncipProblem("alpha", "s1"), "the agency kept is admitted as before");

        List<CirculationEvent> accounts = events(EventType.TERMINAL_ACCOUNT_CHANGED).stream().filter(e -> "root".equals(e.actor())).toList();
        assertTrue(accounts.stream().anyMatch(e -> e.detail().contains("login=kiosk2") && e.detail().contains("enabled=true")
                && e.detail().contains("after=TerminalAccount[login=kiosk2") && e.detail().endsWith("enabled=false]")), accounts.toString());
        assertTrue(accounts.stream().anyMatch(e -> e.detail().startsWith("before=none after=TerminalAccount[login=kiosk3")), accounts.toString());
        assertTrue(accounts.stream().noneMatch(e -> e.detail().contains("pbkdf2")), "no password hash in the log: " + accounts);
        assertTrue(events(EventType.CONFIGURATION_RELOADED).stream().anyMatch(e -> "root".equals(e.actor())
                && e.detail().contains("sip2-accounts: added kiosk3")), "the reload itself is logged in root's name");
        JsonNode listed = ok(api.get("/sip2/accounts?_per_page=100", root), 200).json();
        boolean kiosk2Disabled = false;
        for (JsonNode a : listed) {
            if (a.path("login").asText().equals("kiosk2")) {
                kiosk2Disabled = !a.path("enabled").asBoolean(true);
            }
        }
        assertTrue(kiosk2Disabled, "the removed account is kept, disabled: " + listed);

        JsonNode again = ok(api.post("/admin/reload", root, null), 200).json();
        assertEquals(0, again.path("changes").size(), "reloading the same file changes nothing: " + again);
    }

    @Test
    void aConnectedKioskWhoseAccountIsGivenAnotherProfileFollowsItFromItsNextMessage() throws Exception {
        write(config(account("kiosk1", K1, "lobby") + "\n" + account("kiosk5", K3, "default"), "Enjoy", ALPHA, 21));
        ok(api.post("/admin/reload", root, null), 200);
        try (Sip2Client c = Sip2Client.connect("127.0.0.1", gateway.sip2().port())) {
            assertEquals("1", c.send(rq().login("kiosk5", "pw3", "MAIN")).fixed(FixedField.OK));
            Sip2Message before = c.send(rq().checkout("P1", "I5", null));
            assertEquals("1", before.fixed(FixedField.OK), before.toString());
            assertFalse("Enjoy".equals(before.field(FieldCode.AF)), "the default profile: " + before);

            write(config(account("kiosk1", K1, "lobby") + "\n" + account("kiosk5", K3, "lobby"), "Enjoy", ALPHA, 21));
            JsonNode answer = ok(api.post("/admin/reload", root, null), 200).json();
            assertTrue(answer.path("changes").toString().contains("sip2-accounts: changed kiosk5"), answer.toString());

            Sip2Message after = c.send(rq().checkout("P1", "I6", null));
            assertEquals("1", after.fixed(FixedField.OK), "still logged in: " + after);
            assertEquals("Enjoy", after.field(FieldCode.AF), "the account's new profile from the next message: " + after);
        }
    }

    @Test
    void aBadFileChangesNothingAndIsA422NamingTheFileAndLine() throws Exception {
        List<String> good = config(account("kiosk1", K1, "lobby"), "Enjoy", ALPHA, 21);
        write(good);
        ok(api.post("/admin/reload", root, null), 200);

        List<String> duplicate = new ArrayList<>(config(account("kiosk1", K1, "lobby") + "\n" + account("kiosk9", K3, "default"), "Enjoy",
                ALPHA, 21));
        duplicate.add("patron-categories: [ADULT, CHILD]");
        write(duplicate);
        StaffApiClient.Answer dup = problem(api.post("/admin/reload", root, null), 422);
        assertEquals("urn:stackbridge:problem:invalid-configuration", dup.text("type"), dup.raw().body());
        assertTrue(dup.text("detail").contains("stackbridge.yaml:" + duplicate.size() + ": patron-categories: given twice"), dup.raw().body());
        assertTrue(dup.text("detail").endsWith("nothing was changed"), dup.raw().body());
        assertEquals("0", login("kiosk9", "pw3"), "the account of the refused file was not added");

        List<String> broken = new ArrayList<>(config(account("kiosk9", K3, "default"), "Enjoy", ALPHA, 21));
        broken.add("reports: [not, a, mapping");
        write(broken);
        StaffApiClient.Answer yaml = problem(api.post("/admin/reload", root, null), 422);
        assertTrue(yaml.text("detail").contains("stackbridge.yaml:"), yaml.raw().body());
        assertTrue(yaml.text("detail").contains("not valid YAML"), yaml.raw().body());

        Path templates = data.resolve("notices").resolve("en");
        Files.createDirectories(templates);
        Path template = templates.resolve("overdue-1.txt");
        Files.writeString(template, "Subject: Overdue\n\nDear {{patron.name}},\n{{no_such_value}}\n");
        try {
            write(config(account("kiosk9", K3, "default"), "Changed", ALPHA, 21));
            StaffApiClient.Answer tpl = problem(api.post("/admin/reload", root, null), 422);
            assertTrue(tpl.text("detail").contains("overdue-1.txt:4: unknown placeholder 'no_such_value'"), tpl.raw().body());
            assertTrue(tpl.names("notices.templates"), tpl.raw().body());
        } finally {
            Files.delete(template);
        }
        assertEquals("0", login("kiosk9", "pw3"), "nothing of the refused files was applied");
        assertEquals("1", login("kiosk1", "pw1"), "what ran before still runs");
        try (Sip2Client c = Sip2Client.connect("127.0.0.1", gateway.sip2().port())) {
            assertEquals("1", c.send(rq().login("kiosk1", "pw1", "MAIN")).fixed(FixedField.OK));
            assertEquals("Enjoy", c.send(rq().checkout("P1", "I4", null)).field(FieldCode.AF), "the profile of the refused files was not applied");
        }
    }

    @Test
    void restartOnlySettingsAreNamedAndNotApplied() throws Exception {
        int maxConnections = gateway.config().sip2().maxConnections();
        List<String> lines = config(account("kiosk1", K1, "lobby"), "Enjoy", ALPHA, 21);
        lines.add("listeners: {bind: 127.0.0.1, admin-token: changed}");
        lines.set(lines.indexOf("sip2:"), "sip2:\n  max-connections: " + (maxConnections + 1));
        write(lines);
        JsonNode answer = ok(api.post("/admin/reload", root, null), 200).json();
        assertEquals("[\"listeners.admin-token\",\"sip2.max-connections\"]", answer.path("needs_restart").toString(), answer.toString());
        assertEquals(maxConnections, gateway.config().sip2().maxConnections(), "not applied");
        assertNull(gateway.config().listeners().adminToken(), "not applied");
        assertTrue(events(EventType.CONFIGURATION_RELOADED).stream().anyMatch(e -> e.detail().contains("changed, needs a restart: "
                + "listeners.admin-token, sip2.max-connections")), "and said in the event log");
        write(config(account("kiosk1", K1, "lobby"), "Enjoy", ALPHA, 21));
        assertEquals(0, ok(api.post("/admin/reload", root, null), 200).json().path("needs_restart").size());
    }

    @Test
    void onlyAnAdminOfTheWholeGatewayMayReload() throws Exception {
        problem(api.post("/admin/reload", null, null), 401);
        problem(api.post("/admin/reload", api.token("grace", PASSWORD), null), 403);
        StaffApiClient.Answer scoped = problem(api.post("/admin/reload", api.token("westadmin", PASSWORD), null), 403);
        assertTrue(scoped.text("detail").contains("library-scoped"), scoped.raw().body());
        assertFalse(events(EventType.CONFIGURATION_RELOADED).stream().anyMatch(e -> "grace".equals(e.actor()) || "westadmin".equals(e.actor())));
    }
}
