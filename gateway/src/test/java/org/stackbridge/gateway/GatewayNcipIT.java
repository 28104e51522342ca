package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stackbridge.gateway.NcipTestMessages.item;
import static org.stackbridge.gateway.NcipTestMessages.msg;
import static org.stackbridge.gateway.NcipTestMessages.request;
import static org.stackbridge.gateway.NcipTestMessages.send;
import static org.stackbridge.gateway.NcipTestMessages.user;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.IllRole;
import org.stackbridge.core.model.IllState;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Patron;

/** NCIP through the whole gateway (HTTP port, Camel route, engine, H2): a ReShare borrowing and a lending workflow. */
@Timeout(120)
class GatewayNcipIT {

    @TempDir
    Path data;
    Gateway gateway;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        gateway = TestGateways.start(data, Clock.fixed(Instant.parse("2026-11-02T10:00:00Z"), ZoneOffset.UTC),
                "libraries:",
                "  - {code: MAIN, name: Main Library}",
                "ncip:",
                "  libraries: {MAIN: MAIN}",
                "  agencies:",
                "    reshare:",
                "      dialect: reshare",
                "      shared-secret: s3cret",
                "      defaults: {lending-patron: ILL-PARTNER, pickup-library: MAIN}");
        gateway.storage().write(tx -> {
            tx.patrons().insert(new Patron(0, "P1", null, "Ada Lovelace", "ADULT", "ada@example.org", "555-0100", "1 Main St",
                    LocalDate.of(2030, 1, 1), "MAIN", false));
            NcipTestMessages.partnerAndDune(tx, "I1");
            return null;
        }).join();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private HttpResponse<String> post(String body) throws Exception {
        return send(http, gateway.httpPort(), body);
    }

    private static void noProblem(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        assertFalse(r.body().contains("Problem>"), r.body());
    }

    @Test
    void reshareBorrowingWorkflowThroughTheGateway() throws Exception {
        HttpResponse<String> lookup = post(msg("LookupUser", user("P1")
                + "<ns1:UserElementType>Name Information</ns1:UserElementType><ns1:UserElementType>User Privilege</ns1:UserElementType>"));
        noProblem(lookup);
        assertTrue(lookup.body().contains("UserOptionalFields") && lookup.body().contains("Lovelace"), lookup.body());

        String accept = msg("AcceptItem", request("reshare", "r-100") + "<ns1:RequestedActionType>Hold For Pickup</ns1:RequestedActionType>"
                + user("P1") + item("ILL-900")
                + "<ns1:ItemOptionalFields><ns1:BibliographicDescription><ns1:Title>The Shadow of the Torturer</ns1:Title>"
                + "</ns1:BibliographicDescription></ns1:ItemOptionalFields><ns1:PickupLocation>MAIN</ns1:PickupLocation>");
        HttpResponse<String> accepted = post(accept);
        noProblem(accepted);
        HttpResponse<String> retried = post(accept);
        assertEquals(accepted.body(), retried.body(), "a retry answers as the first did");
        Item temp = gateway.storage().read(tx -> tx.items().byBarcode("ILL-900")).join().orElseThrow();
        assertEquals(ItemStatus.ON_HOLD_SHELF, temp.status());

        noProblem(post(msg("CheckOutItem", user("P1") + item("ILL-900"))));
        noProblem(post(msg("CheckInItem", item("ILL-900"))));
        noProblem(post(msg("DeleteItem", item("ILL-900"))));

        var ill = gateway.storage().read(tx -> tx.ill().byExternalId("reshare", "r-100", IllRole.BORROWING)).join().orElseThrow();
        assertEquals(IllState.COMPLETE, ill.state());
        var transitions = gateway.storage().read(tx -> tx.events().between(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), 1000))
                .join().stream().filter(e -> e.type() == EventType.ILL_TRANSITION).map(e -> e.detail()).toList();
        assertTrue(transitions.stream().anyMatch(d -> d.contains("->RECEIVED")), transitions.toString());
        assertTrue(transitions.stream().anyMatch(d -> d.contains("->CHECKED_OUT_TO_PATRON")), transitions.toString());
        assertTrue(transitions.stream().anyMatch(d -> d.contains("->COMPLETE")), transitions.toString());
    }

    @Test
    void lendingWorkflowThroughTheGateway() throws Exception {
        noProblem(post(msg("RequestItem", user("ILL-PARTNER") + item("I1") + request("reshare", "L-1")
                + "<ns1:RequestType>Loan</ns1:RequestType><ns1:RequestScopeType>Item</ns1:RequestScopeType>")));
        noProblem(post(msg("CheckOutItem", user("ILL-PARTNER") + item("I1") + request("reshare", "L-1"))));
        assertEquals(ItemStatus.CHECKED_OUT, gateway.storage().read(tx -> tx.items().byBarcode("I1")).join().orElseThrow().status());
        noProblem(post(msg("CheckInItem", item("I1") + request("reshare", "L-1"))));
        var ill = gateway.storage().read(tx -> tx.ill().byExternalId("reshare", "L-1", IllRole.LENDING)).join().orElseThrow();
        assertEquals(IllState.COMPLETE, ill.state());
    }

    @Test
    void hostileAndOversizedBodiesGetNcipProblemsAndTheServerStaysUp() throws Exception {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + msg("LookupUser", user("&e;")).substring("<?xml version=\"1.0\" encoding=\"UTF-8\"?>".length());
        HttpResponse<String> r = post(xxe);
        assertTrue(r.body().contains("Problem") && !r.body().contains("root:"), r.body());

        HttpResponse<String> big = post("<x>" + "a".repeat(1_100_000) + "</x>");
        assertEquals(413, big.statusCode());
        assertTrue(big.body().contains("NCIPMessage") && big.body().contains("Problem"), big.body());

        HttpResponse<String> unknown = post(msg("LookupUser", user("NOBODY")));
        assertTrue(unknown.body().contains("Unknown User"), unknown.body());
        noProblem(post(msg("LookupUser", user("P1"))));
    }
}
