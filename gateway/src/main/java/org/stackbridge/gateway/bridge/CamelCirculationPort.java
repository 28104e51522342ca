package org.stackbridge.gateway.bridge;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import org.apache.camel.Endpoint;
import org.apache.camel.ProducerTemplate;
import org.stackbridge.core.command.Command;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.port.CirculationPort;
import org.stackbridge.gateway.route.Endpoints;
import org.stackbridge.gateway.route.GatewayErrorHandling;

/**
 * The port the listeners call: sends the typed command into the Camel command route without blocking
 * the caller (Netty event loops call this).
 */
public final class CamelCirculationPort implements CirculationPort {

    private final ProducerTemplate template;
    private final BooleanSupplier available;
    /**
     * The command route's endpoint, resolved on first use and kept: resolving the URI text per call (Camel normalises it
     * line by line and looks it up in its registry) cost more than the rest of the hop into the route.
     */
    private volatile Endpoint endpoint;

    public CamelCirculationPort(ProducerTemplate template) {
        this(template, () -> true);
    }

    /** @param available whether the backend is reachable now (the storage circuit breaker), never blocking */
    public CamelCirculationPort(ProducerTemplate template, BooleanSupplier available) {
        this.template = template;
        this.available = available;
    }

    @Override
    public boolean available() {
        return available.getAsBoolean();
    }

    private Endpoint endpoint() {
        Endpoint e = endpoint;
        if (e == null) {
            e = template.getCamelContext().getEndpoint(Endpoints.CIRC_COMMAND);
            if (e == null) {
                throw new IllegalStateException("no endpoint " + Endpoints.CIRC_COMMAND);
            }
            endpoint = e;
        }
        return e;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> CompletionStage<Outcome<R>> execute(Command<R> command) {
        CompletableFuture<Object> reply;
        try {
            reply = template.asyncRequestBody(endpoint(), command);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(Outcome.refused(RefusalReason.SYSTEM_ERROR, "System error: route unavailable; nothing was changed."));
        }
        return reply.handle((body, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                return GatewayErrorHandling.refusalFor(cause);
            }
            if (body instanceof Outcome<?> outcome) {
                return (Outcome<R>) outcome;
            }
            return Outcome.refused(RefusalReason.SYSTEM_ERROR, "System error: no outcome");
        });
    }
}
