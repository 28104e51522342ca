package org.stackbridge.z3950.handler;

import static org.stackbridge.z3950.handler.Z3950Association.diagOf;
import static org.stackbridge.z3950.handler.Z3950Association.done;

import io.micrometer.core.instrument.Counter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.catalogue.CatalogueQuery;
import org.stackbridge.core.catalogue.FederatedSearch;
import org.stackbridge.core.catalogue.UnsupportedSearchException;
import org.stackbridge.z3950.config.VirtualDatabase;
import org.stackbridge.z3950.pdu.Diag;
import org.stackbridge.z3950.pdu.Z3950Pdu;
import org.stackbridge.z3950.pdu.Z3950Pdu.MultipleNonSurrogateDiagnostics;
import org.stackbridge.z3950.pdu.Z3950Pdu.NonSurrogateDiagnostic;
import org.stackbridge.z3950.pdu.Z3950Pdu.Records;
import org.stackbridge.z3950.pdu.Z3950Pdu.SearchRequest;
import org.stackbridge.z3950.pdu.Z3950Pdu.SearchResponse;
import org.stackbridge.z3950.pdu.Oids;
import org.stackbridge.z3950.query.CqlParser;
import org.stackbridge.z3950.query.PqfWriter;
import org.stackbridge.z3950.query.Z3950QueryMapper;

/**
 * Search: database, query type and result-set checks (109, 111, 107, 128, 21, 112), RPN (type 1/101) or CQL (type 104,
 * through the SRU CQL parser) to a core
 * {@link CatalogueQuery}, the named result set, piggybacked records; searches of the virtual database go to the
 * remote targets.
 */
final class SearchHandler implements Z3950RequestHandler<SearchRequest> {

    private final Z3950Association a;
    private final VirtualDatabase virtual;
    private final PresentHandler present;
    /** The most frequent counter, looked up once per association. */
    private Counter searchOk;

    SearchHandler(Z3950Association association, PresentHandler present) {
        this.a = association;
        this.virtual = association.virtual();
        this.present = present;
    }

    @Override
    public CompletionStage<Z3950Pdu> handle(SearchRequest r) {
        Diag dbDiag = a.checkDatabases(r.databaseNames());
        if (dbDiag != null) {
            return done(failedSearch(r, dbDiag));
        }
        if (r.queryType() != 1 && r.queryType() != 101 && !(r.queryType() == 104 && r.cql() != null)) {
            return done(failedSearch(r, Diag.bib1(107, Integer.toString(r.queryType()))));
        }
        String name = r.resultSetName();
        if (name == null || name.isEmpty() || name.length() > 200) {
            return done(failedSearch(r, Diag.bib1(128, name)));
        }
        if (a.session().resultSets.containsKey(name) && !r.replaceIndicator()) {
            return done(failedSearch(r, Diag.bib1(21, name)));
        }
        if (!a.session().resultSets.containsKey(name) && a.session().resultSets.size() >= a.settings().maxResultSets()) {
            return done(failedSearch(r, Diag.bib1(112, Integer.toString(a.settings().maxResultSets()))));
        }
        if (a.isVirtual(r.databaseNames().get(0))) {
            return federatedSearch(r, name);
        }
        CatalogueQuery query;
        try {
            boolean cql = r.queryType() == 104;
            query = Z3950QueryMapper.map(cql ? Oids.BIB1_ATTRIBUTES : r.attributeSet(), cql ? CqlParser.parse(r.cql()).rpn() : r.rpn(), n -> {
                Z3950Session.ResultSet s = a.session().resultSets.get(n);
                if (s != null && s.federated()) {
                    throw new UnsupportedSearchException(18, n, "a set of the virtual database cannot be searched locally");
                }
                return s == null ? null : s.ids();
            });
        } catch (UnsupportedSearchException e) {
            a.session().remove(name);
            return done(failedSearch(r, diagOf(e)));
        }
        String db = a.settings().database(r.databaseNames().get(0));
        // a repeated search answered from the index's in-memory result cache stays on the event loop
        long[] cached = a.catalogue().index().searchIfCached(query);
        if (cached != null) {
            return searched(r, name, db, cached);
        }
        return a.catalogue().async(() -> a.catalogue().index().search(query)).handle((ids, err) -> {
            if (err != null) {
                a.session().remove(name);
                return CompletableFuture.<Z3950Pdu>completedFuture(failedSearch(r, diagOf(err)));
            }
            return searched(r, name, db, ids);
        }).thenCompose(x -> x);
    }

    /** Stores the hits as the named set and answers, piggybacking records when the request asks for them. */
    private CompletionStage<Z3950Pdu> searched(SearchRequest r, String name, String db, long[] ids) {
        int n = ids.length;
        long[] kept = n > a.settings().maxHitsPerSession() ? Arrays.copyOf(ids, a.settings().maxHitsPerSession()) : ids;
        a.session().put(new Z3950Session.ResultSet(name, db, kept, n), a.settings().maxHitsPerSession());
        if (searchOk == null) {
            searchOk = a.metrics().counter("search", "ok");
        }
        searchOk.increment();
        return piggyback(r, name, n, Integer.MAX_VALUE);
    }

    /**
     * The search response for {@code n} hits in result set {@code name}, with the records the small/medium/large set
     * rules of the request ask to piggyback (at most {@code available} of them).
     */
    private CompletionStage<Z3950Pdu> piggyback(SearchRequest r, String name, int n, int available) {
        int piggy = n <= r.smallSetUpperBound() ? n : n < r.largeSetLowerBound() ? Math.min(n, r.mediumSetPresentNumber()) : 0;
        piggy = Math.min(piggy, available);
        if (piggy <= 0) {
            return CompletableFuture.<Z3950Pdu>completedFuture(new SearchResponse(r.referenceId(), n, 0, 1, true, null, null, null));
        }
        String esn = n <= r.smallSetUpperBound() ? r.smallSetElementSetName() : r.mediumSetElementSetName();
        return present.presentRecords(a.session().resultSets.get(name), 1, Math.min(piggy, a.settings().maxRecordsPerPresent()), r.preferredRecordSyntax(), esn)
                .thenApply(p -> (Z3950Pdu) new SearchResponse(r.referenceId(), n, p.numberOfRecordsReturned(), p.nextResultSetPosition(),
                        true, null, p.presentStatus(), p.records()));
    }

    /**
     * A search of the virtual database: the query goes to every remote target as the client sent it (PQF), the
     * answering targets' records are merged round-robin into the named set. Each failed or slow target is a
     * non-surrogate diagnostic 109 (database unavailable, addinfo naming the target) next to searchStatus TRUE and
     * the others' hit count, as YAZ's yaz-client shows them; only when every target fails does the search fail.
     */
    private CompletionStage<Z3950Pdu> federatedSearch(SearchRequest r, String name) {
        String pqf;
        try {
            pqf = PqfWriter.write(r.attributeSet(), r.rpn());
        } catch (UnsupportedSearchException e) {
            a.session().remove(name);
            return done(failedSearch(r, diagOf(e)));
        }
        CompletionStage<FederatedSearch.Result> answer;
        try {
            answer = virtual.search().search(new FederatedSearch.Query("pqf", pqf, virtual.maxRecordsPerTarget()));
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.handle((res, err) -> {
            if (err != null) {
                a.session().remove(name);
                return CompletableFuture.<Z3950Pdu>completedFuture(failedSearch(r, diagOf(err)));
            }
            List<Diag> diags = new ArrayList<>();
            for (FederatedSearch.TargetDiagnostic d : res.diagnostics()) {
                String msg = d.message() == null ? "failed" : d.message();
                String info = msg.contains(d.target()) ? msg : d.target() + ": " + msg;
                diags.add(Diag.bib1(109, info.length() > 300 ? info.substring(0, 300) : info));
            }
            if (res.hitsPerTarget().isEmpty()) {
                a.session().remove(name);
                a.count("search", "federated-failed");
                List<Diag> all = diags.isEmpty() ? List.of(Diag.bib1(109, virtual.name() + ": no remote targets")) : diags;
                return CompletableFuture.<Z3950Pdu>completedFuture(
                        new SearchResponse(r.referenceId(), 0, 0, 1, false, 3, null, nonSurrogate(all)));
            }
            List<FederatedSearch.Hit> merged = VirtualDatabase.interleave(res.records());
            int n = (int) Math.min(Integer.MAX_VALUE, res.hitsPerTarget().values().stream().mapToLong(Integer::longValue).sum());
            a.session().put(new Z3950Session.ResultSet(name, virtual.name(), new long[0], n, merged), a.settings().maxHitsPerSession());
            a.count("search", diags.isEmpty() ? "federated" : "federated-partial");
            if (!diags.isEmpty()) {
                // the diagnostics take the records field: the client presents the merged set afterwards
                return CompletableFuture.<Z3950Pdu>completedFuture(
                        new SearchResponse(r.referenceId(), n, 0, 1, true, null, null, nonSurrogate(diags)));
            }
            return piggyback(r, name, n, merged.size());
        }).thenCompose(x -> x);
    }

    /** One diagnostic, or several as multipleNonSurDiagnostics (v3); v2 origins get them joined into one. */
    private Records nonSurrogate(List<Diag> diags) {
        if (diags.size() == 1) {
            return new NonSurrogateDiagnostic(diags.get(0));
        }
        if (a.session().version3) {
            return new MultipleNonSurrogateDiagnostics(diags);
        }
        return new NonSurrogateDiagnostic(Diag.bib1(diags.get(0).condition(),
                String.join("; ", diags.stream().map(Diag::addinfo).toList())));
    }


    private SearchResponse failedSearch(SearchRequest r, Diag d) {
        a.count("search", "diagnostic-" + d.condition());
        return new SearchResponse(r.referenceId(), 0, 0, 1, false, 3, null, new NonSurrogateDiagnostic(d));
    }
}
