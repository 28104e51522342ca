package org.stackbridge.gateway.route;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.marc4j.MarcStreamWriter;
import org.marc4j.marc.DataField;
import org.marc4j.marc.MarcFactory;
import org.marc4j.marc.Record;
import org.stackbridge.core.catalogue.FederatedSearch;
import org.stackbridge.gateway.config.GatewayConfig;
import org.stackbridge.gateway.federation.RemoteCatalogue;

/**
 * The federated search: {@link Endpoints#FEDERATED_SEARCH} multicasts the query to one route per configured target
 * in parallel; each target's own socket/HTTP timeout bounds it, and the multicast timeout (the longest target
 * timeout plus a margin) is the safety net. Failures and missing answers become per-target diagnostics.
 */
public final class FederatedSearchRoutes extends RouteBuilder {

    public static final String ROUTE_ID = "federated-search";
    static final String TARGET_HEADER = "StackbridgeTarget";

    private final Map<String, GatewayConfig.Target> targets;

    public FederatedSearchRoutes(Map<String, GatewayConfig.Target> targets) {
        this.targets = new TreeMap<>(targets);
    }

    /** What one target contributed: hits and records, or a diagnostic. */
    record TargetAnswer(String target, int hits, List<FederatedSearch.Hit> records, String problem) {
    }

    @Override
    public void configure() {
        if (targets.isEmpty()) {
            from(Endpoints.FEDERATED_SEARCH).routeId(ROUTE_ID)
                    .process(e -> e.getMessage().setBody(new FederatedSearch.Result(Map.of(), List.of(), List.of())));
            return;
        }
        long maxTimeout = targets.values().stream().mapToLong(t -> t.timeoutSeconds() * 1000L).max().orElse(10_000);
        String[] uris = targets.keySet().stream().map(n -> Endpoints.FEDERATED_TARGET + n).toArray(String[]::new);
        from(Endpoints.FEDERATED_SEARCH).routeId(ROUTE_ID)
                .multicast(new Collect()).parallelProcessing().timeout(2 * maxTimeout + 2_000).to(uris).end()
                .process(this::finish);
        for (Map.Entry<String, GatewayConfig.Target> t : targets.entrySet()) {
            String name = t.getKey();
            from(Endpoints.FEDERATED_TARGET + name).routeId("federated-target-" + name)
                    .process(e -> e.getMessage().setBody(ask(name, t.getValue(), e.getMessage().getBody(FederatedSearch.Query.class))));
        }
    }

    private static TargetAnswer ask(String name, GatewayConfig.Target target, FederatedSearch.Query q) {
        try {
            RemoteCatalogue.Found found;
            if (q.index().equalsIgnoreCase("pqf")) {
                found = RemoteCatalogue.fetchPqf(name, target, q.term(), q.maxPerTarget());
            } else {
                RemoteCatalogue.Access access = RemoteCatalogue.Access.valueOf(q.index().toUpperCase(Locale.ROOT));
                found = RemoteCatalogue.fetch(name, target, access, q.term(), q.maxPerTarget());
            }
            List<FederatedSearch.Hit> hits = new ArrayList<>();
            for (Record r : found.records()) {
                hits.add(new FederatedSearch.Hit(name, tagged(r, name)));
            }
            return new TargetAnswer(name, found.hits(), hits, null);
        } catch (Exception e) {
            return new TargetAnswer(name, 0, List.of(), e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** The record as UTF-8 ISO 2709 with its source in 970 $a. */
    static byte[] tagged(Record r, String target) {
        MarcFactory f = MarcFactory.newInstance();
        DataField source = f.newDataField("970", ' ', ' ');
        source.addSubfield(f.newSubfield('a', target));
        r.addVariableField(source);
        r.getLeader().setCharCodingScheme('a');
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MarcStreamWriter w = new MarcStreamWriter(out, "UTF8");
        w.write(r);
        w.close();
        return out.toByteArray();
    }

    private void finish(Exchange e) {
        @SuppressWarnings("unchecked")
        List<TargetAnswer> answers = e.getMessage().getBody(List.class);
        Map<String, TargetAnswer> byTarget = new LinkedHashMap<>();
        if (answers != null) {
            for (TargetAnswer a : answers) {
                byTarget.put(a.target(), a);
            }
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<FederatedSearch.Hit> records = new ArrayList<>();
        List<FederatedSearch.TargetDiagnostic> diags = new ArrayList<>();
        for (String name : targets.keySet()) {
            TargetAnswer a = byTarget.get(name);
            if (a == null) {
                diags.add(new FederatedSearch.TargetDiagnostic(name, "no answer within the timeout"));
            } else if (a.problem() != null) {
                diags.add(new FederatedSearch.TargetDiagnostic(name, a.problem()));
            } else {
                counts.put(name, a.hits());
                records.addAll(a.records());
            }
        }
        e.getMessage().setBody(new FederatedSearch.Result(counts, records, diags));
    }

    /** Gathers each target's answer into a list on the first exchange. */
    private static final class Collect implements AggregationStrategy {
        @Override
        public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
            Exchange into = oldExchange == null ? newExchange : oldExchange;
            @SuppressWarnings("unchecked")
            List<TargetAnswer> list = oldExchange == null ? new ArrayList<>() : into.getMessage().getBody(List.class);
            TargetAnswer a = newExchange.getMessage().getBody(TargetAnswer.class);
            if (a != null) {
                list.add(a);
            }
            into.getMessage().setBody(list);
            return into;
        }
    }
}
