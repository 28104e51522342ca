package org.stackbridge.staff.console.web;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.stackbridge.core.command.Command;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.Page;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.staff.auth.Requires;
import org.stackbridge.staff.console.auth.ConsoleSession;
import org.stackbridge.staff.console.page.FeesHoldsIllPages.HoldListsPage;
import org.stackbridge.staff.console.page.FeesHoldsIllPages.HoldQueuePage;
import org.stackbridge.staff.console.page.Notice;

/**
 * The holds desk of a library ({@code /console/holds?library=}, circulation permission): the pull list (holds an
 * item on its shelves can fill, in shelf order), the clear-shelf list (items whose hold expired uncollected) and the
 * items in transit to and from it; and a title's queue ({@code /console/holds/queue?biblio=}). The lists are the
 * engine's, as the staff API's {@code /holds/pull-list}, {@code /holds/clear-shelf} and {@code /transits} answer them.
 */
@Singleton
@Path("holds")
@Produces(MediaType.TEXT_HTML)
public final class HoldPages {

    /** Lines shown per list; the page says how many there are in all. */
    static final int PER_PAGE = 100;

    private final ConsoleEngine engine;
    private final Pages pages;

    @Inject
    public HoldPages(ConsoleEngine engine, Pages pages) {
        this.engine = engine;
        this.pages = pages;
    }

    @GET
    @Requires(StaffPermission.CIRCULATION)
    public Response lists(@QueryParam("library") String library, @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        String given = library == null || library.isBlank() ? session.staff().library() : library;
        if (given == null) {
            return lists(200, session, "", null, null, null, null, null);
        }
        String code = Forms.barcode(given);
        if (code == null) {
            return lists(400, session, "", null, null, null, null, Notice.error("library: 1 to " + Forms.MAX_BARCODE + " characters."));
        }
        RequestContext ctx = engine.context(session);
        Outcome<Page<Views.PullLine>> pull = engine.run(new Commands.ListHoldsToPull(ctx, code, 1, PER_PAGE));
        Outcome<Page<Views.ShelfLine>> shelf = engine.run(new Commands.ListExpiredOnShelf(ctx, code, 1, PER_PAGE));
        Outcome<Page<Views.TransitLine>> in = engine.run(new Commands.ListTransits(ctx, code, true, 1, PER_PAGE));
        Outcome<Page<Views.TransitLine>> out = engine.run(new Commands.ListTransits(ctx, code, false, 1, PER_PAGE));
        for (Outcome<?> o : List.of(pull, shelf, in, out)) {
            if (o instanceof Outcome.Refused<?> r) {
                return lists(FormNotices.status(r.reason()), session, code, null, null, null, null, Notice.refused(r.reason(), r.message()));
            }
        }
        return lists(200, session, code, pull.value(), shelf.value(), in.value(), out.value(), null);
    }

    @GET
    @Path("queue")
    @Requires(StaffPermission.CIRCULATION)
    public Response queue(@QueryParam("biblio") String biblio, @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        if (biblio == null || biblio.isBlank()) {
            return queue(200, session, "", null, null);
        }
        String control = Forms.barcode(biblio);
        if (control == null) {
            return queue(400, session, "", null, Notice.error("biblio: a record's control number, 1 to " + Forms.MAX_BARCODE + " characters."));
        }
        Command<List<Views.HoldView>> list = new Commands.ListHolds(engine.context(session), null, control);
        Outcome<List<Views.HoldView>> found = engine.run(list);
        if (found instanceof Outcome.Refused<List<Views.HoldView>> r) {
            return queue(FormNotices.status(r.reason()), session, control, null, Notice.refused(r.reason(), r.message()));
        }
        return queue(200, session, control, found.value(), null);
    }

    private Response lists(int status, ConsoleSession session, String library, Page<Views.PullLine> pull, Page<Views.ShelfLine> shelf,
                           Page<Views.TransitLine> in, Page<Views.TransitLine> out, Notice notice) {
        return Forms.html(status, pages.render("holds.jte", new HoldListsPage(pages.chrome("Holds", "holds", session), library, pull, shelf,
                in, out, notice)));
    }

    private Response queue(int status, ConsoleSession session, String biblio, List<Views.HoldView> queue, Notice notice) {
        return Forms.html(status, pages.render("holdQueue.jte", new HoldQueuePage(pages.chrome("Hold queue", "holds", session), biblio, queue,
                notice)));
    }
}
