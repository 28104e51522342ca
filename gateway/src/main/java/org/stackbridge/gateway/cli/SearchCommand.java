package org.stackbridge.gateway.cli;

import java.io.ByteArrayInputStream;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.marc4j.MarcPermissiveStreamReader;
import org.stackbridge.core.catalogue.FederatedSearch;
import org.stackbridge.gateway.bridge.CamelFederatedSearch;
import org.stackbridge.gateway.federation.CopyCataloguing;
import org.stackbridge.gateway.route.FederatedSearchRoutes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code search --federated QUERY}: the federated search over federation.targets through the Camel route.
 * Exit 0 when every target answered, 5 when some failed (their diagnostics are printed), 7 when all failed.
 */
@Command(name = "search", mixinStandardHelpOptions = true, description = "Search the remote targets in parallel (federation.targets).")
final class SearchCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;
    @Option(names = "--federated", required = true, paramLabel = "QUERY", description = "The search term.")
    String query;
    @Option(names = "--index", defaultValue = "any", paramLabel = "INDEX", description = "any, title, isbn or lccn (default any).")
    String index;
    @Option(names = "--max", defaultValue = "10", paramLabel = "N", description = "Records shown per target (1-100, default 10).")
    int max;

    @Override
    public Integer call() throws Exception {
        if (!java.util.List.of("any", "title", "isbn", "lccn").contains(index.toLowerCase(Locale.ROOT))) {
            throw new StackbridgeCli.CliException("--index must be any, title, isbn or lccn", 2);
        }
        if (max < 1 || max > 100) {
            throw new StackbridgeCli.CliException("--max must be between 1 and 100", 2);
        }
        if (query.isBlank() || query.length() > 500 || query.indexOf('"') >= 0 || query.indexOf('\\') >= 0) {
            throw new StackbridgeCli.CliException("the query must be 1-500 characters without quotes or backslashes", 2);
        }
        var targets = StackbridgeCli.load(common).config().federation().targets();
        if (targets.isEmpty()) {
            throw new StackbridgeCli.CliException("no federation.targets configured", 2);
        }
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new FederatedSearchRoutes(targets));
            camel.start();
            FederatedSearch search = new CamelFederatedSearch(camel.createProducerTemplate());
            long wait = targets.values().stream().mapToLong(t -> t.timeoutSeconds()).max().orElse(10) * 3 + 10;
            FederatedSearch.Result r = search.search(new FederatedSearch.Query(index.toLowerCase(Locale.ROOT), query.strip(), max))
                    .toCompletableFuture().get(wait, TimeUnit.SECONDS);
            System.out.println(r.totalHits() + " hit(s): " + r.hitsPerTarget());
            for (FederatedSearch.Hit h : r.records()) {
                var reader = new MarcPermissiveStreamReader(new ByteArrayInputStream(h.marc()), true, true);
                if (reader.hasNext()) {
                    var lines = CopyCataloguing.describe(reader.next());
                    System.out.println("[" + h.target() + "] " + lines.get(0).substring(7) + " | " + lines.get(1).substring(7));
                }
            }
            for (FederatedSearch.TargetDiagnostic d : r.diagnostics()) {
                System.err.println("diagnostic: target " + d.target() + " unavailable: " + d.message());
            }
            return r.diagnostics().isEmpty() ? 0 : r.diagnostics().size() == targets.size() ? 7 : 5;
        }
    }
}
