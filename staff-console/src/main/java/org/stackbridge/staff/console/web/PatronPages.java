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
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Map;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.PatronCommands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.PatronSearch;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.PatronViews;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.staff.auth.Requires;
import org.stackbridge.staff.console.auth.ConsoleSession;
import org.stackbridge.staff.console.page.ConsolePages.HistoryListPage;
import org.stackbridge.staff.console.page.ConsolePages.PatronPage;
import org.stackbridge.staff.console.page.ConsolePages.PatronSearchPage;
import org.stackbridge.staff.console.page.Fmt;
import org.stackbridge.staff.console.page.Notice;
import org.stackbridge.staff.problem.ProblemException;
import org.stackbridge.staff.resource.PatronInput;
import org.stackbridge.staff.resource.PatronsResource;

/**
 * Patrons: search by name, barcode, e-mail or phone (the engine's {@code SearchPatrons}, as {@code GET /api/v1/patrons?q=}),
 * one patron's details, loans, holds, fees, blocks and latest history, and the forms acting on the patron: PIN reset,
 * membership renewal, blocks with notes (add, lift). Each form is one engine command in the staff member's name,
 * its fields checked by the staff API's {@link PatronInput}; a success goes back to the patron page (303) saying what
 * was done, a refusal shows the page again with the field named.
 */
@Singleton
@Path("patrons")
@Produces(MediaType.TEXT_HTML)
public final class PatronPages {

    static final int PER_PAGE = 20;
    static final int HISTORY_ON_PAGE = 10;
    static final int MAX_QUERY = 255;

    /** What a {@code done} code on the patron page says (after a form succeeded and redirected here). */
    static final Map<String, String> DONE = Map.of(
            "created", "Patron created.",
            "updated", "Patron changed.",
            "pin", "PIN reset; the old PIN no longer works.",
            "renewed", "Membership renewed.",
            "blocked", "Block placed.",
            "lifted", "Block lifted.",
            "card", "New card issued; the old card is blocked as lost.");

    private final ConsoleEngine engine;
    private final Pages pages;
    private final SecretHasher pinHasher;
    private final PatronForms forms;
    private final CardPrinting cards;

    @Inject
    public PatronPages(ConsoleEngine engine, Pages pages, SecretHasher pinHasher) {
        this.engine = engine;
        this.pages = pages;
        this.pinHasher = pinHasher;
        this.forms = new PatronForms(engine, pages, pinHasher);
        this.cards = new CardPrinting(engine);
    }

    // ---------------------------------------------------------------- create and edit (PatronForms)

    @GET
    @Path("new")
    @Requires(StaffPermission.PATRONS)
    public Response newPatron(@Context SecurityContext security) {
        return forms.newForm(DeskPages.session(security));
    }

    @POST
    @Path("new")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Requires(StaffPermission.PATRONS)
    public Response create(MultivaluedMap<String, String> form, @Context SecurityContext security) {
        return forms.create(DeskPages.session(security), form);
    }

    @GET
    @Path("{barcode}/edit")
    @Requires(StaffPermission.PATRONS)
    public Response edit(@PathParam("barcode") String barcode, @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        String b = Forms.barcode(barcode);
        return b == null ? damaged(session, null) : forms.editForm(session, b);
    }

    @POST
    @Path("{barcode}/edit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Requires(StaffPermission.PATRONS)
    public Response update(@PathParam("barcode") String barcode, MultivaluedMap<String, String> form, @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        String b = Forms.barcode(barcode);
        return b == null ? damaged(session, null) : forms.update(session, b, form);
    }

    // ---------------------------------------------------------------- ID card

    /** Issues a new card: the new barcode becomes the patron's, the old one is blocked as a lost card; the fee unless waived. */
    @POST
    @Path("{barcode}/card")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Requires(StaffPermission.PATRONS)
    public Response replaceCard(@PathParam("barcode") String barcode, @FormParam("new_barcode") String newBarcode,
                                @FormParam("charge_fee") String chargeFee, @FormParam("request_key") String key,
                                @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        String b = Forms.barcode(barcode);
        RequestContext ctx = engine.context(session, key);
        if (b == null || ctx == null) {
            return damaged(session, b);
        }
        String card = Forms.barcode(newBarcode);
        if (card == null) {
            return patronPage(400, session, b, Notice.error("No new card: scan or type the new card's barcode (1 to " + Forms.MAX_BARCODE
                    + " characters)."), Map.of("new_barcode", "required: 1 to " + Forms.MAX_BARCODE + " characters"));
        }
        Outcome<Views.PatronInfo> out = engine.run(new PatronCommands.ReplaceCard(ctx, b, card, "on".equals(chargeFee)));
        if (out instanceof Outcome.Refused<Views.PatronInfo> r) {
            return patronPage(DeskPages.status(r.reason()), session, b, Notice.refused(r.reason(), "No new card: " + r.message()),
                    Map.of("new_barcode", r.message()));
        }
        return Forms.seeOther("/patrons/" + Fmt.path(out.value().patron().barcode()) + "?done=card");
    }

    /** The patron's ID card as a PDF at credit-card size (the staff API's {@code PatronCards}). */
    @GET
    @Path("{barcode}/card.pdf")
    @Produces({"application/pdf", MediaType.TEXT_HTML})
    @Requires(StaffPermission.PATRONS)
    public Response cardPdf(@PathParam("barcode") String barcode, @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        String b = Forms.barcode(barcode);
        if (b == null) {
            return damaged(session, null);
        }
        CardPrinting.Found found = cards.card(engine.context(session), b);
        if (found.refused() != null) {
            return unknown(session, b, found.refused());
        }
        try {
            return CardPrinting.pdf(org.stackbridge.staff.card.PatronCards.card(found.card()), "card-" + b);
        } catch (IllegalArgumentException e) {
            return patronPage(409, session, b, Notice.error("The card cannot be printed: " + e.getMessage()), null);
        }
    }

    // ---------------------------------------------------------------- search

    @GET
    @Requires(StaffPermission.PATRONS)
    public Response search(@QueryParam("q") String query, @QueryParam("page") String pageParam, @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        if (query == null || query.isBlank()) {
            return searchPage(200, session, "", null, 1, false, null);
        }
        String q = query.strip();
        if (q.length() > MAX_QUERY || q.chars().anyMatch(Character::isISOControl)) {
            return searchPage(400, session, "", null, 1, false, Notice.error("Search: 1 to " + MAX_QUERY + " characters."));
        }
        int page = pageNumber(pageParam);
        Outcome<PatronViews.PatronPage> found = engine.run(new PatronCommands.SearchPatrons(engine.context(session),
                new PatronSearch(q, null, null, null, null), page, PER_PAGE));
        if (found instanceof Outcome.Refused<PatronViews.PatronPage> r) {
            return searchPage(DeskPages.status(r.reason()), session, q, null, page, false, Notice.refused(r.reason(), r.message()));
        }
        PatronViews.PatronPage result = found.value();
        Notice notice = result.patrons().isEmpty() && page == 1
                ? Notice.error("No patron with barcode " + q + ", nor a name, e-mail or phone starting with it.") : null;
        return searchPage(result.patrons().isEmpty() ? 404 : 200, session, q, result, page, result.more(), notice);
    }

    private Response searchPage(int status, ConsoleSession session, String query, PatronViews.PatronPage found, int page, boolean more,
                                Notice notice) {
        return Forms.html(status, pages.render("patrons.jte", new PatronSearchPage(pages.chrome("Patrons", "patrons", session), query,
                found == null ? null : found.patrons(), page, more, notice)));
    }

    // ---------------------------------------------------------------- one patron

    @GET
    @Path("{barcode}")
    @Requires(StaffPermission.PATRONS)
    public Response patron(@PathParam("barcode") String barcode, @QueryParam("done") String done, @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        String b = Forms.barcode(barcode);
        if (b == null) {
            return badBarcode(session);
        }
        String said = done == null ? null : DONE.get(done);
        return patronPage(200, session, b, said == null ? null : Notice.ok(said), null);
    }

    @GET
    @Path("{barcode}/history")
    @Requires(StaffPermission.PATRONS)
    public Response history(@PathParam("barcode") String barcode, @QueryParam("page") String pageParam, @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        String b = Forms.barcode(barcode);
        if (b == null) {
            return badBarcode(session);
        }
        int page = pageNumber(pageParam);
        RequestContext ctx = engine.context(session);
        Outcome<Views.PatronInfo> found = engine.run(new Commands.LookupPatron(ctx, b, null));
        if (found instanceof Outcome.Refused<Views.PatronInfo> r) {
            return unknown(session, b, r);
        }
        Outcome<PatronViews.HistoryPage> events = engine.run(new PatronCommands.PatronHistory(ctx, b, page, PER_PAGE));
        if (events instanceof Outcome.Refused<PatronViews.HistoryPage> r) {
            return unknown(session, b, r);
        }
        Views.PatronView p = found.value().patron();
        return Forms.html(200, pages.render("history.jte", new HistoryListPage(pages.chrome("History: " + p.name(), "patrons", session), p,
                events.value())));
    }

    // ---------------------------------------------------------------- PIN, membership, blocks

    @POST
    @Path("{barcode}/pin")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Requires(StaffPermission.PATRONS)
    public Response resetPin(@PathParam("barcode") String barcode, @FormParam("pin") String pin, @FormParam("request_key") String key,
                             @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        String b = Forms.barcode(barcode);
        RequestContext ctx = engine.context(session, key);
        if (b == null || ctx == null) {
            return damaged(session, b);
        }
        String valid;
        try {
            valid = PatronInput.pin(pin);
        } catch (ProblemException e) {
            return patronPage(400, session, b, Notice.error("Not changed: the PIN " + firstReason(e) + "."), Map.of("pin", firstReason(e)));
        }
        // the slow hash runs here, on the console's worker thread, not in the storage transaction
        Outcome<Views.PatronView> out = engine.run(new PatronCommands.ResetPin(ctx, b, pinHasher.hash(valid)));
        return afterAction(session, b, out, "pin", "PIN not reset");
    }

    @POST
    @Path("{barcode}/membership")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Requires(StaffPermission.PATRONS)
    public Response renew(@PathParam("barcode") String barcode, @FormParam("request_key") String key, @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        String b = Forms.barcode(barcode);
        RequestContext ctx = engine.context(session, key);
        if (b == null || ctx == null) {
            return damaged(session, b);
        }
        Outcome<Views.PatronInfo> out = engine.run(new PatronCommands.ChangeMembership(ctx, b, PatronCommands.MembershipAction.RENEW, null));
        return afterAction(session, b, out, "renewed", "Membership not renewed");
    }

    @POST
    @Path("{barcode}/blocks")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Requires(StaffPermission.PATRONS)
    public Response block(@PathParam("barcode") String barcode, @FormParam("type") String type, @FormParam("reason") String reason,
                          @FormParam("note") String note, @FormParam("request_key") String key, @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        String b = Forms.barcode(barcode);
        RequestContext ctx = engine.context(session, key);
        if (b == null || ctx == null) {
            return damaged(session, b);
        }
        PatronInput.Block block;
        try {
            block = PatronInput.block(new PatronsResource.NewBlock(type, reason, note, null));
        } catch (ProblemException e) {
            return patronPage(400, session, b, Notice.error("No block placed: " + e.problem().detail() + "."), fieldErrors(e, "block_"));
        }
        Outcome<Views.BlockLine> out = engine.run(new PatronCommands.PlaceBlock(ctx, b, block.type(), block.reason(), block.note(), null));
        return afterAction(session, b, out, "blocked", "No block placed");
    }

    @POST
    @Path("{barcode}/blocks/{id}/lift")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Requires(StaffPermission.PATRONS)
    public Response lift(@PathParam("barcode") String barcode, @PathParam("id") String id, @FormParam("request_key") String key,
                         @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        String b = Forms.barcode(barcode);
        RequestContext ctx = engine.context(session, key);
        long blockId;
        try {
            blockId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            blockId = -1;
        }
        if (b == null || ctx == null || blockId <= 0) {
            return damaged(session, b);
        }
        Outcome<Views.BlockLine> out = engine.run(new PatronCommands.RemoveBlock(ctx, b, blockId));
        return afterAction(session, b, out, "lifted", "Block not lifted");
    }

    // ---------------------------------------------------------------- shared by the patron forms

    /** After a form: back to the patron page saying what was done (303), or the page again with the refusal. */
    <R> Response afterAction(ConsoleSession session, String barcode, Outcome<R> out, String done, String failed) {
        if (out instanceof Outcome.Refused<R> r) {
            Map<String, String> errors = r.context() instanceof PatronViews.FieldProblem fp ? Map.of(fp.field(), fp.reason()) : Map.of();
            return patronPage(DeskPages.status(r.reason()) == 409 && !errors.isEmpty() ? 400 : DeskPages.status(r.reason()), session, barcode,
                    Notice.refused(r.reason(), failed + ": " + r.message()), errors);
        }
        return Forms.seeOther("/patrons/" + Fmt.path(barcode) + "?done=" + done);
    }

    Response patronPage(int status, ConsoleSession session, String barcode, Notice notice, Map<String, String> errors) {
        RequestContext ctx = engine.context(session);
        Outcome<Views.PatronInfo> found = engine.run(new Commands.LookupPatron(ctx, barcode, null));
        if (found instanceof Outcome.Refused<Views.PatronInfo> r) {
            return unknown(session, barcode, r);
        }
        Outcome<PatronViews.HistoryPage> history = engine.run(new PatronCommands.PatronHistory(ctx, barcode, 1, HISTORY_ON_PAGE));
        PatronViews.HistoryPage events = history instanceof Outcome.Success<PatronViews.HistoryPage> s ? s.result() : null;
        Views.PatronInfo info = found.value();
        return Forms.html(status, pages.render("patron.jte", new PatronPage(pages.chrome(info.patron().name(), "patrons", session), info,
                Forms.newRequestKey(), events == null ? null : events.events(), events != null && events.more(), notice, errors)));
    }

    private Response unknown(ConsoleSession session, String barcode, Outcome.Refused<?> r) {
        return searchPage(DeskPages.status(r.reason()), session, barcode, null, 1, false, Notice.refused(r.reason(),
                r.reason() == RefusalReason.UNKNOWN_PATRON ? "No patron with barcode " + barcode + "." : r.message()));
    }

    private Response badBarcode(ConsoleSession session) {
        return searchPage(400, session, "", null, 1, false, Notice.error("Barcode: 1 to " + Forms.MAX_BARCODE + " characters."));
    }

    /** A {@code page} parameter: 1 when absent or not a number, else between 1 and 100000. */
    static int pageNumber(String value) {
        try {
            return value == null ? 1 : Math.max(1, Math.min(Integer.parseInt(value.strip()), 100_000));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private Response damaged(ConsoleSession session, String barcode) {
        if (barcode == null) {
            return searchPage(400, session, "", null, 1, false, Notice.error("The form is damaged; reload the page."));
        }
        return patronPage(400, session, barcode, Notice.error("The form is damaged; reload the page."), null);
    }

    static String firstReason(ProblemException e) {
        return PatronInput.errors(e).stream().map(er -> er.reason()).findFirst().orElse(e.problem().detail());
    }

    /** The field errors of a refused form, keyed by field name with {@code prefix} (so two forms on a page do not mix). */
    static Map<String, String> fieldErrors(ProblemException e, String prefix) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        PatronInput.errors(e).forEach(er -> out.putIfAbsent(prefix + er.field(), er.reason()));
        return out;
    }
}
