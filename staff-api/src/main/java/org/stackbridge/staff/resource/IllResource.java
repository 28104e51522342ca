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
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.ill.IllCommands;
import org.stackbridge.core.ill.IllRef;
import org.stackbridge.core.ill.IllViews;
import org.stackbridge.core.model.IllRole;
import org.stackbridge.core.model.IllState;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.staff.auth.Requires;

/**
 * Interlibrary loan ({@code /ill/requests}, ILL permission): the queue with filters, one request with its timeline
 * from the event log, a request by the partner's request id, advancing a request by hand, and starting a borrowing
 * request for one of our patrons to a configured NCIP partner (whose NCIP messages then carry it as before).
 */
@Singleton
@Path("ill/requests")
@Produces(MediaType.APPLICATION_JSON)
public final class IllResource {

    static final int MAX_TITLE = 1000;
    static final int MAX_TEXT = 255;
    static final int MAX_NOTE = 1000;

    private final EngineCalls engine;
    private final IllPartners partners;

    @Inject
    public IllResource(EngineCalls engine, IllPartners partners) {
        this.engine = engine;
        this.partners = partners;
    }

    /** A borrowing request: for {@code patron}, to {@code partner}, for a local {@code biblio} or a citation. */
    public record BorrowingRequest(String patron, String partner, String biblio, String title, String author, String isbn, String note) {
    }

    public record Transition(String to, String note) {
    }

    enum Direction { LENDING, BORROWING }

    @GET
    @Requires(StaffPermission.ILL)
    public CompletionStage<Response> queue(@QueryParam("state") String state, @QueryParam("partner") String partner,
                                           @QueryParam("direction") String direction, @QueryParam("older_than_days") String olderThanDays,
                                           @QueryParam("partner_request_id") String partnerRequestId, @QueryParam("_page") String page,
                                           @QueryParam("_per_page") String perPage, @Context SecurityContext security) {
        Listing l = new Listing();
        IllState s = l.oneOf("state", state, IllState.class);
        Direction d = l.oneOf("direction", direction, Direction.class);
        String agency = partner == null ? null : l.code("partner", partner);
        String external = partnerRequestId == null ? null : l.code("partner_request_id", partnerRequestId);
        Integer days = l.number("older_than_days", olderThanDays, 0, 36_500, null);
        int p = l.page(page);
        int pp = l.perPage(perPage);
        l.check();
        IllRole role = d == null ? null : d == Direction.LENDING ? IllRole.LENDING : IllRole.BORROWING;
        return engine.run(new IllCommands.SearchRequests(EngineCalls.context(security, null), role, s, agency, external, days, p, pp),
                Listing::page);
    }

    /** The request with its timeline: every transition, when, by whom (staff login, partner agency, terminal) and its note. */
    @GET
    @Path("{id}")
    @Requires(StaffPermission.ILL)
    public CompletionStage<IllViews.Detail> request(@PathParam("id") String id, @Context SecurityContext security) {
        return engine.run(new IllCommands.ShowRequest(EngineCalls.context(security, null), IllRef.byId(Listing.pathId("ILL request", id))),
                d -> d);
    }

    /** Moves the request to {@code to} by hand; a transition the table does not allow is a 409 naming the allowed ones. */
    @POST
    @Path("{id}/transitions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(StaffPermission.ILL)
    public CompletionStage<Response> advance(@PathParam("id") String id, Transition body,
                                             @HeaderParam(CirculationResource.IDEMPOTENCY_KEY) String key,
                                             @Context SecurityContext security) {
        long requestId = Listing.pathId("ILL request", id);
        Fields.requireBody(body);
        Listing l = new Listing();
        IllState to = null;
        if (body.to() == null || body.to().isBlank()) {
            l.error("to", "required");
        } else {
            to = l.oneOf("to", body.to(), IllState.class);
        }
        if (body.note() != null) {
            checkText(l, "note", body.note(), MAX_NOTE);
        }
        l.check();
        return engine.run(new IllCommands.Advance(EngineCalls.context(security, key), IllRef.byId(requestId), to, body.note()),
                v -> Response.status(Response.Status.CREATED).entity(v).build());
    }

    /** Starts a borrowing request; the answer's {@code external_id} is the request id the partner's NCIP messages name. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(StaffPermission.ILL)
    public CompletionStage<Response> borrow(BorrowingRequest body, @HeaderParam(CirculationResource.IDEMPOTENCY_KEY) String key,
                                            @Context SecurityContext security) {
        Fields.requireBody(body);
        Fields f = new Fields();
        String patron = f.barcode("patron", body.patron());
        String partner = f.barcode("partner", body.partner());
        if (partner != null && !partner.isBlank() && partner.length() <= Fields.MAX_BARCODE) {
            partners.refusal(partner).ifPresent(reason -> f.error("partner", reason));
        }
        String biblio = body.biblio() == null ? null : f.barcode("biblio", body.biblio());
        IllViews.Citation citation = citation(f, body.biblio(), body.title(), body.author(), body.isbn());
        if (body.note() != null) {
            f.required("note", body.note(), MAX_NOTE);
        }
        f.check();
        return engine.run(new IllCommands.StartBorrowing(EngineCalls.context(security, key), patron, partner, biblio, citation, body.note()),
                v -> Response.status(Response.Status.CREATED).entity(v).build());
    }

    /**
     * The title of a borrowing request: a local record ({@code biblio}; the answer is then null) or a citation (title,
     * optional author and ISBN), never both. Shared with the console's form through {@link FormInput}.
     */
    static IllViews.Citation citation(Fields f, String biblio, String title, String author, String isbn) {
        boolean cited = title != null || author != null || isbn != null;
        if ((biblio == null) == !cited) {
            f.error(biblio == null ? "title" : "biblio", "give either biblio (a local record) or a citation (title, author, isbn)");
            return null;
        }
        if (!cited) {
            return null;
        }
        f.required("title", title, MAX_TITLE);
        if (author != null) {
            f.required("author", author, MAX_TEXT);
        }
        if (isbn != null) {
            f.required("isbn", isbn, Fields.MAX_BARCODE);
        }
        return title == null || title.isBlank() ? null : new IllViews.Citation(title.strip(), author, isbn, null);
    }

    private static void checkText(Listing l, String name, String value, int max) {
        if (value.isBlank() || value.length() > max || value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            l.error(name, "must be 1 to " + max + " characters without control characters");
        }
    }
}
