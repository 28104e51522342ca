package org.stackbridge.z3950.handler;

import static org.stackbridge.z3950.handler.Z3950Association.diagOf;
import static org.stackbridge.z3950.handler.Z3950Association.done;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.catalogue.SortKey;
import org.stackbridge.core.catalogue.UnsupportedSearchException;
import org.stackbridge.z3950.pdu.Diag;
import org.stackbridge.z3950.pdu.Z3950Pdu;
import org.stackbridge.z3950.pdu.Z3950Pdu.SortKeySpec;
import org.stackbridge.z3950.pdu.Z3950Pdu.SortRequest;
import org.stackbridge.z3950.pdu.Z3950Pdu.SortResponse;
import org.stackbridge.z3950.query.Z3950QueryMapper;

/** Sort: one input set (230), up to 10 keys (211), Bib-1 sort attributes or field names; sets of the virtual database 207. */
record SortHandler(Z3950Association a) implements Z3950RequestHandler<SortRequest> {

    @Override
    public CompletionStage<Z3950Pdu> handle(SortRequest r) {
        if (r.inputResultSetNames().isEmpty()) {
            return done(failedSort(r, Diag.bib1(208, "")));
        }
        if (r.inputResultSetNames().size() > 1) {
            return done(failedSort(r, Diag.bib1(230, Integer.toString(r.inputResultSetNames().size()))));
        }
        Z3950Session.ResultSet in = a.session().resultSets.get(r.inputResultSetNames().get(0));
        if (in == null) {
            return done(failedSort(r, Diag.bib1(a.session().missingCondition(r.inputResultSetNames().get(0)), r.inputResultSetNames().get(0))));
        }
        if (in.federated()) {
            return done(failedSort(r, Diag.bib1(207, "sets of the virtual database are not sorted")));
        }
        String out = r.sortedResultSetName();
        if (out == null || out.isEmpty()) {
            return done(failedSort(r, Diag.bib1(208, "")));
        }
        if (!a.session().resultSets.containsKey(out) && a.session().resultSets.size() >= a.settings().maxResultSets()) {
            return done(failedSort(r, Diag.bib1(112, Integer.toString(a.settings().maxResultSets()))));
        }
        if (r.sortSequence().isEmpty() || r.sortSequence().size() > 10) {
            return done(failedSort(r, Diag.bib1(211, Integer.toString(r.sortSequence().size()))));
        }
        List<SortKey> keys = new ArrayList<>();
        try {
            for (SortKeySpec k : r.sortSequence()) {
                keys.add(Z3950QueryMapper.sortKey(k.attributes(), k.sortField(), k.sortRelation()));
            }
        } catch (UnsupportedSearchException e) {
            return done(failedSort(r, diagOf(e)));
        }
        return a.catalogue().async(() -> a.catalogue().index().sort(in.ids(), keys)).handle((ids, err) -> {
            if (err != null) {
                return failedSort(r, diagOf(err));
            }
            a.session().put(new Z3950Session.ResultSet(out, in.database(), ids, ids.length), a.settings().maxHitsPerSession());
            a.count("sort", "ok");
            return new SortResponse(r.referenceId(), 0, null, List.of());
        });
    }

    private SortResponse failedSort(SortRequest r, Diag d) {
        a.count("sort", "diagnostic-" + d.condition());
        return new SortResponse(r.referenceId(), 2, 3, List.of(d));
    }
}
