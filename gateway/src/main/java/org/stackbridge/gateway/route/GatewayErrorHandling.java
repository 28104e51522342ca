package org.stackbridge.gateway.route;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.port.StorageUnavailableException;
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
        exchange.getMessage().setBody(refusalFor(cause));
    }

    /**
     * The refusal for a failure: SERVICE_UNAVAILABLE when the storage cannot be reached, else SYSTEM_ERROR; the text never
     * names an internal class (it reaches patrons' screens), the log has the details.
     */
    public static <R> Outcome<R> refusalFor(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StorageUnavailableException) {
                return Outcome.refused(RefusalReason.SERVICE_UNAVAILABLE, "Service unavailable: the database cannot be reached; "
                        + "nothing was changed. Try again later.");
            }
        }
        return Outcome.refused(RefusalReason.SYSTEM_ERROR, "System error; nothing was changed.");
    }
}
