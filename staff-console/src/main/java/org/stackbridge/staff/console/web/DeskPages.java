package org.stackbridge.staff.console.web;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.staff.auth.Requires;
import org.stackbridge.staff.console.auth.ConsoleSession;
import org.stackbridge.core.policy.CheckoutOverrides;
import org.stackbridge.staff.console.page.ConsolePages;
import org.stackbridge.staff.console.page.ConsolePages.CheckinPage;
import org.stackbridge.staff.console.page.ConsolePages.DeskPage;
import org.stackbridge.staff.console.page.ConsolePages.ReceiptPage;
import org.stackbridge.staff.console.page.Fmt;
import org.stackbridge.staff.console.page.Notice;
import org.stackbridge.staff.console.server.ConsoleSecurityContext;
import org.stackbridge.staff.problem.ProblemException;
import org.stackbridge.staff.resource.PatronInput;

/**
 * The circulation desk: scan a patron, check items out to them, renew one or all, print a receipt of today's loans;
 * and the check-in desk with its hold and transit slips. Every action is one engine command; a refusal is shown in
 * the panel with the engine's reason. Answers keep the panel's HTTP status honest (400 a bad scan, 404 an unknown
 * barcode, 409 a refusal); the page tells htmx to swap them in all the same.
 */
@Singleton
@Path("desk")
@Produces(MediaType.TEXT_HTML)
public final class DeskPages {

    private final ConsoleEngine engine;
    private final Pages pages;
    private final Clock clock;

    @Inject
    public DeskPages(ConsoleEngine engine, Pages pages, Clock clock) {
        this.engine = engine;
        this.pages = pages;
        this.clock = clock;
    }

    @GET
    @Requires(StaffPermission.CIRCULATION)
    public Response desk(@QueryParam("patron") String patron, @Context SecurityContext security) {
        ConsoleSession session = session(security);
        if (patron == null || patron.isBlank()) {
            return desk(200, session, null, null);
        }
        String barcode = Forms.barcode(patron);
        if (barcode == null) {
            return desk(400, session, null, Notice.error("Patron barcode: scan or type 1 to " + Forms.MAX_BARCODE + " characters."));
        }
        return desk(200, session, barcode, null);
    }

    @POST
    @Path("checkout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Requires(StaffPermission.CIRCULATION)
    public Response checkOut(@FormParam("patron") String patron, @FormParam("item") String item, @FormParam("request_key") String key,
                             @Context SecurityContext security) {
        ConsoleSession session = session(security);
        String patronBarcode = Forms.barcode(patron);
        if (patronBarcode == null) {
            return desk(400, session, null, Notice.error("Scan the patron's card first."));
        }
        String itemBarcode = Forms.barcode(item);
        RequestContext ctx = engine.context(session, key);
        if (itemBarcode == null || ctx == null) {
            return desk(400, session, patronBarcode, Notice.error(ctx == null ? "The form is damaged; reload the page."
                    : "Item barcode: scan or type 1 to " + Forms.MAX_BARCODE + " characters."));
        }
        Outcome<Views.CheckedOut> out = engine.run(new Commands.CheckOut(ctx, patronBarcode, itemBarcode, null, false, false, false));
        if (out instanceof Outcome.Refused<Views.CheckedOut> r) {
            // a refusal a desk override may pass: the page offers the override (to roles that have it) for this item
            ConsolePages.OverrideOffer offer = CheckoutOverrides.overridable(r.reason())
                    ? new ConsolePages.OverrideOffer(itemBarcode, r.reason().name(), r.message(), null) : null;
            return desk(status(r.reason()), session, patronBarcode, Notice.refused(r.reason(), "Not checked out: " + itemBarcode + ". " + r.message()),
                    offer);
        }
        return checkedOut(session, patronBarcode, itemBarcode, out.value(), null);
    }

    /**
     * The desk override of a refused checkout: the same engine command as {@code POST /api/v1/checkouts} with
     * {@code override}, for roles with the override permission only (a technician posting it gets 403 from the role
     * filter). The reason is required; the engine logs {@code CHECKOUT_OVERRIDE} with it and the staff login.
     */
    @POST
    @Path("override")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Requires(StaffPermission.OVERRIDE)
    public Response override(@FormParam("patron") String patron, @FormParam("item") String item, @FormParam("reason") String reason,
                             @FormParam("refusal") String refusal, @FormParam("request_key") String key, @Context SecurityContext security) {
        ConsoleSession session = session(security);
        String patronBarcode = Forms.barcode(patron);
        String itemBarcode = Forms.barcode(item);
        RequestContext ctx = engine.context(session, key);
        if (patronBarcode == null || itemBarcode == null || ctx == null) {
            return desk(400, session, patronBarcode, Notice.error("The form is damaged; reload the page."));
        }
        Commands.CheckoutOverride override;
        try {
            override = PatronInput.checkoutOverride("reason", reason);
        } catch (ProblemException e) {
            String why = PatronInput.errors(e).stream().map(er -> er.reason()).findFirst().orElse("invalid");
            String refusedFor = refusal == null || refusal.length() > 64 ? "" : refusal;
            return desk(400, session, patronBarcode, Notice.error("Override reason: " + why + "."),
                    new ConsolePages.OverrideOffer(itemBarcode, refusedFor, "Give the reason for the override.", "Reason: " + why));
        }
        Outcome<Views.CheckedOut> out = engine.run(new Commands.CheckOut(ctx, patronBarcode, itemBarcode, null, false, false, false, override));
        if (out instanceof Outcome.Refused<Views.CheckedOut> r) {
            return desk(status(r.reason()), session, patronBarcode, Notice.refused(r.reason(), "Not checked out, even with the override: "
                    + itemBarcode + ". " + r.message()));
        }
        return checkedOut(session, patronBarcode, itemBarcode, out.value(), override.reason());
    }

    private Response checkedOut(ConsoleSession session, String patronBarcode, String itemBarcode, Views.CheckedOut done, String overrideReason) {
        String what = done.renewal() ? "Renewed " : overrideReason != null ? "Checked out with an override " : "Checked out ";
        String fee = done.fee() != null && done.fee().isPositive() ? " Fee " + Fmt.money(done.fee()) + "." : "";
        return desk(200, session, patronBarcode, Notice.ok(what + itemBarcode + " (" + done.item().title() + "), due "
                + Fmt.date(done.dueAt()) + "." + fee));
    }

    @POST
    @Path("renew")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Requires(StaffPermission.CIRCULATION)
    public Response renew(@FormParam("patron") String patron, @FormParam("item") String item, @FormParam("request_key") String key,
                          @Context SecurityContext security) {
        ConsoleSession session = session(security);
        String patronBarcode = Forms.barcode(patron);
        String itemBarcode = Forms.barcode(item);
        RequestContext ctx = engine.context(session, key);
        if (patronBarcode == null || itemBarcode == null || ctx == null) {
            return desk(400, session, patronBarcode, Notice.error("The form is damaged; reload the page."));
        }
        Outcome<Views.Renewed> out = engine.run(new Commands.Renew(ctx, patronBarcode, itemBarcode, null));
        if (out instanceof Outcome.Refused<Views.Renewed> r) {
            return desk(status(r.reason()), session, patronBarcode, Notice.refused(r.reason(), "Not renewed: " + itemBarcode + ". " + r.message()));
        }
        return desk(200, session, patronBarcode, Notice.ok("Renewed " + itemBarcode + ", now due " + Fmt.date(out.value().dueAt()) + "."));
    }

    @POST
    @Path("renew-all")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Requires(StaffPermission.CIRCULATION)
    public Response renewAll(@FormParam("patron") String patron, @FormParam("request_key") String key, @Context SecurityContext security) {
        ConsoleSession session = session(security);
        String patronBarcode = Forms.barcode(patron);
        RequestContext ctx = engine.context(session, key);
        if (patronBarcode == null || ctx == null) {
            return desk(400, session, patronBarcode, Notice.error("The form is damaged; reload the page."));
        }
        Outcome<Views.RenewedAll> out = engine.run(new Commands.RenewAll(ctx, patronBarcode, null));
        if (out instanceof Outcome.Refused<Views.RenewedAll> r) {
            return desk(status(r.reason()), session, patronBarcode, Notice.refused(r.reason(), "Nothing renewed. " + r.message()));
        }
        Views.RenewedAll all = out.value();
        String text = "Renewed " + all.renewed().size() + " of " + (all.renewed().size() + all.refused().size()) + ".";
        if (all.refused().isEmpty()) {
            return desk(200, session, patronBarcode, Notice.ok(text));
        }
        String refused = all.refused().stream().map(f -> f.itemBarcode() + ": " + f.message()).collect(Collectors.joining("; "));
        return desk(200, session, patronBarcode, Notice.alert(text + " Not renewed: " + refused + "."));
    }

    @GET
    @Path("checkin")
    @Requires(StaffPermission.CIRCULATION)
    public Response checkinPage(@Context SecurityContext security) {
        return checkin(200, session(security), null, null);
    }

    @POST
    @Path("checkin")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Requires(StaffPermission.CIRCULATION)
    public Response checkIn(@FormParam("item") String item, @FormParam("request_key") String key, @Context SecurityContext security) {
        ConsoleSession session = session(security);
        String itemBarcode = Forms.barcode(item);
        RequestContext ctx = engine.context(session, key);
        if (itemBarcode == null || ctx == null) {
            return checkin(400, session, Notice.error(ctx == null ? "The form is damaged; reload the page."
                    : "Item barcode: scan or type 1 to " + Forms.MAX_BARCODE + " characters."), null);
        }
        Outcome<Views.CheckedIn> out = engine.run(new Commands.CheckIn(ctx, itemBarcode, false));
        if (out instanceof Outcome.Refused<Views.CheckedIn> r) {
            return checkin(status(r.reason()), session, Notice.refused(r.reason(), "Not checked in: " + itemBarcode + ". " + r.message()), null);
        }
        Views.CheckedIn done = out.value();
        return checkin(200, session, checkinNotice(done), done);
    }

    /** What the desk must do with a returned item: the sort bin, and a hold or transit stands out. */
    static Notice checkinNotice(Views.CheckedIn done) {
        String item = done.item().barcode() + " (" + done.item().title() + ")";
        String fine = done.fine() != null && done.fine().isPositive() ? " Overdue fine " + Fmt.money(done.fine()) + "." : "";
        String returned = done.wasCheckedOut() ? "Checked in " : "Checked in (was not on loan) ";
        return switch (done.destination()) {
            case HOLD_SHELF -> Notice.alert(returned + item + ". Hold for " + done.hold().patronName() + ": put it on the hold shelf." + fine);
            case TRANSIT_FOR_HOLD -> Notice.alert(returned + item + ". Hold for " + done.hold().patronName() + ": send it to "
                    + done.destinationLibrary() + "." + fine);
            case TRANSIT_HOME -> Notice.alert(returned + item + ". Send it home to " + done.destinationLibrary() + "." + fine);
            case ILL_RETURN -> Notice.alert(returned + item + ". Interlibrary loan: return it to the lending library." + fine);
            case RESHELVE -> Notice.ok(returned + item + ". Reshelve." + fine);
        };
    }

    @GET
    @Path("receipt")
    @Requires(StaffPermission.CIRCULATION)
    public Response receipt(@QueryParam("patron") String patron, @Context SecurityContext security) {
        ConsoleSession session = session(security);
        String barcode = Forms.barcode(patron);
        if (barcode == null) {
            return desk(400, session, null, Notice.error("Scan the patron's card first."));
        }
        Outcome<Views.PatronInfo> found = engine.run(new Commands.LookupPatron(engine.context(session), barcode, null));
        if (found instanceof Outcome.Refused<Views.PatronInfo> r) {
            return desk(status(r.reason()), session, null, Notice.refused(r.reason(), r.message()));
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<Views.LoanLine> todays = found.value().loans().stream()
                .filter(l -> l.issuedAt() != null && LocalDate.ofInstant(l.issuedAt(), ZoneOffset.UTC).equals(today)).toList();
        return Forms.html(200, pages.render("receipt.jte", new ReceiptPage(pages.chrome("Receipt", "desk", session), found.value(), todays,
                clock.instant())));
    }

    private Response desk(int status, ConsoleSession session, String patronBarcode, Notice notice) {
        return desk(status, session, patronBarcode, notice, null);
    }

    /** The desk page, looking the patron up afresh so the card shows what the engine now holds. */
    private Response desk(int status, ConsoleSession session, String patronBarcode, Notice notice, ConsolePages.OverrideOffer override) {
        Views.PatronInfo info = null;
        if (patronBarcode != null) {
            Outcome<Views.PatronInfo> found = engine.run(new Commands.LookupPatron(engine.context(session), patronBarcode, null));
            if (found instanceof Outcome.Refused<Views.PatronInfo> r) {
                status = status == 200 ? status(r.reason()) : status;
                notice = notice != null ? notice : Notice.refused(r.reason(), r.reason() == RefusalReason.UNKNOWN_PATRON
                        ? "No patron with barcode " + patronBarcode + "." : r.message());
            } else {
                info = found.value();
            }
        }
        return Forms.html(status, pages.render("desk.jte", new DeskPage(pages.chrome(info == null ? "Desk" : "Desk: " + info.patron().name(),
                "desk", session), Forms.newRequestKey(), info == null ? null : patronBarcode, info, notice, info == null ? null : override)));
    }

    private Response checkin(int status, ConsoleSession session, Notice notice, Views.CheckedIn result) {
        return Forms.html(status, pages.render("checkin.jte", new CheckinPage(pages.chrome("Check in", "checkin", session),
                Forms.newRequestKey(), notice, result)));
    }

    static int status(RefusalReason reason) {
        return switch (reason) {
            case UNKNOWN_PATRON, UNKNOWN_ITEM, UNKNOWN_LIBRARY, UNKNOWN_HOLD, UNKNOWN_FEE -> 404;
            case SYSTEM_ERROR -> 503;
            default -> 409;
        };
    }

    static ConsoleSession session(SecurityContext security) {
        return ConsoleSecurityContext.sessionOf(security);
    }
}
