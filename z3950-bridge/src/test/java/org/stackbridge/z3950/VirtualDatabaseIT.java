package org.stackbridge.z3950;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.stackbridge.adapter.catalogue.LuceneCatalogueIndex;
import org.stackbridge.adapter.memory.InMemoryCirculation;
import org.stackbridge.core.catalogue.FederatedSearch;
import org.stackbridge.z3950.client.Z3950Client;
import org.stackbridge.z3950.pdu.AttributeElement;
import org.stackbridge.z3950.pdu.Diag;
import org.stackbridge.z3950.pdu.Oids;
import org.stackbridge.z3950.pdu.Z3950Pdu;
import org.stackbridge.z3950.pdu.Z3950Pdu.*;
import org.stackbridge.z3950.query.PqfParser;
import org.stackbridge.z3950.config.VirtualDatabase;
import org.stackbridge.z3950.server.Z3950Server;
import org.stackbridge.z3950.config.Z3950Settings;

/**
 * The virtual database of the Z39.50 target over real sockets, with a scripted {@link FederatedSearch} (the gateway's
 * Camel implementation is tested in the gateway): merged sets named by source, diagnostics next to a successful
 * search, v2 and v3 forms, and the refusals.
 */
@Timeout(60)
class VirtualDatabaseIT {

    static InMemoryCirculation circulation;
    static LuceneCatalogueIndex index;
    static Z3950Server server;
    static final List<FederatedSearch.Query> asked = new CopyOnWriteArrayList<>();
    static byte[] marc;

    /** "none" → every target fails; anything else → a: 10 hits (3 fetched), b: 2 hits, c and d fail. */
    static final class Scripted implements FederatedSearch {
        @Override
        public CompletionStage<Result> search(Query q) {
            asked.add(q);
            List<TargetDiagnostic> diags = List.of(new TargetDiagnostic("c", "target c (h:1) is unreachable: Connection refused"),
                    new TargetDiagnostic("d", "no answer within the timeout"));
            if (q.term().contains("none")) {
                return CompletableFuture.supplyAsync(() -> new Result(Map.of(), List.of(), diags));
            }
            Map<String, Integer> hits = new LinkedHashMap<>();
            hits.put("a", 10);
            hits.put("b", 2);
            List<Hit> recs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                recs.add(new Hit("a", marc));
            }
            recs.add(new Hit("b", marc));
            recs.add(new Hit("b", marc));
            return CompletableFuture.supplyAsync(() -> new Result(hits, recs, diags));
        }
    }

    @BeforeAll
    static void start() {
        circulation = new InMemoryCirculation(Z3950ServerFixture.CLOCK);
        index = TestCatalogue.loadInto(circulation);
        marc = index.record(index.search(new org.stackbridge.core.catalogue.CatalogueQuery.Term(
                org.stackbridge.core.catalogue.Attributes.use(7), "000470147X"))[0]).orElseThrow().marc();
        server = new Z3950Server(Z3950Settings.defaults().withPort(0), index, circulation.port(), new SimpleMeterRegistry(),
                new VirtualDatabase("Federated", new Scripted(), 5)).start();
    }

    @AfterAll
    static void stop() {
        server.close();
        index.close();
        circulation.close();
    }

    private static Z3950Client client(int versions) throws IOException {
        Z3950Client c = new Z3950Client("127.0.0.1", server.port(), 10_000);
        InitResponse ir = (InitResponse) c.exchange(new InitRequest(null, versions, 0b1_1000_0111, 1 << 20, 1 << 20, null, "t", "t", "1", null));
        assertTrue(ir.result());
        return c;
    }

    private static SearchRequest search(String set, String db, String pqf) {
        PqfParser.Pqf q = PqfParser.parse(pqf);
        return new SearchRequest("r".getBytes(StandardCharsets.US_ASCII), 0, 1, 0, true, set, List.of(db), null, null, null, 1,
                q.attributeSet(), q.rpn());
    }

    @Test
    void mergedSetIsNamedBySourceAndFailedTargetsAreDiagnostics() throws IOException {
        try (Z3950Client c = client(0b111)) {
            SearchResponse r = (SearchResponse) c.exchange(search("fed", "federated", "@attr 1=4 @attr 5=1 \"pride \\\"x\"")); // name case-insensitive
            assertTrue(r.searchStatus());
            assertEquals(12, r.resultCount());
            assertEquals(null, r.resultSetStatus());
            MultipleNonSurrogateDiagnostics d = assertInstanceOf(MultipleNonSurrogateDiagnostics.class, r.records());
            assertEquals(List.of(Diag.bib1(109, "target c (h:1) is unreachable: Connection refused"),
                    Diag.bib1(109, "d: no answer within the timeout")), d.diags());
            assertEquals(new FederatedSearch.Query("pqf", "@attr 1=4 @attr 5=1 \"pride \\\"x\"", 5), asked.get(asked.size() - 1));

            PresentResponse p = (PresentResponse) c.present("fed", 1, 5, Oids.USMARC, "F");
            ResponseRecords rr = assertInstanceOf(ResponseRecords.class, p.records());
            assertEquals(List.of("a", "b", "a", "b", "a"), rr.records().stream().map(NamePlusRecord::databaseName).toList());
            assertEquals(0, p.nextResultSetPosition());
            assertTrue(new String(rr.records().get(0).record().octetAligned(), StandardCharsets.UTF_8).contains("Complete novels"));

            PresentResponse xml = (PresentResponse) c.present("fed", 2, 1, Oids.XML, "marcxml");
            assertTrue(new String(((ResponseRecords) xml.records()).records().get(0).record().octetAligned(), StandardCharsets.UTF_8)
                    .contains("<record xmlns=\"http://www.loc.gov/MARC21/slim\">"));
            PresentResponse marc8 = (PresentResponse) c.present("fed", 1, 1, Oids.USMARC, "marc8");
            assertEquals(238, ((ResponseRecords) marc8.records()).records().get(0).surrogateDiagnostic().condition());

            PresentResponse beyond = (PresentResponse) c.present("fed", 6, 1, Oids.USMARC, "F");
            assertEquals(13, ((NonSurrogateDiagnostic) beyond.records()).diag().condition());

            SearchResponse local = (SearchResponse) c.exchange(search("loc", "Default", "@and @set fed @attr 1=4 pride"));
            assertFalse(local.searchStatus());
            assertEquals(18, ((NonSurrogateDiagnostic) local.records()).diag().condition());

            SortResponse s = (SortResponse) c.exchange(new SortRequest(null, List.of("fed"), "sorted",
                    List.of(new SortKeySpec(List.of(AttributeElement.of(1, 4)), null, 0, 1))));
            assertEquals(2, s.sortStatus());
            assertEquals(207, s.diagnostics().get(0).condition());

            ScanResponse scan = (ScanResponse) c.exchange(new ScanRequest(null, List.of("Federated"), null,
                    new org.stackbridge.z3950.pdu.RpnNode.AttributesPlusTerm(List.of(AttributeElement.of(1, 4)),
                            org.stackbridge.z3950.pdu.RpnNode.Term.general("a")), 0, 5, 1));
            assertEquals(6, scan.scanStatus());
        }
    }

    @Test
    void version2OriginsGetOneJoinedDiagnostic() throws IOException {
        try (Z3950Client c = client(0b011)) {
            SearchResponse r = (SearchResponse) c.exchange(search("1", "Federated", "@attr 1=4 emma"));
            assertTrue(r.searchStatus());
            Diag d = assertInstanceOf(NonSurrogateDiagnostic.class, r.records()).diag();
            assertEquals(109, d.condition());
            assertTrue(d.addinfo().contains("target c") && d.addinfo().contains("d: no answer"), d.addinfo());
        }
    }

    @Test
    void federatedSetsWeighTheirRecordsAgainstTheSessionBound() throws IOException {
        long weight = 5L * (marc.length + 64) / 8;
        try (Z3950Server small = new Z3950Server(Z3950Settings.defaults().withPort(0).withMaxHitsPerSession((int) (weight * 3 / 2)), index,
                circulation.port(), new SimpleMeterRegistry(), new VirtualDatabase("Federated", new Scripted(), 5)).start();
             Z3950Client c = new Z3950Client("127.0.0.1", small.port(), 10_000)) {
            assertTrue(c.init().result());
            assertTrue(((SearchResponse) c.exchange(search("s1", "Federated", "emma"))).searchStatus());
            assertTrue(((SearchResponse) c.exchange(search("s2", "Federated", "emma"))).searchStatus());
            PresentResponse gone = (PresentResponse) c.present("s1", 1, 1, Oids.USMARC, "F");
            assertEquals(27, ((NonSurrogateDiagnostic) gone.records()).diag().condition());
            assertInstanceOf(ResponseRecords.class, ((PresentResponse) c.present("s2", 1, 1, Oids.USMARC, "F")).records());
        }
    }

    @Test
    void whenEveryTargetFailsTheSearchFails() throws IOException {
        try (Z3950Client c = client(0b111)) {
            SearchResponse r = (SearchResponse) c.exchange(search("1", "Federated", "none"));
            assertFalse(r.searchStatus());
            assertEquals(3, r.resultSetStatus());
            assertEquals(0, r.resultCount());
            assertEquals(2, assertInstanceOf(MultipleNonSurrogateDiagnostics.class, r.records()).diags().size());
            PresentResponse p = (PresentResponse) c.present("1", 1, 1, Oids.USMARC, "F");
            assertEquals(30, ((NonSurrogateDiagnostic) p.records()).diag().condition());
        }
    }
}
