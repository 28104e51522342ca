package org.stackbridge.z3950.handler;

import java.util.concurrent.CompletionStage;
import org.stackbridge.z3950.pdu.Z3950Pdu;

/**
 * One Z39.50 service of an association: answers a request PDU of type {@code Q}. Never blocks the event loop
 * (index work goes through {@link CatalogueAccess#async}); bad requests are answered with Bib-1 diagnostics, and
 * a {@link Z3950Pdu.Close} answer makes the association close.
 */
public interface Z3950RequestHandler<Q extends Z3950Pdu> {

    CompletionStage<Z3950Pdu> handle(Q request);
}
