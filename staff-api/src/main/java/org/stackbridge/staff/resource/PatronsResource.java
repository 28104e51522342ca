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
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.staff.auth.Requires;

/** {@code GET /patrons/{barcode}}: the patron with loans, holds, fees, blocks and flags, as every protocol sees them. */
@Singleton
@Path("patrons")
@Produces(MediaType.APPLICATION_JSON)
public final class PatronsResource {

    private final EngineCalls engine;

    @Inject
    public PatronsResource(EngineCalls engine) {
        this.engine = engine;
    }

    @GET
    @Path("{barcode}")
    @Requires(StaffPermission.PATRONS)
    public CompletionStage<Views.PatronInfo> patron(@PathParam("barcode") String barcode, @Context SecurityContext security) {
        return engine.run(new Commands.LookupPatron(EngineCalls.context(security, null), Fields.pathBarcode("barcode", barcode), null),
                info -> info);
    }
}
