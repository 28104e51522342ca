package org.stackbridge.staff.resource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.staff.auth.Requires;

/**
 * {@code GET /biblios/{control_number}/holds}: the title's hold queue in order. A library-scoped account sees every
 * place but the patrons of its own institution only.
 */
@Singleton
@Path("biblios/{control_number}/holds")
@Produces(MediaType.APPLICATION_JSON)
public final class BiblioHoldsResource {

    private final EngineCalls engine;

    @Inject
    public BiblioHoldsResource(EngineCalls engine) {
        this.engine = engine;
    }

    @GET
    @Requires(StaffPermission.CIRCULATION)
    public CompletionStage<List<Views.HoldView>> queue(@PathParam("control_number") String controlNumber, @Context SecurityContext security) {
        return engine.run(new Commands.ListHolds(EngineCalls.context(security, null), null, Fields.pathBarcode("control_number", controlNumber)),
                l -> l);
    }
}
