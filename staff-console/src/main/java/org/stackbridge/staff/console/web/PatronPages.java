package org.stackbridge.staff.console.web;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.staff.auth.Requires;
import org.stackbridge.staff.console.auth.ConsoleSession;
import org.stackbridge.staff.console.page.ConsolePages.PatronPage;
import org.stackbridge.staff.console.page.ConsolePages.PatronSearchPage;
import org.stackbridge.staff.console.page.Notice;

/**
 * Patrons: search (by barcode: the engine has no name search yet) and one patron's loans, holds, fees and blocks, as
 * the engine reports them to every protocol.
 */
@Singleton
@Path("patrons")
@Produces(MediaType.TEXT_HTML)
public final class PatronPages {

    private final ConsoleEngine engine;
    private final Pages pages;

    @Inject
    public PatronPages(ConsoleEngine engine, Pages pages) {
        this.engine = engine;
        this.pages = pages;
    }

    @GET
    @Requires(StaffPermission.PATRONS)
    public Response search(@QueryParam("q") String query, @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        if (query == null || query.isBlank()) {
            return page(200, session, "", null, null);
        }
        String barcode = Forms.barcode(query);
        if (barcode == null) {
            return page(400, session, "", null, Notice.error("Barcode: scan or type 1 to " + Forms.MAX_BARCODE + " characters."));
        }
        Outcome<Views.PatronInfo> found = engine.run(new Commands.LookupPatron(engine.context(session), barcode, null));
        if (found instanceof Outcome.Refused<Views.PatronInfo> r) {
            return page(DeskPages.status(r.reason()), session, barcode, null, Notice.refused(r.reason(),
                    r.reason() == RefusalReason.UNKNOWN_PATRON ? "No patron with barcode " + barcode + "." : r.message()));
        }
        return page(200, session, barcode, found.value(), null);
    }

    @GET
    @Path("{barcode}")
    @Requires(StaffPermission.PATRONS)
    public Response patron(@PathParam("barcode") String barcode, @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        String b = Forms.barcode(barcode);
        if (b == null) {
            return page(400, session, "", null, Notice.error("Barcode: 1 to " + Forms.MAX_BARCODE + " characters."));
        }
        Outcome<Views.PatronInfo> found = engine.run(new Commands.LookupPatron(engine.context(session), b, null));
        if (found instanceof Outcome.Refused<Views.PatronInfo> r) {
            return page(DeskPages.status(r.reason()), session, b, null, Notice.refused(r.reason(),
                    r.reason() == RefusalReason.UNKNOWN_PATRON ? "No patron with barcode " + b + "." : r.message()));
        }
        return Forms.html(200, pages.render("patron.jte", new PatronPage(pages.chrome(found.value().patron().name(), "patrons", session),
                found.value())));
    }

    private Response page(int status, ConsoleSession session, String query, Views.PatronInfo found, Notice notice) {
        return Forms.html(status, pages.render("patrons.jte", new PatronSearchPage(pages.chrome("Patrons", "patrons", session), query, found,
                notice)));
    }
}
