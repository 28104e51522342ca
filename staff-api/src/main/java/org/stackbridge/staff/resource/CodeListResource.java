package org.stackbridge.staff.resource;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.AdminCommands;
import org.stackbridge.core.model.CodeKind;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.staff.auth.Requires;

/**
 * A code list ({@code /patron-categories}, {@code /item-types}): every staff role reads it; adding and removing needs
 * {@link StaffPermission#RULES} (the codes are keys of the circulation rules). A code the configuration file defines
 * answers 409 to a removal, as does one a rule uses. The subclasses only name the path and the list.
 */
@Produces(MediaType.APPLICATION_JSON)
public abstract class CodeListResource {

    private final EngineCalls engine;
    private final CodeKind kind;

    CodeListResource(EngineCalls engine, CodeKind kind) {
        this.engine = engine;
        this.kind = kind;
    }

    /** A patron category or an item type to add. */
    public record CodeRequest(String code, String description) {
    }

    @GET
    public CompletionStage<Response> list(@QueryParam("_page") Integer page, @QueryParam("_per_page") Integer perPage,
                                          @Context SecurityContext security) {
        return engine.run(new AdminCommands.ListCodes(EngineCalls.context(security, null), kind), all -> ListPage.of(all, c -> true, page, perPage));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(StaffPermission.RULES)
    public CompletionStage<Response> add(CodeRequest body, @Context SecurityContext security) {
        Fields.requireBody(body);
        AdminInput in = new AdminInput();
        AdminCommands.AddCode cmd = new AdminCommands.AddCode(EngineCalls.context(security, null), kind, in.code("code", body.code(), true),
                in.text("description", body.description(), false));
        in.check();
        return engine.run(cmd, done -> Response.status(Response.Status.CREATED).entity(done).build());
    }

    @DELETE
    @Path("{code}")
    @Requires(StaffPermission.RULES)
    public CompletionStage<Response> remove(@PathParam("code") String code, @Context SecurityContext security) {
        return engine.run(new AdminCommands.RemoveCode(EngineCalls.context(security, null), kind, Fields.pathBarcode("code", code)),
                done -> Response.noContent().build());
    }
}
