package org.stackbridge.z3950.handler;

import static org.stackbridge.z3950.handler.Z3950Association.done;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.stackbridge.z3950.config.VirtualDatabase;
import org.stackbridge.z3950.config.Z3950Settings;
import org.stackbridge.z3950.pdu.Z3950Pdu;
import org.stackbridge.z3950.pdu.Z3950Pdu.Close;
import org.stackbridge.z3950.pdu.Z3950Pdu.DeleteResultSetRequest;
import org.stackbridge.z3950.pdu.Z3950Pdu.InitRequest;
import org.stackbridge.z3950.pdu.Z3950Pdu.PresentRequest;
import org.stackbridge.z3950.pdu.Z3950Pdu.ScanRequest;
import org.stackbridge.z3950.pdu.Z3950Pdu.SearchRequest;
import org.stackbridge.z3950.pdu.Z3950Pdu.SortRequest;
import org.stackbridge.z3950.pdu.Z3950Pdu.Unsupported;

/**
 * The services of one association behind a type-keyed map (built once per association, like James'
 * {@code CommandDispatcher}): Init first, then search, present, scan, sort, delete and close. A PDU before Init
 * or one without a handler is answered with close(protocolError).
 */
public final class Z3950Dispatcher {

    /** Request PDUs every association must serve; wiring fails fast when one lacks a handler. */
    static final List<Class<? extends Z3950Pdu>> MANDATORY = List.of(InitRequest.class, SearchRequest.class,
            PresentRequest.class, ScanRequest.class, SortRequest.class, DeleteResultSetRequest.class, Close.class);

    private final Z3950Association association;
    private final Map<Class<? extends Z3950Pdu>, Z3950RequestHandler<?>> handlers;

    /**
     * @param virtual the federated virtual database, or null
     * @param remote  the origin's address, for logs
     */
    public Z3950Dispatcher(Z3950Settings settings, CatalogueAccess catalogue, VirtualDatabase virtual, Z3950Metrics metrics,
                           Object remote) {
        this.association = new Z3950Association(settings, catalogue, virtual, metrics, remote, new Z3950Session());
        Map<Class<? extends Z3950Pdu>, Z3950RequestHandler<?>> map = new HashMap<>();
        PresentHandler present = new PresentHandler(association);
        map.put(InitRequest.class, new InitHandler(association));
        map.put(SearchRequest.class, new SearchHandler(association, present));
        map.put(PresentRequest.class, present);
        map.put(ScanRequest.class, new ScanHandler(association));
        map.put(SortRequest.class, new SortHandler(association));
        map.put(DeleteResultSetRequest.class, new DeleteResultSetHandler(association));
        map.put(Close.class, new CloseHandler(association));
        for (Class<? extends Z3950Pdu> c : MANDATORY) {
            if (!map.containsKey(c)) {
                throw new IllegalStateException("no handler for " + c.getSimpleName());
            }
        }
        this.handlers = Map.copyOf(map);
    }

    /** The answer to one request PDU; a {@link Close} answer ends the association. */
    public CompletionStage<Z3950Pdu> dispatch(Z3950Pdu pdu) {
        if (!(pdu instanceof InitRequest) && !association.session().initialised) {
            association.count("before-init", "protocol-error");
            return done(new Close(pdu.referenceId(), Close.PROTOCOL_ERROR, "initRequest expected first"));
        }
        Z3950RequestHandler<?> handler = handlers.get(pdu.getClass());
        if (handler == null) {
            int tag = pdu instanceof Unsupported u ? u.tag() : -1;
            association.count("unsupported", "protocol-error");
            return done(new Close(pdu.referenceId(), Close.PROTOCOL_ERROR, "PDU [" + tag + "] not supported by this target"));
        }
        return handle(handler, pdu);
    }

    /** Counts one request outcome (the connection glue reports framing, idle and undecodable input here). */
    public void count(String pdu, String outcome) {
        association.count(pdu, outcome);
    }

    @SuppressWarnings("unchecked")
    private static <Q extends Z3950Pdu> CompletionStage<Z3950Pdu> handle(Z3950RequestHandler<Q> handler, Z3950Pdu pdu) {
        return handler.handle((Q) pdu);
    }
}
