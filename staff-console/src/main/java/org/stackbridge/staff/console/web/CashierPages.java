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
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.staff.auth.Requires;
import org.stackbridge.staff.console.auth.ConsoleSession;
import org.stackbridge.staff.console.page.FeesHoldsIllPages.CashierPage;
import org.stackbridge.staff.console.page.Notice;
import org.stackbridge.staff.resource.FormInput;

/**
 * The cashier's daily summary ({@code /console/cashier?library=&date=}, fees permission): one library's payments by
 * type, waivers, refunds and who took them, on its local date (today in the library's time zone when no date is
 * given). A library-scoped account sees its own library by default; the engine refuses libraries of other institutions.
 */
@Singleton
@Path("cashier")
@Produces(MediaType.TEXT_HTML)
public final class CashierPages {

    private final ConsoleEngine engine;
    private final Pages pages;
    private final Clock clock;

    @Inject
    public CashierPages(ConsoleEngine engine, Pages pages, Clock clock) {
        this.engine = engine;
        this.pages = pages;
        this.clock = clock;
    }

    @GET
    @Requires(StaffPermission.FEES)
    public Response summary(@QueryParam("library") String library, @QueryParam("date") String date, @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        String code = library == null || library.isBlank() ? session.staff().library() : library;
        if (code == null) {
            return page(200, session, "", null, null, null);
        }
        FormInput in = new FormInput();
        code = in.barcode("library", code);
        LocalDate day = in.date("date", date);
        if (!in.errors().isEmpty()) {
            return page(400, session, code, day, null, FormNotices.invalid(in.errors()));
        }
        if (day == null) {
            Outcome<Views.LibraryView> lib = engine.run(new Commands.LookupLibrary(engine.context(session), code));
            if (lib instanceof Outcome.Refused<Views.LibraryView> r) {
                return page(FormNotices.status(r.reason()), session, code, null, null, Notice.refused(r.reason(), r.message()));
            }
            day = LocalDate.ofInstant(clock.instant(), zone(lib.value().timezone()));
        }
        Outcome<Views.CashierSummary> out = engine.run(new Commands.SummariseCashier(engine.context(session), code, day));
        if (out instanceof Outcome.Refused<Views.CashierSummary> r) {
            return page(FormNotices.status(r.reason()), session, code, day, null, Notice.refused(r.reason(), r.message()));
        }
        return page(200, session, code, day, out.value(), null);
    }

    private static ZoneId zone(String id) {
        try {
            return id == null ? ZoneId.of("UTC") : ZoneId.of(id);
        } catch (DateTimeException e) {
            return ZoneId.of("UTC");
        }
    }

    private Response page(int status, ConsoleSession session, String library, LocalDate date, Views.CashierSummary summary, Notice notice) {
        return Forms.html(status, pages.render("cashier.jte", new CashierPage(pages.chrome("Cashier", "cashier", session), library, date,
                summary, notice)));
    }
}
