package org.stackbridge.z3950.handler;

import static org.stackbridge.z3950.handler.Z3950Association.diagOf;
import static org.stackbridge.z3950.handler.Z3950Association.done;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.core.catalogue.FederatedSearch;
import org.stackbridge.core.catalogue.UnsupportedSearchException;
import org.stackbridge.z3950.pdu.Diag;
import org.stackbridge.z3950.pdu.Z3950Pdu;
import org.stackbridge.z3950.pdu.Z3950Pdu.External;
import org.stackbridge.z3950.pdu.Z3950Pdu.NamePlusRecord;
import org.stackbridge.z3950.pdu.Z3950Pdu.NonSurrogateDiagnostic;
import org.stackbridge.z3950.pdu.Z3950Pdu.PresentRequest;
import org.stackbridge.z3950.pdu.Z3950Pdu.PresentResponse;
import org.stackbridge.z3950.pdu.Z3950Pdu.ResponseRecords;
import org.stackbridge.z3950.record.RecordSpec;

/**
 * Present, and the record fetching that search piggybacks on: range checks (13), record syntax and element set
 * (239, 25), size rules (partial-2 at preferredMessageSize, surrogate diagnostics 16/17, 14 and 238 for missing
 * or unconvertible records).
 */
record PresentHandler(Z3950Association a) implements Z3950RequestHandler<PresentRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(PresentHandler.class);

    @Override
    public CompletionStage<Z3950Pdu> handle(PresentRequest r) {
        Z3950Session.ResultSet set = a.session().resultSets.get(r.resultSetId());
        if (set == null) {
            int cond = a.session().missingCondition(r.resultSetId());
            a.count("present", "diagnostic-" + cond);
            return done(new PresentResponse(r.referenceId(), 0, 0, 5, new NonSurrogateDiagnostic(Diag.bib1(cond, r.resultSetId()))));
        }
        int start = r.resultSetStartPoint();
        int n = r.numberOfRecordsRequested();
        if (start < 1 || n < 0 || start > set.count() || (long) start + n - 1 > set.count()) {
            a.count("present", "diagnostic-13");
            return done(new PresentResponse(r.referenceId(), 0, start, 5, new NonSurrogateDiagnostic(Diag.bib1(13, Integer.toString(start + n - 1)))));
        }
        if ((long) start + n - 1 > set.presentable()) {
            a.count("present", "diagnostic-13");
            return done(new PresentResponse(r.referenceId(), 0, start, 5, new NonSurrogateDiagnostic(Diag.bib1(13,
                    "only the first " + set.presentable() + " records of " + (set.federated() ? "a federated" : "a")
                            + " result set can be presented"))));
        }
        if (n > a.settings().maxRecordsPerPresent()) {
            n = a.settings().maxRecordsPerPresent();
        }
        return presentRecords(set, start, n, r.preferredRecordSyntax(), r.elementSetName())
                .thenApply(p -> (Z3950Pdu) new PresentResponse(r.referenceId(), p.numberOfRecordsReturned(), p.nextResultSetPosition(),
                        p.presentStatus(), p.records()));
    }

    /** Records start..start+n-1 of a set, applying the message-size rules. */
    CompletionStage<PresentResponse> presentRecords(Z3950Session.ResultSet set, int start, int n, String syntax, String esn) {
        RecordSpec spec;
        try {
            spec = RecordSpec.of(syntax, esn);
        } catch (UnsupportedSearchException e) {
            a.count("present", "diagnostic-" + e.bib1Condition());
            return done(new PresentResponse(null, 0, start, 5, new NonSurrogateDiagnostic(diagOf(e))));
        }
        int pref = a.session().preferredMessageSize;
        int exc = a.session().exceptionalRecordSize;
        int presentable = set.presentable();
        CompletionStage<List<CatalogueAccess.Fetched>> records;
        if (set.federated()) {
            List<FederatedSearch.Hit> slice = set.remote().subList(start - 1, start - 1 + n);
            records = a.catalogue().async(() -> CatalogueAccess.remote(slice, spec));
        } else {
            records = a.catalogue().fetch(Arrays.copyOfRange(set.ids(), start - 1, start - 1 + n), spec);
        }
        return records.handle((fetched, err) -> {
            if (err != null) {
                return new PresentResponse(null, 0, start, 5, new NonSurrogateDiagnostic(diagOf(err)));
            }
            List<NamePlusRecord> out = new ArrayList<>();
            int total = 0;
            int status = 0;
            int next = start;
            for (int i = 0; i < fetched.size(); i++) {
                CatalogueAccess.Fetched f = fetched.get(i);
                // records of the virtual database are named by their source target (NamePlusRecord.name)
                String db = set.federated() ? set.remote().get(start - 1 + i).target() : set.database();
                NamePlusRecord npr;
                if (f.missing() && set.federated()) {
                    npr = NamePlusRecord.diagnostic(db, Diag.bib1(238, "MARC-8 output is not offered for records of remote targets"));
                } else if (f.missing()) {
                    npr = NamePlusRecord.diagnostic(db, Diag.bib1(spec.kind() == RecordSpec.Kind.USMARC_MARC8 ? 238 : 14,
                            "record " + f.bibId() + " is no longer available"));
                } else {
                    External e;
                    try {
                        e = CatalogueAccess.external(f, spec);
                    } catch (RuntimeException ex) {
                        LOG.warn("cannot convert record {}", f.bibId(), ex);
                        e = null;
                    }
                    if (e == null) {
                        npr = NamePlusRecord.diagnostic(db, Diag.bib1(14, "conversion failed"));
                    } else if (e.size() > exc) {
                        npr = NamePlusRecord.diagnostic(db, Diag.bib1(17, Integer.toString(e.size())));
                    } else if (e.size() > pref && n > 1) {
                        npr = NamePlusRecord.diagnostic(db, Diag.bib1(16, Integer.toString(e.size())));
                    } else if (!out.isEmpty() && total + e.size() > pref) {
                        status = 2;
                        break;
                    } else {
                        npr = NamePlusRecord.of(db, e);
                    }
                }
                int sz = npr.record() == null ? 64 : npr.record().size() + 32;
                total += sz;
                out.add(npr);
                next++;
            }
            a.count("present", status == 0 ? "ok" : "partial");
            return new PresentResponse(null, out.size(), next > presentable ? 0 : next, status, new ResponseRecords(out));
        });
    }
}
