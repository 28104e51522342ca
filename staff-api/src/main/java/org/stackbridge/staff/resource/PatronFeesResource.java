package org.stackbridge.staff.resource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.EnumSet;
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.model.FeeType;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.staff.auth.Requires;

/**
 * A patron's fees: {@code GET /patrons/{barcode}/fees} (open ones, or all with {@code ?status=all}; pages with
 * {@code _page} and {@code _per_page}) and {@code POST /patrons/{barcode}/fees} (assess a fee).
 */
@Singleton
@Path("patrons/{barcode}/fees")
@Produces(MediaType.APPLICATION_JSON)
public final class PatronFeesResource {

    static final int DEFAULT_PER_PAGE = 20;

    private final EngineCalls engine;

    @Inject
    public PatronFeesResource(EngineCalls engine) {
        this.engine = engine;
    }

    /** {@code type}: one of the fee types in lower case; {@code note} becomes the fee's description. */
    public record AssessRequest(String type, Fields.MoneyBody amount, String note, String item) {
    }

    @GET
    @Requires(StaffPermission.FEES)
    public CompletionStage<Views.FeeList> fees(@PathParam("barcode") String barcode, @QueryParam("status") String status,
                                               @QueryParam("_page") String page, @QueryParam("_per_page") String perPage,
                                               @Context SecurityContext security) {
        Fields f = new Fields();
        String patron = f.barcode("barcode", barcode);
        boolean all = false;
        if (status != null && !status.isBlank()) {
            all = "all".equalsIgnoreCase(status.strip());
            if (!all && !"open".equalsIgnoreCase(status.strip())) {
                f.error("status", "must be open or all");
            }
        }
        int pageNo = f.integer("_page", page, 1, Integer.MAX_VALUE, 1);
        int size = f.integer("_per_page", perPage, 1, 100, DEFAULT_PER_PAGE);
        f.check();
        return engine.run(new Commands.ListFees(EngineCalls.context(security, null), patron, all, pageNo, size), list -> list);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(StaffPermission.FEES)
    public CompletionStage<Response> assess(@PathParam("barcode") String barcode, AssessRequest body,
                                            @HeaderParam(CirculationResource.IDEMPOTENCY_KEY) String key, @Context SecurityContext security) {
        Fields.requireBody(body);
        Fields f = new Fields();
        String patron = f.barcode("barcode", barcode);
        FeeType type = body.type() == null ? null : f.oneOf("type", body.type(), EnumSet.allOf(FeeType.class));
        if (body.type() == null) {
            f.error("type", "required");
        }
        Money amount = f.money("amount", body.amount());
        String note = f.optional("note", body.note(), Fields.MAX_NOTE);
        String item = body.item() == null ? null : f.barcode("item", body.item());
        f.check();
        return engine.run(new Commands.AssessFee(EngineCalls.context(security, key), patron, type, amount, item, note),
                done -> Response.status(Response.Status.CREATED).entity(done).build());
    }
}
