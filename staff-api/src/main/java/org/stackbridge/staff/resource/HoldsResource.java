package org.stackbridge.staff.resource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.time.LocalDate;
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.Command;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.core.outcome.Page;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.staff.auth.Requires;

/**
 * Holds at the desk ({@code /holds}, circulation permission): place (title or item level), look up and cancel one,
 * suspend and resume it, and the library's pull list and clear-shelf list. Every POST may carry an
 * {@code Idempotency-Key}.
 */
@Singleton
@Path("holds")
@Produces(MediaType.APPLICATION_JSON)
public final class HoldsResource {

    static final int MAX_REASON = 255;

    private final EngineCalls engine;

    @Inject
    public HoldsResource(EngineCalls engine) {
        this.engine = engine;
    }

    /** A hold for {@code patron} on an {@code item} (item level) or a {@code biblio} (title level, by control number). */
    public record HoldRequest(String patron, String item, String biblio, String pickupLibrary, String expirationDate) {
    }

    public record Cancellation(String reason) {
    }

    public record Suspension(String until) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(StaffPermission.CIRCULATION)
    public CompletionStage<Response> place(HoldRequest body, @HeaderParam(CirculationResource.IDEMPOTENCY_KEY) String key,
                                           @Context SecurityContext security) {
        Fields.requireBody(body);
        Fields f = new Fields();
        String patron = f.barcode("patron", body.patron());
        String item = body.item() == null ? null : f.barcode("item", body.item());
        String biblio = body.biblio() == null ? null : f.barcode("biblio", body.biblio());
        if ((item == null) == (biblio == null)) {
            f.error(item == null ? "item" : "biblio", "give either item (an item-level hold) or biblio (a title-level hold)");
        }
        String pickup = body.pickupLibrary() == null ? null : f.barcode("pickup_library", body.pickupLibrary());
        Listing l = new Listing();
        LocalDate expires = l.date("expiration_date", body.expirationDate());
        f.check();
        l.check();
        return engine.run(new Commands.PlaceHold(EngineCalls.context(security, key), patron, item, biblio, pickup, expires),
                placed -> Response.status(Response.Status.CREATED).entity(placed).build());
    }

    @GET
    @Path("{id}")
    @Requires(StaffPermission.CIRCULATION)
    public CompletionStage<Views.HoldView> hold(@PathParam("id") String id, @Context SecurityContext security) {
        return engine.run(new Commands.LookupHold(EngineCalls.context(security, null), Listing.pathId("hold", id)), v -> v);
    }

    /** Cancels the hold; an optional body {@code {"reason": ...}} is recorded in the event log. Answers the cancelled hold. */
    @DELETE
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(StaffPermission.CIRCULATION)
    public CompletionStage<Views.HoldView> cancel(@PathParam("id") String id, Cancellation body,
                                                  @HeaderParam(CirculationResource.IDEMPOTENCY_KEY) String key,
                                                  @Context SecurityContext security) {
        long holdId = Listing.pathId("hold", id);
        String reason = null;
        if (body != null && body.reason() != null) {
            Fields f = new Fields();
            reason = f.required("reason", body.reason(), MAX_REASON);
            f.check();
        }
        return engine.run(new Commands.CancelHoldById(EngineCalls.context(security, key), holdId, reason), v -> v);
    }

    /** Suspends the hold through {@code until} (a date; without it, until resumed). */
    @POST
    @Path("{id}/suspension")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(StaffPermission.CIRCULATION)
    public CompletionStage<Response> suspend(@PathParam("id") String id, Suspension body,
                                             @HeaderParam(CirculationResource.IDEMPOTENCY_KEY) String key,
                                             @Context SecurityContext security) {
        long holdId = Listing.pathId("hold", id);
        Listing l = new Listing();
        LocalDate until = body == null ? null : l.date("until", body.until());
        l.check();
        return engine.run(new Commands.SuspendHold(EngineCalls.context(security, key), holdId, until),
                v -> Response.status(Response.Status.CREATED).entity(v).build());
    }

    @DELETE
    @Path("{id}/suspension")
    @Requires(StaffPermission.CIRCULATION)
    public CompletionStage<Views.HoldView> resume(@PathParam("id") String id, @HeaderParam(CirculationResource.IDEMPOTENCY_KEY) String key,
                                                  @Context SecurityContext security) {
        return engine.run(new Commands.ResumeHold(EngineCalls.context(security, key), Listing.pathId("hold", id)), v -> v);
    }

    /** Waiting holds an available item on the library's shelves can fill, in shelf order. */
    @GET
    @Path("pull-list")
    @Requires(StaffPermission.CIRCULATION)
    public CompletionStage<Response> pullList(@QueryParam("library") String library, @QueryParam("_page") String page,
                                              @QueryParam("_per_page") String perPage, @Context SecurityContext security) {
        return libraryPage(library, page, perPage, (code, p, pp) ->
                new Commands.ListHoldsToPull(EngineCalls.context(security, null), code, p, pp));
    }

    /** Items on the library's hold shelf whose hold expired uncollected: take them off the shelf (check them in). */
    @GET
    @Path("clear-shelf")
    @Requires(StaffPermission.CIRCULATION)
    public CompletionStage<Response> clearShelf(@QueryParam("library") String library, @QueryParam("_page") String page,
                                                @QueryParam("_per_page") String perPage, @Context SecurityContext security) {
        return libraryPage(library, page, perPage, (code, p, pp) ->
                new Commands.ListExpiredOnShelf(EngineCalls.context(security, null), code, p, pp));
    }

    /** A list command for one library and page. */
    private interface LibraryList<L> {
        Command<Page<L>> command(String library, int page, int perPage);
    }

    private <L> CompletionStage<Response> libraryPage(String library, String page, String perPage, LibraryList<L> list) {
        Listing l = new Listing();
        String code = l.code("library", library);
        int p = l.page(page);
        int pp = l.perPage(perPage);
        l.check();
        return engine.run(list.command(code, p, pp), Listing::page);
    }
}
