package org.stackbridge.z3950.handler;

import static org.stackbridge.z3950.handler.Z3950Association.done;

import java.util.concurrent.CompletionStage;
import org.stackbridge.z3950.pdu.Z3950Pdu;
import org.stackbridge.z3950.pdu.Z3950Pdu.Close;

/** Close from the origin: answered with close(finished); the association then closes. */
record CloseHandler(Z3950Association a) implements Z3950RequestHandler<Close> {

    @Override
    public CompletionStage<Z3950Pdu> handle(Close c) {
        a.count("close", "reason-" + c.closeReason());
        return done(new Close(c.referenceId(), Close.FINISHED, "Association terminated by client"));
    }
}
