package org.stackbridge.gateway.bridge;

import java.util.concurrent.CompletionStage;
import org.apache.camel.ProducerTemplate;
import org.stackbridge.core.catalogue.FederatedSearch;
import org.stackbridge.gateway.route.Endpoints;

/** {@link FederatedSearch} over the {@code federated-search} route. */
public final class CamelFederatedSearch implements FederatedSearch {

    private final ProducerTemplate template;

    public CamelFederatedSearch(ProducerTemplate template) {
        this.template = template;
    }

    @Override
    public CompletionStage<Result> search(Query query) {
        return template.asyncRequestBody(Endpoints.FEDERATED_SEARCH, query, Result.class);
    }
}
