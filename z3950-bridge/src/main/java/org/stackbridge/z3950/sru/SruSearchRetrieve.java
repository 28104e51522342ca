package org.stackbridge.z3950.sru;

import static org.stackbridge.z3950.sru.SruResponses.SruDiag;
import static org.stackbridge.z3950.sru.SruResponses.SruException;
import static org.stackbridge.z3950.sru.SruResponses.diagnosticsOnly;
import static org.stackbridge.z3950.sru.SruResponses.fromBib1;
import static org.stackbridge.z3950.sru.SruResponses.refusal;
import static org.stackbridge.z3950.sru.SruResponses.maximumRecords;
import static org.stackbridge.z3950.sru.SruResponses.recordXml;
import static org.stackbridge.z3950.sru.SruResponses.result;
import static org.stackbridge.z3950.sru.SruResponses.schemaId;
import static org.stackbridge.z3950.sru.SruResponses.schemaSpec;
import static org.stackbridge.z3950.sru.SruResponses.startRecord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.catalogue.CatalogueQuery;
import org.stackbridge.core.catalogue.SortKey;
import org.stackbridge.core.catalogue.UnsupportedSearchException;
import org.stackbridge.z3950.pdu.Oids;
import org.stackbridge.z3950.pdu.RpnNode;
import org.stackbridge.z3950.query.CqlParser;
import org.stackbridge.z3950.query.PqfParser;
import org.stackbridge.z3950.query.PqfWriter;
import org.stackbridge.z3950.config.VirtualDatabase;
import org.stackbridge.core.catalogue.FederatedSearch;
import org.stackbridge.z3950.query.Z3950QueryMapper;
import org.stackbridge.z3950.record.RecordSpec;
import org.stackbridge.z3950.handler.CatalogueAccess;

/** SRU searchRetrieve: CQL or {@code x-pquery} PQF, sorting, paging; on the virtual database through the remote targets. */
final class SruSearchRetrieve {

    private final CatalogueAccess catalogue;
    private final VirtualDatabase virtual;

    SruSearchRetrieve(CatalogueAccess catalogue, VirtualDatabase virtual) {
        this.catalogue = catalogue;
        this.virtual = virtual;
    }

    CompletionStage<String> searchRetrieve(Map<String, String> p, String version, boolean v2) {
        int start;
        int max;
        RecordSpec spec;
        String schema;
        String packing;
        CatalogueQuery query;
        List<SortKey> sort = new ArrayList<>();
        try {
            start = startRecord(p);
            max = maximumRecords(p);
            String s = p.getOrDefault("recordSchema", "marcxml");
            spec = schemaSpec(s);
            schema = schemaId(spec);
            packing = p.getOrDefault(v2 ? "recordXMLEscaping" : "recordPacking", p.getOrDefault("recordPacking", "xml"));
            if (!packing.equals("xml") && !packing.equals("string")) {
                throw new SruException(71, packing, "Unsupported record packing");
            }
            RpnNode rpn;
            String set = Oids.BIB1_ATTRIBUTES;
            if (p.containsKey("x-pquery")) {
                PqfParser.Pqf pqf = PqfParser.parse(p.get("x-pquery"));
                rpn = pqf.rpn();
                set = pqf.attributeSet();
            } else if (p.containsKey("query")) {
                CqlParser.Cql cql = CqlParser.parse(p.get("query"));
                rpn = cql.rpn();
                sort.addAll(cql.sortKeys());
            } else {
                throw new SruException(7, "query", "Mandatory parameter not supplied");
            }
            if (p.containsKey("sortKeys")) {
                for (String key : p.get("sortKeys").trim().split("\\s+")) {
                    String[] f = key.split(",");
                    sort.add(new SortKey(CqlParser.parse(f[0] + "=x").rpn() instanceof RpnNode.AttributesPlusTerm t
                            ? (int) t.attributes().get(0).value() : 1016, f.length > 2 && f[2].equals("0")));
                }
            }
            query = Z3950QueryMapper.map(set, rpn, name -> null);
        } catch (SruException | UnsupportedSearchException e) {
            return CompletableFuture.completedFuture(diagnosticsOnly("searchRetrieveResponse", version, v2, refusal(e)));
        }
        final int fstart = start;
        final int fmax = max;
        return catalogue.async(() -> {
            long[] ids = catalogue.index().search(query);
            return sort.isEmpty() ? ids : catalogue.index().sort(ids, sort);
        }).thenCompose(ids -> {
            if (ids.length > 0 && fstart > ids.length && fmax > 0) {
                return CompletableFuture.completedFuture(result(version, v2, ids.length, List.of(), 0, 0, schema, packing,
                        new SruDiag(61, Integer.toString(fstart), "First record position out of range")));
            }
            int from = Math.min(fstart - 1, ids.length);
            int to = Math.min(ids.length, from + fmax);
            long[] slice = Arrays.copyOfRange(ids, from, to);
            return catalogue.fetch(slice, spec).thenApply(fetched -> {
                List<String> recs = new ArrayList<>();
                for (CatalogueAccess.Fetched f : fetched) {
                    recs.add(f.missing() ? null : recordXml(f, spec));
                }
                int next = to < ids.length ? to + 1 : 0;
                return result(version, v2, ids.length, recs, from + 1, next, schema, packing, List.of());
            });
        }).exceptionally(err -> {
            Throwable t = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
            if (t instanceof UnsupportedSearchException u) {
                return diagnosticsOnly("searchRetrieveResponse", version, v2, fromBib1(u));
            }
            throw new CompletionException(t);
        });
    }

    /**
     * searchRetrieve on the virtual database: the query goes to every remote target (as PQF), the records are merged
     * round-robin and each carries its source in 970 $a. A failed target is a non-fatal diagnostic 2 next to the
     * records; only when all fail is it the whole answer. Sorting is not offered here (diagnostic 80).
     */
    CompletionStage<String> federatedSearchRetrieve(Map<String, String> p, String version, boolean v2) {
        int start;
        int max;
        RecordSpec spec;
        String schema;
        String packing;
        String pqf;
        try {
            start = startRecord(p);
            max = maximumRecords(p);
            spec = schemaSpec(p.getOrDefault("recordSchema", "marcxml"));
            schema = schemaId(spec);
            packing = p.getOrDefault(v2 ? "recordXMLEscaping" : "recordPacking", p.getOrDefault("recordPacking", "xml"));
            if (!packing.equals("xml") && !packing.equals("string")) {
                throw new SruException(71, packing, "Unsupported record packing");
            }
            if (p.containsKey("x-pquery")) {
                PqfParser.Pqf q = PqfParser.parse(p.get("x-pquery"));
                pqf = PqfWriter.write(q.attributeSet(), q.rpn());
            } else if (p.containsKey("query")) {
                CqlParser.Cql cql = CqlParser.parse(p.get("query"));
                if (!cql.sortKeys().isEmpty()) {
                    throw new SruException(80, "sortby", "Sort not supported on the virtual database");
                }
                pqf = PqfWriter.write(Oids.BIB1_ATTRIBUTES, cql.rpn());
            } else {
                throw new SruException(7, "query", "Mandatory parameter not supplied");
            }
            if (p.containsKey("sortKeys")) {
                throw new SruException(80, "sortKeys", "Sort not supported on the virtual database");
            }
        } catch (SruException | UnsupportedSearchException e) {
            return CompletableFuture.completedFuture(diagnosticsOnly("searchRetrieveResponse", version, v2, refusal(e)));
        }
        final int fstart = start;
        final int fmax = max;
        CompletionStage<FederatedSearch.Result> answer;
        try {
            answer = virtual.search().search(new FederatedSearch.Query("pqf", pqf, virtual.maxRecordsPerTarget()));
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.thenCompose(res -> {
            List<SruDiag> diags = new ArrayList<>();
            for (FederatedSearch.TargetDiagnostic d : res.diagnostics()) {
                String msg = d.message() == null ? "failed" : d.message();
                diags.add(new SruDiag(2, d.target(), "System temporarily unavailable: " + (msg.length() > 300 ? msg.substring(0, 300) : msg)));
            }
            if (res.hitsPerTarget().isEmpty()) {
                if (diags.isEmpty()) {
                    diags.add(new SruDiag(2, virtual.name(), "System temporarily unavailable: no remote targets"));
                }
                return CompletableFuture.completedFuture(result(version, v2, 0, List.of(), 0, 0, schema, packing, diags));
            }
            List<FederatedSearch.Hit> merged = VirtualDatabase.interleave(res.records());
            int total = (int) Math.min(Integer.MAX_VALUE, res.hitsPerTarget().values().stream().mapToLong(Integer::longValue).sum());
            if (total > 0 && fstart > total && fmax > 0) {
                diags.add(new SruDiag(61, Integer.toString(fstart), "First record position out of range"));
                return CompletableFuture.completedFuture(result(version, v2, total, List.of(), 0, 0, schema, packing, diags));
            }
            int from = Math.min(fstart - 1, merged.size());
            int to = Math.min(merged.size(), from + fmax);
            List<FederatedSearch.Hit> slice = merged.subList(from, to);
            return catalogue.async(() -> {
                List<String> recs = new ArrayList<>();
                for (CatalogueAccess.Fetched f : CatalogueAccess.remote(slice, spec)) {
                    recs.add(recordXml(f, spec));
                }
                // only the fetched part of the merged set can be paged through
                int next = to < merged.size() ? to + 1 : 0;
                return result(version, v2, total, recs, from + 1, next, schema, packing, diags);
            });
        });
    }
}
