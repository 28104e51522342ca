package org.stackbridge.staff.resource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.staff.auth.Requires;

/** {@code GET /transits?library=&direction=incoming|outgoing}: items travelling to or from a library, and why. */
@Singleton
@Path("transits")
@Produces(MediaType.APPLICATION_JSON)
public final class TransitsResource {

    enum Direction { INCOMING, OUTGOING }

    private final EngineCalls engine;

    @Inject
    public TransitsResource(EngineCalls engine) {
        this.engine = engine;
    }

    @GET
    @Requires(StaffPermission.CIRCULATION)
    public CompletionStage<Response> transits(@QueryParam("library") String library, @QueryParam("direction") String direction,
                                              @QueryParam("_page") String page, @QueryParam("_per_page") String perPage,
                                              @Context SecurityContext security) {
        Listing l = new Listing();
        String code = l.code("library", library);
        Direction d = direction == null ? Direction.INCOMING : l.oneOf("direction", direction, Direction.class);
        int p = l.page(page);
        int pp = l.perPage(perPage);
        l.check();
        return engine.run(new Commands.ListTransits(EngineCalls.context(security, null), code, d == Direction.INCOMING, p, pp),
                Listing::page);
    }
}
