package org.stackbridge.gateway.route;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.CompletionException;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.AsyncProcessorSupport;
import org.stackbridge.core.command.Command;
import org.stackbridge.core.outcome.Outcome;

/**
 * The command route: picks the backend for the command's institution and completes asynchronously when
 * the backend's outcome is durable, timing each command by type and outcome.
 */
public final class CirculationRoutes extends RouteBuilder {

    public static final String ROUTE_ID = "circ-command";

    private final BackendRegistry backends;
    private final MeterRegistry meters;

    public CirculationRoutes(BackendRegistry backends, MeterRegistry meters) {
        this.backends = backends;
        this.meters = meters;
    }

    @Override
    public void configure() {
        from(Endpoints.CIRC_COMMAND)
                .routeId(ROUTE_ID)
                .routeConfigurationId(GatewayErrorHandling.ID)
                .process(new BackendCall(backends, meters)).id("backend-call");
    }

    /** Calls the backend without holding a Camel thread while the transaction commits. */
    static final class BackendCall extends AsyncProcessorSupport implements AsyncProcessor {
        private final BackendRegistry backends;
        private final MeterRegistry meters;

        BackendCall(BackendRegistry backends, MeterRegistry meters) {
            this.backends = backends;
            this.meters = meters;
        }

        @Override
        public boolean process(Exchange exchange, AsyncCallback callback) {
            Command<?> command;
            try {
                command = exchange.getMessage().getMandatoryBody(Command.class);
            } catch (org.apache.camel.InvalidPayloadException e) {
                exchange.setException(e);
                callback.done(true);
                return true;
            }
            Timer.Sample sample = Timer.start(meters);
            String name = command.getClass().getSimpleName();
            backends.backendFor(command).execute(command).whenComplete((outcome, error) -> {
                if (error != null) {
                    exchange.setException(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
                    sample.stop(meters.timer("stackbridge.operation", "command", name, "outcome", "error"));
                } else {
                    exchange.getMessage().setBody(outcome);
                    sample.stop(meters.timer("stackbridge.operation", "command", name, "outcome", outcomeTag(outcome)));
                }
                callback.done(false);
            });
            return false;
        }

        private static String outcomeTag(Outcome<?> outcome) {
            return outcome instanceof Outcome.Refused<?> r ? r.reason().name().toLowerCase(java.util.Locale.ROOT) : "success";
        }
    }
}
