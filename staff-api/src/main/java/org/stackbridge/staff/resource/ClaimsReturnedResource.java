package org.stackbridge.staff.resource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.cataloguing.CatalogueCommands;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.staff.auth.Requires;

/**
 * {@code POST /checkouts/{item}/claims-returned}: the borrower says the item was returned. Its loan stops accruing
 * fines, the item becomes claims returned, and the answer counts the patron's claims. An optional JSON body may carry
 * a {@code note}.
 */
@Singleton
@Path("checkouts/{item}/claims-returned")
@Produces(MediaType.APPLICATION_JSON)
public final class ClaimsReturnedResource {

    static final int MAX_NOTE = 255;

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = org.stackbridge.staff.server.StaffJson.mapper();

    private final EngineCalls engine;

    public record Claim(String note) {
    }

    @Inject
    public ClaimsReturnedResource(EngineCalls engine) {
        this.engine = engine;
    }

    /** The body is optional; when given it is a JSON object (any content type is read as JSON). */
    @POST
    @Requires(StaffPermission.CIRCULATION)
    public CompletionStage<Response> claim(@PathParam("item") String item, byte[] raw,
                                           @HeaderParam(CirculationResource.IDEMPOTENCY_KEY) String key, @Context SecurityContext security) {
        Claim body = null;
        if (raw != null && raw.length > 0) {
            try {
                body = JSON.readValue(raw, Claim.class);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e); // ProblemMapper names the field
            }
            Fields.requireBody(body);
        }
        Fields f = new Fields();
        String barcode = f.barcode("item", item);
        String note = body == null || body.note() == null ? null : f.required("note", body.note(), MAX_NOTE);
        f.check();
        return engine.run(new CatalogueCommands.ClaimReturned(EngineCalls.context(security, key), barcode, note),
                done -> Response.status(Response.Status.CREATED).entity(done).build());
    }
}
