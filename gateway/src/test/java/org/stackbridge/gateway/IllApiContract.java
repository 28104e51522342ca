package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stackbridge.gateway.NcipTestMessages.item;
import static org.stackbridge.gateway.NcipTestMessages.msg;
import static org.stackbridge.gateway.NcipTestMessages.request;
import static org.stackbridge.gateway.NcipTestMessages.user;
import static org.stackbridge.gateway.StaffApiClient.invalid;
import static org.stackbridge.gateway.StaffApiClient.problem;
import static org.stackbridge.gateway.StaffApiClient.refused;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
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
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.ill.IllCommands;
import org.stackbridge.core.ill.IllViews;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.gateway.StaffApiClient.Answer;

/**
 * Interlibrary loan at the desk over real HTTP against the whole gateway, on H2 and on PostgreSQL: the queue and its
 * filters, a request with its timeline, look-up by the partner's request id, transitions by hand, and a borrowing
 * request started through the API and then carried by the partner's NCIP messages.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
abstract class IllApiContract extends StaffApiFixture {

    @TempDir
    static Path data;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start() throws Exception {
        startGateway(data, List.of("grace:LIBRARIAN:MAIN", "tim:TECHNICIAN:MAIN", "nora:LIBRARIAN:NORTH", "root:ADMIN:"), tx -> {
            for (String p : List.of("IP1", "IP2", "IP3")) {
                tx.patrons().insert(new Patron(0, p, null, "Reader " + p, "ADULT", null, null, null, LocalDate.of(2030, 1, 1), "MAIN", false));
            }
            tx.patrons().insert(new Patron(0, "OLD", null, "Expired Reader", "ADULT", null, null, null, LocalDate.of(2020, 1, 1), "MAIN", false));
            tx.patrons().insert(new Patron(0, "ILL-PARTNER", null, "Partner library", "ILL", null, null, null, LocalDate.of(2030, 1, 1), "MAIN",
                    false));
            BibRecord solaris = tx.bibs().insert(new BibRecord(0, "ib1", "Solaris", "Lem, Stanisław", null, null, null, null));
            tx.items().insert(new Item(0, "IL1", solaris.id(), "BOOK", "MAIN", "MAIN", "Stacks", "PG7158", BigDecimal.TEN,
                    ItemStatus.AVAILABLE, null, null));
        },
                "libraries:",
                "  - {code: MAIN, name: Main Library}",
                "  - {code: NORTH, name: North Library}",
                "ncip:",
                "  libraries: {MAIN: MAIN}",
                "  agencies:",
                "    reshare:",
                "      dialect: reshare",
                "      shared-secret: s3cret",
                "      defaults: {lending-patron: ILL-PARTNER, pickup-library: MAIN}",
                "    relais:",
                "      dialect: relais");
    }

    private Answer borrow(String token, String body, String... headers) throws Exception {
        return api.post("/ill/requests", token, body, headers);
    }

    private JsonNode started(String token, String body) throws Exception {
        Answer a = borrow(token, body);
        assertEquals(201, a.status(), a.raw().body());
        return a.json();
    }

    private HttpResponse<String> ncip(String body) throws Exception {
        return NcipTestMessages.send(http, gateway.httpPort(), body);
    }

    private static List<Long> ids(JsonNode array) {
        List<Long> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path("id").asLong()));
        return out;
    }

    // ------------------------------------------------------------------ borrowing, then NCIP

    @Test
    void aBorrowingRequestStartedThroughTheApiIsCarriedByThePartnersNcipMessages() throws Exception {
        String token = api.token("grace");
        JsonNode r = started(token, "{\"patron\":\"IP1\",\"partner\":\"reshare\",\"title\":\"The Cyberiad\",\"author\":\"Lem\","
                + "\"isbn\":\"9780156027595\",\"note\":\"for a course\"}");
        assertEquals("BORROWING", r.path("role").asText());
        assertEquals("REQUESTED", r.path("state").asText());
        assertEquals("reshare", r.path("partner_agency").asText());
        assertEquals("IP1", r.path("patron_barcode").asText());
        assertEquals("The Cyberiad", r.path("title").asText());
        assertEquals("MAIN", r.path("pickup_library").asText());
        String partnerRequestId = r.path("external_id").asText();
        assertTrue(partnerRequestId.matches("SB-[0-9A-F]{12}"), partnerRequestId);
        long id = r.path("id").asLong();

        Answer found = api.get("/ill/requests?partner_request_id=" + partnerRequestId + "&partner=reshare", token);
        assertEquals(200, found.status(), found.raw().body());
        assertEquals(List.of(id), ids(found.json()));
        assertEquals("1", found.header("X-Total-Count"));
        assertEquals(List.of(id), ids(api.get("/ill/requests?partner_request_id=" + partnerRequestId, token).json()));
        assertEquals(0, api.get("/ill/requests?partner_request_id=" + partnerRequestId + "&partner=relais", token).json().size());

        clock.advance(Duration.ofDays(3));
        HttpResponse<String> accepted = ncip(msg("AcceptItem", request("reshare", partnerRequestId)
                + "<ns1:RequestedActionType>Hold For Pickup</ns1:RequestedActionType>" + user("IP1") + item("ILL-API-1")));
        assertEquals(200, accepted.statusCode());
        assertFalse(accepted.body().contains("Problem"), accepted.body());

        token = api.token("grace");
        Answer detail = api.get("/ill/requests/" + id, token);
        assertEquals(200, detail.status(), detail.raw().body());
        assertEquals("RECEIVED", detail.json().path("request").path("state").asText(), detail.raw().body());
        assertEquals("ILL-API-1", detail.json().path("request").path("item_barcode").asText());
        JsonNode history = detail.json().path("history");
        assertEquals(2, history.size(), detail.raw().body());
        assertEquals("NEW", history.path(0).path("from").asText());
        assertEquals("REQUESTED", history.path(0).path("to").asText());
        assertEquals("grace", history.path(0).path("actor").asText());
        assertEquals("API", history.path(0).path("channel").asText());
        assertEquals("author=Lem isbn=9780156027595; for a course", history.path(0).path("note").asText());
        assertEquals(T0, Instant.parse(history.path(0).path("at").asText()));
        assertEquals("REQUESTED", history.path(1).path("from").asText());
        assertEquals("RECEIVED", history.path(1).path("to").asText());
        assertEquals("NCIP", history.path(1).path("channel").asText());
        assertEquals(T0.plus(Duration.ofDays(3)), Instant.parse(history.path(1).path("at").asText()));
        assertEquals(1, api.get("/patrons/IP1/holds", token).json().size(), "the borrowed item waits on the hold shelf for the patron");
    }

    @Test
    void aBorrowingRequestForALocalRecordAndARetryWithTheSameKeyStartOneRequest() throws Exception {
        String token = api.token("grace");
        Answer first = borrow(token, "{\"patron\":\"IP2\",\"partner\":\"relais\",\"biblio\":\"ib1\"}", "Idempotency-Key", "ill-ip2-1");
        assertEquals(201, first.status(), first.raw().body());
        assertEquals("Solaris", first.text("title"));
        assertEquals("ib1", first.text("bib_control_number"));
        Answer retry = borrow(token, "{\"patron\":\"IP2\",\"partner\":\"relais\",\"biblio\":\"ib1\"}", "Idempotency-Key", "ill-ip2-1");
        assertEquals(first.json(), retry.json());
        Answer mine = api.get("/ill/requests?partner=relais&direction=borrowing&_per_page=100", token);
        assertEquals(1, mine.json().findValuesAsText("patron_barcode").stream().filter("IP2"::equals).count(), mine.raw().body());
    }

    // ------------------------------------------------------------------ the queue

    @Test
    void theQueueFiltersByStateDirectionPartnerAndAgeAndPages() throws Exception {
        String token = api.token("root");
        long old = started(token, "{\"patron\":\"IP3\",\"partner\":\"reshare\",\"title\":\"Old request\"}").path("id").asLong();
        Outcome<IllViews.LendingRequested> lent = gateway.port().execute(new IllCommands.RequestLending(
                new RequestContext(Channel.NCIP, "reshare", "reshare", "MAIN", "MAIN", null, null), "reshare", "lend-q-1", "ILL-PARTNER",
                "IL1", null, "MAIN")).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertTrue(lent.isSuccess(), lent.toString());
        long lending = lent.value().request().id();
        clock.advance(Duration.ofDays(10));
        token = api.token("root");
        long fresh = started(token, "{\"patron\":\"IP3\",\"partner\":\"reshare\",\"title\":\"New request\"}").path("id").asLong();

        List<Long> lendingOnly = ids(api.get("/ill/requests?direction=lending&_per_page=100", token).json());
        assertTrue(lendingOnly.contains(lending) && !lendingOnly.contains(old) && !lendingOnly.contains(fresh), lendingOnly.toString());
        List<Long> borrowing = ids(api.get("/ill/requests?direction=borrowing&state=requested&partner=reshare&_per_page=100", token).json());
        assertTrue(borrowing.contains(old) && borrowing.contains(fresh) && !borrowing.contains(lending), borrowing.toString());
        List<Long> aged = ids(api.get("/ill/requests?older_than_days=5&_per_page=100", token).json());
        assertTrue(aged.contains(old) && aged.contains(lending) && !aged.contains(fresh), aged.toString());

        Answer all = api.get("/ill/requests?_per_page=100", token);
        int total = Integer.parseInt(all.header("X-Total-Count"));
        assertEquals(all.json().size(), total);
        Answer page2 = api.get("/ill/requests?_per_page=1&_page=2", token);
        assertEquals(String.valueOf(total), page2.header("X-Total-Count"));
        assertEquals(List.of(ids(all.json()).get(1)), ids(page2.json()), "oldest first, one per page");

        // a library-scoped account of another institution sees none of MAIN's requests
        String north = api.token("nora");
        assertEquals(0, api.get("/ill/requests?_per_page=100", north).json().size());
        refused(api.get("/ill/requests/" + old, north), 404, "UNKNOWN_ILL_REQUEST");
        refused(api.post("/ill/requests/" + old + "/transitions", north, "{\"to\":\"cancelled\"}"), 404, "UNKNOWN_ILL_REQUEST");
    }

    // ------------------------------------------------------------------ transitions

    @Test
    void transitionsMoveARequestAndIllegalOnesAreConflictsNamingTheAllowedStates() throws Exception {
        String token = api.token("grace");
        long id = started(token, "{\"patron\":\"IP1\",\"partner\":\"relais\",\"title\":\"Shipped book\"}").path("id").asLong();
        Answer shipped = api.post("/ill/requests/" + id + "/transitions", token, "{\"to\":\"shipped_to_us\",\"note\":\"tracking 1Z999\"}");
        assertEquals(201, shipped.status(), shipped.raw().body());
        assertEquals("SHIPPED_TO_US", shipped.text("state"));

        Answer illegal = refused(api.post("/ill/requests/" + id + "/transitions", token, "{\"to\":\"complete\"}"), 409, "INVALID_TRANSITION");
        assertTrue(illegal.text("detail").contains("allowed: [CANCELLED, LOST_IN_TRANSIT]"), illegal.raw().body());

        JsonNode history = api.get("/ill/requests/" + id, token).json().path("history");
        assertEquals(2, history.size(), history.toString());
        assertEquals("SHIPPED_TO_US", history.path(1).path("to").asText());
        assertEquals("tracking 1Z999", history.path(1).path("note").asText());
        assertEquals("grace", history.path(1).path("actor").asText());
    }

    // ------------------------------------------------------------------ errors

    @Test
    void badRequestsGet400NamingTheField() throws Exception {
        String token = api.token("grace");
        invalid(borrow(token, "{}"), "patron");
        Answer partner = invalid(borrow(token, "{\"patron\":\"IP1\",\"partner\":\"nobody\",\"title\":\"X\"}"), "partner");
        assertTrue(partner.json().path("errors").path(0).path("reason").asText().contains("reshare"), partner.raw().body());
        invalid(borrow(token, "{\"patron\":\"IP1\",\"partner\":\"reshare\"}"), "title");
        invalid(borrow(token, "{\"patron\":\"IP1\",\"partner\":\"reshare\",\"biblio\":\"ib1\",\"title\":\"X\"}"), "biblio");
        invalid(borrow(token, "{\"patron\":\"IP1\",\"partner\":\"reshare\",\"author\":\"Lem\"}"), "title");
        invalid(borrow(token, "{\"patron\":\"IP1\",\"partner\":\"reshare\",\"title\":\"X\",\"year\":1965}"), "year");
        invalid(api.post("/ill/requests/1/transitions", token, "{}"), "to");
        invalid(api.post("/ill/requests/1/transitions", token, "{\"to\":\"flying\"}"), "to");
        invalid(api.get("/ill/requests?state=bogus", token), "state");
        invalid(api.get("/ill/requests?direction=up", token), "direction");
        invalid(api.get("/ill/requests?older_than_days=-1", token), "older_than_days");
        invalid(api.get("/ill/requests?_per_page=1000", token), "_per_page");
    }

    @Test
    void aTechnicianGets403() throws Exception {
        String technician = api.token("tim");
        Answer denied = problem(api.get("/ill/requests", technician), 403);
        assertTrue(denied.text("detail").contains("technician"), denied.raw().body());
        problem(api.get("/ill/requests/1", technician), 403);
        problem(borrow(technician, "{\"patron\":\"IP1\",\"partner\":\"reshare\",\"title\":\"X\"}"), 403);
        problem(api.post("/ill/requests/1/transitions", technician, "{\"to\":\"cancelled\"}"), 403);
        problem(api.get("/ill/requests", null), 401);
    }

    @Test
    void unknownRequestsPatronsAndTitlesGet404() throws Exception {
        String token = api.token("grace");
        refused(api.get("/ill/requests/999999", token), 404, "UNKNOWN_ILL_REQUEST");
        problem(api.get("/ill/requests/abc", token), 404);
        refused(api.post("/ill/requests/999999/transitions", token, "{\"to\":\"cancelled\"}"), 404, "UNKNOWN_ILL_REQUEST");
        refused(borrow(token, "{\"patron\":\"NOPE\",\"partner\":\"reshare\",\"title\":\"X\"}"), 404, "UNKNOWN_PATRON");
        refused(borrow(token, "{\"patron\":\"IP1\",\"partner\":\"reshare\",\"biblio\":\"nope\"}"), 404, "UNKNOWN_ITEM");
    }

    @Test
    void aPatronTheIllBorrowPolicyRefusesGets409AndNoRequest() throws Exception {
        String token = api.token("grace");
        Answer expired = refused(borrow(token, "{\"patron\":\"OLD\",\"partner\":\"reshare\",\"title\":\"Anything\"}"), 409, "PATRON_EXPIRED");
        assertTrue(expired.text("detail").contains("expired"), expired.raw().body());
        assertEquals(0, api.get("/ill/requests?_per_page=100", api.token("root")).json().findValuesAsText("patron_barcode").stream()
                .filter("OLD"::equals).count());
    }
}
