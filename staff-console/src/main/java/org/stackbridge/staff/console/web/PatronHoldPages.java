package org.stackbridge.staff.console.web;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.staff.auth.Requires;
import org.stackbridge.staff.console.auth.ConsoleSession;
import org.stackbridge.staff.console.page.FeesHoldsIllPages.PatronHoldsPage;
import org.stackbridge.staff.console.page.Notice;
import org.stackbridge.staff.problem.Problem;
import org.stackbridge.staff.resource.FormInput;

/**
 * A patron's holds ({@code /console/patrons/{barcode}/holds}, circulation permission): the open holds with their
 * place in the queue, a form to place one (on an item, or on a title by its control number) and a button to cancel
 * each, with an optional reason for the event log. The engine's hold policy decides; a refusal is shown with its reason.
 */
@Singleton
@Path("patrons/{barcode}/holds")
@Produces(MediaType.TEXT_HTML)
public final class PatronHoldPages {

    /** As {@code DELETE /holds/{id}} accepts. */
    static final int MAX_REASON = 255;

    private final ConsoleEngine engine;
    private final Pages pages;

    @Inject
    public PatronHoldPages(ConsoleEngine engine, Pages pages) {
        this.engine = engine;
        this.pages = pages;
    }

    @GET
    @Requires(StaffPermission.CIRCULATION)
    public Response holds(@PathParam("barcode") String barcode, @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        String patron = Forms.barcode(barcode);
        return page(patron == null ? 400 : 200, session, patron, patron == null ? Notice.error("Barcode: 1 to " + Forms.MAX_BARCODE
                + " characters.") : null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Requires(StaffPermission.CIRCULATION)
    public Response place(@PathParam("barcode") String barcode, @FormParam("level") String level, @FormParam("target") String target,
                          @FormParam("pickup_library") String pickup, @FormParam("expiration_date") String expires,
                          @FormParam("request_key") String key, @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        String patron = Forms.barcode(barcode);
        RequestContext ctx = engine.context(session, key);
        if (patron == null || ctx == null) {
            return page(400, session, patron, Notice.error(FormNotices.DAMAGED));
        }
        boolean title = "title".equals(level);
        FormInput in = new FormInput();
        String what = in.barcode(title ? "biblio" : "item", target);
        String pickupLibrary = pickup == null || pickup.isBlank() ? null : in.barcode("pickup_library", pickup);
        LocalDate until = in.date("expiration_date", expires);
        List<Problem.FieldError> errors = new ArrayList<>(in.errors());
        if (!title && !"item".equals(level)) {
            errors.add(new Problem.FieldError("level", "must be item or title"));
        }
        if (!errors.isEmpty()) {
            return page(400, session, patron, FormNotices.invalid(errors));
        }
        Outcome<Views.HoldPlaced> out = engine.run(new Commands.PlaceHold(ctx, patron, title ? null : what, title ? what : null,
                pickupLibrary, until));
        if (out instanceof Outcome.Refused<Views.HoldPlaced> r) {
            return page(FormNotices.status(r.reason()), session, patron, Notice.refused(r.reason(), "No hold placed on " + what + ". "
                    + r.message()));
        }
        Views.HoldPlaced h = out.value();
        return page(200, session, patron, Notice.ok("Hold " + h.holdId() + " placed on " + h.title() + " for pickup at " + h.pickupLibrary()
                + (h.available() ? "; an item is available." : "; queue position " + h.queuePosition() + ".")));
    }

    @POST
    @Path("{hold}/cancellation")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Requires(StaffPermission.CIRCULATION)
    public Response cancel(@PathParam("barcode") String barcode, @PathParam("hold") String hold, @FormParam("reason") String reason,
                           @FormParam("request_key") String key, @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        String patron = Forms.barcode(barcode);
        RequestContext ctx = engine.context(session, key);
        Long holdId = FeePages.id(hold);
        if (patron == null || ctx == null || holdId == null) {
            return page(400, session, patron, Notice.error(FormNotices.DAMAGED));
        }
        FormInput in = new FormInput();
        String why = in.optional("reason", reason, MAX_REASON);
        if (!in.errors().isEmpty()) {
            return page(400, session, patron, FormNotices.invalid(in.errors()));
        }
        Outcome<Views.HoldView> out = engine.run(new Commands.CancelHoldById(ctx, holdId, why));
        if (out instanceof Outcome.Refused<Views.HoldView> r) {
            return page(FormNotices.status(r.reason()), session, patron, Notice.refused(r.reason(), "Hold " + holdId + " not cancelled. "
                    + r.message()));
        }
        Views.HoldView v = out.value();
        String trapped = v.trappedItemBarcode() == null ? "" : " Take " + v.trappedItemBarcode() + " off the hold shelf and check it in.";
        return page(200, session, v.patronBarcode(), Notice.ok("Hold " + holdId + " on " + v.title() + " cancelled." + trapped));
    }

    /** The page, reading the patron and their holds afresh. */
    private Response page(int status, ConsoleSession session, String patron, Notice notice) {
        Views.PatronInfo info = null;
        List<Views.HoldView> holds = List.of();
        if (patron != null) {
            RequestContext ctx = engine.context(session);
            Outcome<Views.PatronInfo> found = engine.run(new Commands.LookupPatron(ctx, patron, null));
            Outcome<List<Views.HoldView>> listed = found.isSuccess() ? engine.run(new Commands.ListHolds(ctx, patron, null)) : null;
            if (found instanceof Outcome.Refused<Views.PatronInfo> r) {
                status = status == 200 ? FormNotices.status(r.reason()) : status;
                notice = notice != null ? notice : Notice.refused(r.reason(), r.reason() == RefusalReason.UNKNOWN_PATRON
                        ? "No patron with barcode " + patron + "." : r.message());
            } else if (listed instanceof Outcome.Refused<List<Views.HoldView>> r) {
                status = status == 200 ? FormNotices.status(r.reason()) : status;
                notice = notice != null ? notice : Notice.refused(r.reason(), r.message());
            } else {
                info = found.value();
                holds = listed.value();
            }
        }
        String title = info == null ? "Holds" : "Holds: " + info.patron().name();
        return Forms.html(status, pages.render("patronHolds.jte", new PatronHoldsPage(pages.chrome(title, "patrons", session),
                Forms.newRequestKey(), patron == null ? "" : patron, info, holds, notice)));
    }
}
