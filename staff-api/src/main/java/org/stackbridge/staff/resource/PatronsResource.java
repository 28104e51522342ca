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
import org.stackbridge.staff.auth.StaffSession;

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
        Fields f = new Fields();
        f.barcode("barcode", barcode);
        f.check();
        StaffSession session = (StaffSession) security.getUserPrincipal();
        return engine.run(new Commands.LookupPatron(EngineCalls.context(session, null), barcode.strip(), null), info -> info);
    }
}
