package org.stackbridge.z3950.handler;

import static org.stackbridge.z3950.handler.Z3950Association.diagOf;
import static org.stackbridge.z3950.handler.Z3950Association.done;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.catalogue.Attributes;
import org.stackbridge.core.catalogue.ScanResult;
import org.stackbridge.core.catalogue.UnsupportedSearchException;
import org.stackbridge.z3950.pdu.Diag;
import org.stackbridge.z3950.pdu.Oids;
import org.stackbridge.z3950.pdu.Z3950Pdu;
import org.stackbridge.z3950.pdu.Z3950Pdu.ScanRequest;
import org.stackbridge.z3950.pdu.Z3950Pdu.ScanResponse;
import org.stackbridge.z3950.pdu.Z3950Pdu.ScanTerm;
import org.stackbridge.z3950.query.Z3950QueryMapper;

/**
 * Scan: step size 0 only (205), preferred position also outside 1..number-of-terms ({@link ScanWindow}; 233 beyond),
 * Bib-1 attributes; not on the virtual database (109).
 */
record ScanHandler(Z3950Association a) implements Z3950RequestHandler<ScanRequest> {

    @Override
    public CompletionStage<Z3950Pdu> handle(ScanRequest r) {
        Diag dbDiag = a.checkDatabases(r.databaseNames());
        if (dbDiag != null) {
            return done(failedScan(r, dbDiag));
        }
        if (a.isVirtual(r.databaseNames().get(0))) {
            return done(failedScan(r, Diag.bib1(109, a.virtual().name() + ": scan is not offered on the virtual database")));
        }
        if (r.stepSize() != null && r.stepSize() != 0) {
            return done(failedScan(r, Diag.bib1(205, Integer.toString(r.stepSize()))));
        }
        int wanted = Math.max(0, Math.min(r.numberOfTermsRequested(), a.settings().maxScanTerms()));
        int position = r.preferredPositionInResponse() == null ? 1 : r.preferredPositionInResponse();
        if (!ScanWindow.supported(position, wanted, a.settings().maxScanTerms())) {
            return done(failedScan(r, Diag.bib1(233, Integer.toString(position))));
        }
        Attributes attrs;
        String term;
        try {
            if (r.attributeSet() != null && !Oids.BIB1_ATTRIBUTES.equals(r.attributeSet())) {
                throw new UnsupportedSearchException(121, r.attributeSet(), "Unsupported attribute set");
            }
            attrs = Z3950QueryMapper.attributes(r.termListAndStartPoint().attributes());
            term = Z3950QueryMapper.termText(r.termListAndStartPoint().term());
        } catch (UnsupportedSearchException e) {
            return done(failedScan(r, diagOf(e)));
        }
        return a.catalogue().async(() -> a.catalogue().index().scan(attrs, term, wanted, position)).handle((res, err) -> {
            if (err != null) {
                return failedScan(r, diagOf(err));
            }
            a.count("scan", "ok");
            ScanResult s = res;
            List<ScanTerm> terms = s.entries().stream().map(e -> new ScanTerm(e.term(), e.displayTerm(), e.occurrences())).toList();
            int status = terms.size() < wanted ? 1 : 0;
            return new ScanResponse(r.referenceId(), 0, terms.isEmpty() ? 0 : status, s.positionOfTerm(), terms, List.of());
        });
    }

    private ScanResponse failedScan(ScanRequest r, Diag d) {
        a.count("scan", "diagnostic-" + d.condition());
        return new ScanResponse(r.referenceId(), 0, 6, null, List.of(), List.of(d));
    }
}
