package org.stackbridge.staff.resource;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.AdminCommands;
import org.stackbridge.core.model.CodeKind;

/** The calls behind {@code /patron-categories} and {@code /item-types}, which differ only in the list they change. */
public final class CodeListCalls {

    private final EngineCalls engine;
    private final CodeKind kind;

    CodeListCalls(EngineCalls engine, CodeKind kind) {
        this.engine = engine;
        this.kind = kind;
    }

    /** A patron category or an item type to add. */
    public record CodeRequest(String code, String description) {
    }

    CompletionStage<Response> list(Integer page, Integer perPage, SecurityContext security) {
        return engine.run(new AdminCommands.ListCodes(EngineCalls.context(security, null), kind), all -> ListPage.of(all, c -> true, page, perPage));
    }

    CompletionStage<Response> add(CodeRequest body, SecurityContext security) {
        Fields.requireBody(body);
        AdminInput in = new AdminInput();
        AdminCommands.AddCode cmd = new AdminCommands.AddCode(EngineCalls.context(security, null), kind, in.code("code", body.code(), true),
                in.text("description", body.description(), false));
        in.check();
        return engine.run(cmd, done -> Response.status(Response.Status.CREATED).entity(done).build());
    }

    CompletionStage<Response> remove(String code, SecurityContext security) {
        return engine.run(new AdminCommands.RemoveCode(EngineCalls.context(security, null), kind, Fields.pathBarcode("code", code)),
                done -> Response.noContent().build());
    }
}
