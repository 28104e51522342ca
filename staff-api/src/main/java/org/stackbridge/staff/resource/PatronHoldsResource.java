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

/** {@code GET /patrons/{barcode}/holds}: the patron's open holds, each with its place in its title's queue. */
@Singleton
@Path("patrons/{barcode}/holds")
@Produces(MediaType.APPLICATION_JSON)
public final class PatronHoldsResource {

    private final EngineCalls engine;

    @Inject
    public PatronHoldsResource(EngineCalls engine) {
        this.engine = engine;
    }

    @GET
    @Requires(StaffPermission.CIRCULATION)
    public CompletionStage<List<Views.HoldView>> holds(@PathParam("barcode") String barcode, @Context SecurityContext security) {
        return engine.run(new Commands.ListHolds(EngineCalls.context(security, null), Fields.pathBarcode("barcode", barcode), null), l -> l);
    }
}
