package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stackbridge.gateway.StaffApiClient.invalid;
import static org.stackbridge.gateway.StaffApiClient.problem;
import static org.stackbridge.gateway.StaffApiClient.refused;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
import org.stackbridge.core.model.HoldStatus;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Patron;
import org.stackbridge.gateway.StaffApiClient.Answer;
import org.stackbridge.sip2.client.Sip2Client;
import org.stackbridge.sip2.client.Sip2Requests;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.spec.FieldCode;
import org.stackbridge.sip2.spec.FixedField;

/**
 * Holds at the desk over real HTTP against the whole gateway, on H2 and on PostgreSQL: placing, listing, cancelling,
 * suspending and resuming holds, the pull, clear-shelf and transit lists, and a suspended hold passed over at a SIP2
 * kiosk's check-in. Every role has the circulation permission, so these calls have no 403 case; the role checks of
 * the ILL calls are in {@link IllApiContract}. One gateway serves the class; each test uses its own titles.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
abstract class HoldsApiContract extends StaffApiFixture {

    @TempDir
    static Path data;

    @BeforeAll
    void start() throws Exception {
        startGateway(data, List.of("grace:LIBRARIAN:MAIN", "tim:TECHNICIAN:EAST", "nora:TECHNICIAN:NORTH"), tx -> {
            for (int i = 1; i <= 9; i++) {
                tx.patrons().insert(new Patron(0, "HP" + i, null, "Holder " + i, "ADULT", null, null, null, LocalDate.of(2030, 1, 1),
                        "MAIN", false));
            }
            String[][] titles = {{"hb1", "H1", "H2"}, {"hb2", "H3"}, {"hb3", "H4"}, {"hb4", "S1"}, {"hb5", "H5"}, {"hb6", "H6"}, {"hb7", "H7"}};
            for (String[] t : titles) {
                BibRecord bib = tx.bibs().insert(new BibRecord(0, t[0], "Title " + t[0], "Author", null, null, null, null));
                for (int i = 1; i < t.length; i++) {
                    tx.items().insert(new Item(0, t[i], bib.id(), "BOOK", "MAIN", "MAIN", "Stacks", "QA " + t[i], BigDecimal.TEN,
                            ItemStatus.AVAILABLE, null, null));
                }
            }
        },
                "libraries:",
                "  - {code: MAIN, name: Main Library}",
                "  - {code: EAST, name: East Branch, institution: MAIN}",
                "  - {code: NORTH, name: North Library}",
                "sip2-accounts:",
                "  - {login: kiosk, password-hash: \"" + HASHER.hash("kiosk") + "\", institution: MAIN}");
    }

    private Answer place(String token, String body, String... headers) throws Exception {
        return api.post("/holds", token, body, headers);
    }

    private long placed(String token, String body) throws Exception {
        Answer a = place(token, body);
        assertEquals(201, a.status(), a.raw().body());
        return a.json().path("hold_id").asLong();
    }

    private static List<String> values(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }

    // ------------------------------------------------------------------ place, list, cancel

    @Test
    void holdsArePlacedListedInQueueOrderAndCancelledWithAReason() throws Exception {
        String token = api.token("grace");
        Answer title = place(token, "{\"patron\":\"HP1\",\"biblio\":\"hb1\"}");
        assertEquals(201, title.status(), title.raw().body());
        assertEquals(1, title.json().path("queue_position").asInt());
        assertEquals("MAIN", title.text("pickup_library"));
        Answer item = place(token, "{\"patron\":\"HP2\",\"item\":\"H2\",\"pickup_library\":\"EAST\",\"expiration_date\":\"2027-01-31\"}");
        assertEquals(201, item.status(), item.raw().body());
        assertEquals(2, item.json().path("queue_position").asInt());
        assertEquals("H2", item.text("item_barcode"));
        assertEquals("2027-01-31", item.text("expires_on"));

        Answer queue = api.get("/biblios/hb1/holds", token);
        assertEquals(200, queue.status(), queue.raw().body());
        assertEquals(List.of("HP1", "HP2"), values(queue.json(), "patron_barcode"));
        assertEquals(List.of("1", "2"), values(queue.json(), "queue_position"));
        assertEquals(List.of("WAITING", "WAITING"), values(queue.json(), "status"));
        Answer mine = api.get("/patrons/HP2/holds", token);
        assertEquals(200, mine.status(), mine.raw().body());
        assertEquals(List.of("hb1"), values(mine.json(), "bib_control_number"));
        assertEquals("EAST", mine.json().path(0).path("pickup_library").asText());

        long id = title.json().path("hold_id").asLong();
        Answer cancelled = api.call("DELETE", "/holds/" + id, token, "{\"reason\":\"patron asked\"}");
        assertEquals(200, cancelled.status(), cancelled.raw().body());
        assertEquals("CANCELLED", cancelled.text("status"));
        assertEquals(List.of("HP2"), values(api.get("/biblios/hb1/holds", token).json(), "patron_barcode"));
        assertEquals("1", values(api.get("/biblios/hb1/holds", token).json(), "queue_position").get(0), "the next hold moves up");
        CirculationEvent logged = events(EventType.HOLD_CANCELLED).stream().filter(e -> e.detail().startsWith("hold=" + id + " "))
                .findFirst().orElseThrow();
        assertEquals("grace", logged.actor());
        assertEquals("hold=" + id + " WAITING->CANCELLED reason=patron asked", logged.detail());
        refused(api.delete("/holds/" + id, token), 409, "INVALID_TRANSITION");
        long second = item.json().path("hold_id").asLong();
        Answer noReason = api.delete("/holds/" + second, token);
        assertEquals(200, noReason.status(), noReason.raw().body());
        assertEquals(0, api.get("/patrons/HP2/holds", token).json().size());
    }

    @Test
    void badRequestsGet400NamingTheField() throws Exception {
        String token = api.token("tim");
        invalid(place(token, "{}"), "patron");
        invalid(place(token, "{\"patron\":\"HP1\"}"), "item");
        invalid(place(token, "{\"patron\":\"HP1\",\"item\":\"H1\",\"biblio\":\"hb1\"}"), "biblio");
        invalid(place(token, "{\"patron\":\"HP1\",\"biblio\":\"hb1\",\"expiration_date\":\"soon\"}"), "expiration_date");
        invalid(place(token, "{\"patron\":\"HP1\",\"biblio\":\"hb1\",\"pickup_library\":7}"), "pickup_library");
        invalid(place(token, "{\"patron\":\"HP1\",\"biblio\":\"hb1\",\"queue\":1}"), "queue");
        invalid(api.post("/holds/1/suspension", token, "{\"until\":\"next week\"}"), "until");
        invalid(api.get("/holds/pull-list", token), "library");
        invalid(api.get("/holds/pull-list?library=MAIN&_per_page=0", token), "_per_page");
        invalid(api.get("/holds/clear-shelf?library=MAIN&_page=x", token), "_page");
        invalid(api.get("/transits?library=MAIN&direction=sideways", token), "direction");
        assertEquals(0, events(EventType.HOLD_PLACED).stream().filter(e -> "tim".equals(e.actor())).count(), "nothing was placed");
    }

    @Test
    void unknownPatronsTitlesHoldsAndLibrariesGet404() throws Exception {
        String token = api.token("grace");
        refused(place(token, "{\"patron\":\"NOPE\",\"biblio\":\"hb5\"}"), 404, "UNKNOWN_PATRON");
        refused(place(token, "{\"patron\":\"HP1\",\"item\":\"NOPE\"}"), 404, "UNKNOWN_ITEM");
        refused(place(token, "{\"patron\":\"HP1\",\"biblio\":\"hb5\",\"pickup_library\":\"NORTH\"}"), 404, "UNKNOWN_LIBRARY");
        refused(api.get("/holds/999999", token), 404, "UNKNOWN_HOLD");
        problem(api.get("/holds/not-a-number", token), 404);
        refused(api.delete("/holds/999999", token), 404, "UNKNOWN_HOLD");
        refused(api.post("/holds/999999/suspension", token, "{}"), 404, "UNKNOWN_HOLD");
        refused(api.delete("/holds/999999/suspension", token), 404, "UNKNOWN_HOLD");
        refused(api.get("/patrons/NOPE/holds", token), 404, "UNKNOWN_PATRON");
        refused(api.get("/biblios/NOPE/holds", token), 404, "UNKNOWN_ITEM");
        refused(api.get("/holds/pull-list?library=NOPE", token), 404, "UNKNOWN_LIBRARY");
        refused(api.get("/holds/clear-shelf?library=NOPE", token), 404, "UNKNOWN_LIBRARY");
        refused(api.get("/transits?library=NOPE", token), 404, "UNKNOWN_LIBRARY");

        // a library-scoped account of another institution does not see MAIN's holds, patrons or libraries
        long id = placed(token, "{\"patron\":\"HP6\",\"biblio\":\"hb5\"}");
        String north = api.token("nora");
        refused(api.get("/holds/" + id, north), 404, "UNKNOWN_HOLD");
        refused(api.delete("/holds/" + id, north), 404, "UNKNOWN_HOLD");
        refused(api.get("/patrons/HP6/holds", north), 404, "UNKNOWN_PATRON");
        refused(api.get("/holds/pull-list?library=MAIN", north), 404, "UNKNOWN_LIBRARY");
        refused(api.get("/transits?library=EAST", north), 404, "UNKNOWN_LIBRARY");
        assertEquals(200, api.get("/holds/" + id, api.token("tim")).status(), "a branch account sees its whole institution");
        assertEquals("WAITING", api.get("/holds/" + id, token).text("status"));
    }

    @Test
    void conflictsGet409SayingWhatConflicts() throws Exception {
        String token = api.token("grace");
        long id = placed(token, "{\"patron\":\"HP7\",\"biblio\":\"hb6\"}");
        Answer twice = refused(place(token, "{\"patron\":\"HP7\",\"item\":\"H6\"}"), 409, "DUPLICATE_HOLD");
        assertTrue(twice.text("detail").contains("already has a hold"), twice.raw().body());
        Answer past = refused(api.post("/holds/" + id + "/suspension", token, "{\"until\":\"2026-10-01\"}"), 409, "INVALID_REQUEST");
        assertTrue(past.text("detail").contains("in the past"), past.raw().body());

        Answer in = api.post("/checkins", token, "{\"item\":\"H6\"}");
        assertEquals("HOLD_SHELF", in.text("destination"), in.raw().body());
        Answer ready = refused(api.post("/holds/" + id + "/suspension", token, "{}"), 409, "INVALID_TRANSITION");
        assertTrue(ready.text("detail").contains("READY"), ready.raw().body());
        assertFalse(api.get("/holds/" + id, token).json().path("suspended").asBoolean());
    }

    @Test
    void callsWithoutATokenGet401() throws Exception {
        problem(place(null, "{\"patron\":\"HP1\",\"biblio\":\"hb1\"}"), 401);
        problem(api.get("/patrons/HP1/holds", null), 401);
        problem(api.get("/biblios/hb1/holds", null), 401);
        problem(api.get("/holds/pull-list?library=MAIN", null), 401);
        problem(api.get("/transits?library=MAIN", null), 401);
        problem(api.delete("/holds/1/suspension", null), 401);
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyPlacesOneHold() throws Exception {
        String token = api.token("grace");
        Answer first = place(token, "{\"patron\":\"HP8\",\"biblio\":\"hb7\"}", "Idempotency-Key", "hold-hp8-1");
        assertEquals(201, first.status(), first.raw().body());
        Answer retry = place(token, "{\"patron\":\"HP8\",\"biblio\":\"hb7\"}", "Idempotency-Key", "hold-hp8-1");
        assertEquals(201, retry.status(), retry.raw().body());
        assertEquals(first.json(), retry.json());
        assertEquals(1, api.get("/patrons/HP8/holds", token).json().size());
    }

    // ------------------------------------------------------------------ suspension, at a SIP2 kiosk too

    @Test
    void aSuspendedHoldKeepsItsPlaceAndIsPassedOverAtASip2KioskCheckin() throws Exception {
        String token = api.token("grace");
        assertEquals(201, api.post("/checkouts", token, "{\"patron\":\"HP3\",\"item\":\"S1\"}").status());
        long first = placed(token, "{\"patron\":\"HP4\",\"biblio\":\"hb4\"}");
        long second = placed(token, "{\"patron\":\"HP5\",\"biblio\":\"hb4\"}");
        Answer suspended = api.post("/holds/" + first + "/suspension", token, "{\"until\":\"2026-12-01\"}");
        assertEquals(201, suspended.status(), suspended.raw().body());
        assertTrue(suspended.json().path("suspended").asBoolean());
        assertEquals("2026-12-01", suspended.text("suspended_until"));
        assertEquals(1, suspended.json().path("queue_position").asInt());

        Sip2Requests rq = new Sip2Requests(clock, "MAIN");
        try (Sip2Client kiosk = Sip2Client.connect("127.0.0.1", gateway.sip2().port())) {
            assertEquals("1", kiosk.send(rq.login("kiosk", "kiosk", "MAIN")).fixed(FixedField.OK));
            Sip2Message in = kiosk.send(rq.checkin("S1", "MAIN"));
            assertEquals("1", in.fixed(FixedField.OK), in.toString());
            assertEquals("HP5", in.field(FieldCode.CY), "the hold after the suspended one is filled: " + in);
        }
        Answer kept = api.get("/holds/" + first, token);
        assertEquals("WAITING", kept.text("status"));
        assertEquals(1, kept.json().path("queue_position").asInt(), kept.raw().body());
        assertEquals("READY", api.get("/holds/" + second, token).text("status"));
        assertEquals(HoldStatus.WAITING, gateway.storage().read(tx -> tx.holds().byId(first)).get(30, TimeUnit.SECONDS).orElseThrow().status());

        Answer resumed = api.delete("/holds/" + first + "/suspension", token);
        assertEquals(200, resumed.status(), resumed.raw().body());
        assertFalse(resumed.json().path("suspended").asBoolean());
        List<String> changes = events(EventType.HOLD_CHANGED).stream().filter(e -> e.detail().startsWith("hold=" + first + " "))
                .map(e -> e.actor() + ": " + e.detail()).toList();
        assertEquals(List.of("grace: hold=" + first + " suspended no->until 2026-12-01",
                "grace: hold=" + first + " suspended until 2026-12-01->no"), changes);
    }

    // ------------------------------------------------------------------ desk lists

    @Test
    void thePullListClearShelfListAndTransitListsShowWhatTheDeskMustDo() throws Exception {
        String token = api.token("grace");
        long pull = placed(token, "{\"patron\":\"HP9\",\"biblio\":\"hb2\"}");
        Answer list = api.get("/holds/pull-list?library=MAIN&_per_page=100", token);
        assertEquals(200, list.status(), list.raw().body());
        JsonNode line = null;
        for (JsonNode n : list.json()) {
            if (n.path("hold_id").asLong() == pull) {
                line = n;
            }
        }
        assertTrue(line != null, list.raw().body());
        assertEquals("H3", line.path("item_barcode").asText());
        assertEquals("QA H3", line.path("call_number").asText());
        assertEquals("Stacks", line.path("location").asText());
        assertEquals("Title hb2", line.path("title").asText());
        assertEquals("HP9", line.path("patron_barcode").asText());
        assertEquals("MAIN", line.path("pickup_library").asText());
        assertEquals(String.valueOf(list.json().size()), list.header("X-Total-Count"));

        // trapped at check-in, then not collected: on the clear-shelf list once its shelf date has passed
        assertEquals("HOLD_SHELF", api.post("/checkins", token, "{\"item\":\"H3\"}").text("destination"));
        assertFalse(values(api.get("/holds/clear-shelf?library=MAIN", token).json(), "item_barcode").contains("H3"));
        clock.advance(Duration.ofDays(12));
        token = api.token("grace");
        Answer shelf = api.get("/holds/clear-shelf?library=MAIN", token);
        assertEquals(200, shelf.status(), shelf.raw().body());
        assertTrue(values(shelf.json(), "item_barcode").contains("H3"), shelf.raw().body());
        assertEquals("HP9", shelf.json().path(values(shelf.json(), "item_barcode").indexOf("H3")).path("patron_barcode").asText());

        // a hold picked up at EAST sends the item there: outgoing from MAIN, incoming at EAST, for the hold
        placed(token, "{\"patron\":\"HP9\",\"biblio\":\"hb3\",\"pickup_library\":\"EAST\"}");
        Answer sent = api.post("/checkins", token, "{\"item\":\"H4\"}");
        assertEquals("TRANSIT_FOR_HOLD", sent.text("destination"), sent.raw().body());
        Answer incoming = api.get("/transits?library=EAST&direction=incoming", token);
        assertEquals(200, incoming.status(), incoming.raw().body());
        JsonNode transit = incoming.json().path(values(incoming.json(), "item_barcode").indexOf("H4"));
        assertEquals("MAIN", transit.path("from_library").asText(), incoming.raw().body());
        assertEquals("EAST", transit.path("to_library").asText());
        assertEquals("HOLD", transit.path("reason").asText());
        assertEquals("HP9", transit.path("patron_barcode").asText());
        assertEquals(T0.plus(Duration.ofDays(12)), Instant.parse(transit.path("since").asText()));
        assertTrue(values(api.get("/transits?library=MAIN&direction=outgoing", token).json(), "item_barcode").contains("H4"));
        assertFalse(values(api.get("/transits?library=MAIN&direction=incoming", token).json(), "item_barcode").contains("H4"));
    }
}
