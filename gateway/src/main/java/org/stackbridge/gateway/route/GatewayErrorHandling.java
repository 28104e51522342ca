package org.stackbridge.gateway.route;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Route errors become typed SYSTEM_ERROR outcomes; nothing is swallowed silently (each is logged). */
public final class GatewayErrorHandling extends RouteConfigurationBuilder {

    public static final String ID = "gateway-errors";
    private static final Logger LOG = LoggerFactory.getLogger(GatewayErrorHandling.class);

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(Exception.class)
                .handled(true)
                .process(GatewayErrorHandling::toRefusal);
    }

    static void toRefusal(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        LOG.error("route {} failed", exchange.getFromRouteId(), cause);
        exchange.getMessage().setBody(Outcome.refused(RefusalReason.SYSTEM_ERROR,
                "System error: " + (cause == null ? "unknown" : cause.getClass().getSimpleName())));
    }
}
