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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.stream.Collectors;
import org.stackbridge.core.cataloguing.CatalogueCommands;
import org.stackbridge.core.cataloguing.CatalogueViews;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.staff.auth.Requires;
import org.stackbridge.staff.console.ConsoleCataloguing;
import org.stackbridge.staff.console.auth.ConsoleSession;
import org.stackbridge.staff.console.page.CataloguePageModels;
import org.stackbridge.staff.console.page.CataloguePageModels.ItemPage;
import org.stackbridge.staff.console.page.Fmt;
import org.stackbridge.staff.console.page.Notice;

/**
 * Items: look one up by barcode (its record, location, call number, live status, due date, borrower and holds), set
 * its status by hand (damaged with an optional repair fee, missing, lost, withdrawn, available: item status
 * permission, the engine's {@code ItemStatusPolicies} decide and bill) and record a claims-returned loan. The same
 * engine commands as {@code GET/PATCH /api/v1/items/{barcode}} and {@code POST /api/v1/checkouts/{item}/claims-returned}.
 */
@Singleton
@Path("items")
@Produces(MediaType.TEXT_HTML)
public final class ItemPages {

    private final ConsoleEngine engine;
    private final Pages pages;
    private final ConsoleCataloguing cataloguing;

    @Inject
    public ItemPages(ConsoleEngine engine, Pages pages, ConsoleCataloguing cataloguing) {
        this.engine = engine;
        this.pages = pages;
        this.cataloguing = cataloguing;
    }

    @GET
    @Requires(StaffPermission.CIRCULATION)
    public Response lookUp(@QueryParam("barcode") String barcode, @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        if (barcode == null || barcode.isBlank()) {
            return page(200, session, "", null);
        }
        String b = Forms.barcode(barcode);
        if (b == null) {
            return page(400, session, "", Notice.error("Item barcode: scan or type 1 to " + Forms.MAX_BARCODE + " characters."));
        }
        return page(200, session, b, null);
    }

    @POST
    @Path("{barcode}/status")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Requires(StaffPermission.ITEM_STATUS)
    public Response changeStatus(@PathParam("barcode") String barcode, @FormParam("status") String status, @FormParam("note") String note,
                                 @FormParam("repair_fee") String repairFee, @FormParam("patron") String patron,
                                 @FormParam("request_key") String key,
                                 @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        String item = Forms.barcode(barcode);
        RequestContext ctx = engine.context(session, key);
        Notice bad = formProblem(item, ctx, note);
        if (bad != null) {
            return page(400, session, item == null ? "" : item, bad);
        }
        ItemStatus to = CataloguePageModels.SETTABLE.stream().filter(s -> s.name().equalsIgnoreCase(status == null ? "" : status))
                .findFirst().orElse(null);
        if (to == null) {
            return page(400, session, item, Notice.error("Status: choose one of "
                    + CataloguePageModels.SETTABLE.stream().map(Fmt::words).collect(Collectors.joining(", ")) + "."));
        }
        Money fee = Forms.money(repairFee, cataloguing.currency());
        if (Forms.optionalText(repairFee) != null && fee == null) {
            return page(400, session, item, Notice.error("Repair fee: an amount such as 12.50, in " + cataloguing.currency().getCurrencyCode() + "."));
        }
        if (fee != null && to != ItemStatus.DAMAGED) {
            return page(400, session, item, Notice.error("Repair fee: only when marking the item damaged."));
        }
        String billTo = Forms.optionalText(patron) == null ? null : Forms.barcode(patron);
        if (Forms.optionalText(patron) != null && (billTo == null || fee == null)) {
            return page(400, session, item, Notice.error(billTo == null ? "Bill to patron: a barcode of 1 to " + Forms.MAX_BARCODE + " characters."
                    : "Bill to patron: only with a repair fee."));
        }
        Outcome<CatalogueViews.ItemChanged> out = engine.run(new CatalogueCommands.ChangeItem(ctx, item, null, to, Forms.optionalText(note),
                fee, billTo));
        if (out instanceof Outcome.Refused<CatalogueViews.ItemChanged> r) {
            return page(status(r.reason()), session, item, Notice.refused(r.reason(), "Not marked " + Fmt.words(to) + ": " + r.message()));
        }
        return page(200, session, item, Notice.ok(changed(out.value())));
    }

    @POST
    @Path("{barcode}/claims-returned")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Requires(StaffPermission.CIRCULATION)
    public Response claimReturned(@PathParam("barcode") String barcode, @FormParam("note") String note, @FormParam("request_key") String key,
                                  @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        String item = Forms.barcode(barcode);
        RequestContext ctx = engine.context(session, key);
        Notice bad = formProblem(item, ctx, note);
        if (bad != null) {
            return page(400, session, item == null ? "" : item, bad);
        }
        Outcome<CatalogueViews.ClaimedReturned> out = engine.run(new CatalogueCommands.ClaimReturned(ctx, item, Forms.optionalText(note)));
        if (out instanceof Outcome.Refused<CatalogueViews.ClaimedReturned> r) {
            return page(status(r.reason()), session, item, Notice.refused(r.reason(), "Claim not recorded: " + r.message()));
        }
        CatalogueViews.ClaimedReturned c = out.value();
        return page(200, session, item, Notice.ok("Claims returned recorded for " + c.patron().name() + " (" + c.patron().barcode()
                + "): fines stopped at " + Fmt.time(c.claimedAt()) + ". Claims by this patron so far: " + c.patronClaims() + "."));
    }

    /** What is wrong with an item form's barcode, request key or note; null when nothing. */
    private static Notice formProblem(String item, RequestContext ctx, String note) {
        if (item == null || ctx == null) {
            return Notice.error("The form is damaged; reload the page.");
        }
        if (Forms.badText(note)) {
            return Notice.error("Note: at most " + Forms.MAX_TEXT + " characters, on one line.");
        }
        return null;
    }

    /** What a status change did, in words: the status, a loan marked lost, and who was billed what. */
    static String changed(CatalogueViews.ItemChanged c) {
        StringBuilder text = new StringBuilder("Marked " + c.item().barcode() + " " + Fmt.words(c.item().status()) + " (was "
                + Fmt.words(c.previousStatus()) + ").");
        if (c.loanMarkedLost()) {
            text.append(" The loan is marked lost.");
        }
        if (c.billed() != null && !c.fees().isEmpty()) {
            text.append(" Billed ").append(c.billed().name()).append(" (").append(c.billed().barcode()).append("): ")
                    .append(c.fees().stream().map(f -> Fmt.words(f.type()) + " " + Fmt.money(f.amount())).collect(Collectors.joining(", ")))
                    .append('.');
        }
        return text.toString();
    }

    /** The item page, looking the item up afresh so it shows what the engine now holds. */
    private Response page(int status, ConsoleSession session, String barcode, Notice notice) {
        Views.ItemInfo item = null;
        if (!barcode.isEmpty()) {
            Outcome<Views.ItemInfo> found = engine.run(new Commands.LookupItem(engine.context(session), barcode));
            if (found instanceof Outcome.Refused<Views.ItemInfo> r) {
                status = status == 200 ? status(r.reason()) : status;
                notice = notice != null ? notice : Notice.refused(r.reason(), r.reason() == RefusalReason.UNKNOWN_ITEM
                        ? "No item with barcode " + barcode + "." : r.message());
            } else {
                item = found.value();
            }
        }
        String title = item == null ? "Items" : "Item " + item.barcode();
        return Forms.html(status, pages.render("item.jte", new ItemPage(pages.chrome(title, "items", session), Forms.newRequestKey(),
                barcode, item, notice)));
    }

    /** The HTTP status of a refusal: 404 unknown, 400 a bad value, 503 no answer, else 409 (it conflicts with the item's state). */
    static int status(RefusalReason reason) {
        return switch (reason) {
            case UNKNOWN_BIB, UNKNOWN_RECORD -> 404;
            case INVALID_FIELD, INVALID_AMOUNT, CURRENCY_MISMATCH -> 400;
            case SERVICE_UNAVAILABLE -> 503;
            default -> DeskPages.status(reason);
        };
    }
}
