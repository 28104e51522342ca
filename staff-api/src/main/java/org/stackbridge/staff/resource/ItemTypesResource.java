package org.stackbridge.staff.resource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
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
import org.stackbridge.core.model.CodeKind;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.staff.auth.Requires;

/**
 * The item types: every staff role reads them; adding and removing needs {@link StaffPermission#RULES} (they are keys
 * of the circulation rules). Those the configuration file defines answer 409 to a removal, as does one a rule uses.
 */
@Singleton
@Path("item-types")
@Produces(MediaType.APPLICATION_JSON)
public final class ItemTypesResource {

    private final CodeListCalls calls;

    @Inject
    public ItemTypesResource(EngineCalls engine) {
        this.calls = new CodeListCalls(engine, CodeKind.ITEM_TYPE);
    }

    @GET
    public CompletionStage<Response> list(@QueryParam("_page") Integer page, @QueryParam("_per_page") Integer perPage,
                                          @Context SecurityContext security) {
        return calls.list(page, perPage, security);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(StaffPermission.RULES)
    public CompletionStage<Response> add(CodeListCalls.CodeRequest body, @Context SecurityContext security) {
        return calls.add(body, security);
    }

    @DELETE
    @Path("{code}")
    @Requires(StaffPermission.RULES)
    public CompletionStage<Response> remove(@PathParam("code") String code, @Context SecurityContext security) {
        return calls.remove(code, security);
    }
}
