package org.stackbridge.z3950.handler;

import static org.stackbridge.z3950.handler.Z3950Association.done;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.stackbridge.z3950.pdu.Z3950Pdu;
import org.stackbridge.z3950.pdu.Z3950Pdu.DeleteResultSetRequest;
import org.stackbridge.z3950.pdu.Z3950Pdu.DeleteResultSetResponse;
import org.stackbridge.z3950.pdu.Z3950Pdu.DeleteStatus;

/** Delete result sets: function 1 all, else the listed ones with a status each (9 when one did not exist). */
final class DeleteResultSetHandler implements Z3950RequestHandler<DeleteResultSetRequest> {

    private final Z3950Association a;
    private final Z3950Session session;

    DeleteResultSetHandler(Z3950Association association) {
        this.a = association;
        this.session = association.session();
    }

    @Override
    public CompletionStage<Z3950Pdu> handle(DeleteResultSetRequest r) {
        a.count("delete", "ok");
        if (r.deleteFunction() == 1) {
            session.clear();
            return done(new DeleteResultSetResponse(r.referenceId(), 0, List.of()));
        }
        List<DeleteStatus> st = new ArrayList<>();
        boolean all = true;
        for (String name : r.resultSetList()) {
            boolean existed = session.remove(name) != null;
            all &= existed;
            st.add(new DeleteStatus(name, existed ? 0 : 1));
        }
        return done(new DeleteResultSetResponse(r.referenceId(), all ? 0 : 9, st));
    }
}
