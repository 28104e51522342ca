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

/** {@code GET /payments/{id}/receipt}: a payment's receipt as JSON, for the console to print (again). */
@Singleton
@Path("payments")
@Produces(MediaType.APPLICATION_JSON)
public final class PaymentsResource {

    private final EngineCalls engine;

    @Inject
    public PaymentsResource(EngineCalls engine) {
        this.engine = engine;
    }

    @GET
    @Path("{id}/receipt")
    @Requires(StaffPermission.FEES)
    public CompletionStage<Views.Receipt> receipt(@PathParam("id") String id, @Context SecurityContext security) {
        return engine.run(new Commands.LookupReceipt(EngineCalls.context(security, null), Fields.pathId("id", id)), r -> r);
    }
}
