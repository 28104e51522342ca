package org.stackbridge.z3950.handler;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.core.catalogue.UnsupportedSearchException;
import org.stackbridge.z3950.config.VirtualDatabase;
import org.stackbridge.z3950.config.Z3950Settings;
import org.stackbridge.z3950.pdu.Diag;

/**
 * What the service handlers of one association share: settings, catalogue access, the optional virtual
 * database, metrics, the remote address (for logs) and the per-association {@link Z3950Session}.
 *
 * @param virtual the federated virtual database, or null
 */
record Z3950Association(Z3950Settings settings, CatalogueAccess catalogue, VirtualDatabase virtual, Z3950Metrics metrics,
                        Object remote, Z3950Session session) {

    private static final Logger LOG = LoggerFactory.getLogger(Z3950Association.class);

    void count(String pdu, String outcome) {
        metrics.count(pdu, outcome);
    }

    boolean isVirtual(String database) {
        return virtual != null && virtual.is(database);
    }

    /** Bib-1 109/111 for a database list this target cannot search, else null. */
    Diag checkDatabases(java.util.List<String> dbs) {
        if (dbs.isEmpty()) {
            return Diag.bib1(109, "no database");
        }
        for (String db : dbs) {
            if (settings.database(db) == null && !isVirtual(db)) {
                return Diag.bib1(109, db);
            }
        }
        // several names of the local catalogue (its alias set) are one database; with the virtual one it would need a merge
        if (dbs.size() > 1 && dbs.stream().anyMatch(this::isVirtual)) {
            return Diag.bib1(111, Integer.toString(dbs.size()));
        }
        return null;
    }

    /** The Bib-1 diagnostic for a failed catalogue call: the search's own condition, else 2 (temporary system error). */
    static Diag diagOf(Throwable err) {
        Throwable t = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
        if (t instanceof UnsupportedSearchException u) {
            return Diag.bib1(u.bib1Condition(), u.addinfo());
        }
        LOG.warn("catalogue failure", t);
        return Diag.bib1(2, "temporary system error");
    }

    static Diag diagOf(UnsupportedSearchException e) {
        return Diag.bib1(e.bib1Condition(), e.addinfo());
    }

    static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
