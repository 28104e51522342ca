package org.stackbridge.staff.resource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.staff.auth.Requires;
import org.stackbridge.staff.auth.StaffSession;

/**
 * {@code GET /cashier/summary?library=CODE&date=YYYY-MM-DD}: one library's day at the cash desk (its local date). A
 * library-scoped account may leave out {@code library} (its own) and sees only libraries of its institution.
 */
@Singleton
@Path("cashier")
@Produces(MediaType.APPLICATION_JSON)
public final class CashierResource {

    private final EngineCalls engine;

    @Inject
    public CashierResource(EngineCalls engine) {
        this.engine = engine;
    }

    @GET
    @Path("summary")
    @Requires(StaffPermission.FEES)
    public CompletionStage<Views.CashierSummary> summary(@QueryParam("library") String library, @QueryParam("date") String date,
                                                         @Context SecurityContext security) {
        StaffSession session = (StaffSession) security.getUserPrincipal();
        Fields f = new Fields();
        String code = library == null || library.isBlank() ? session.library() : library;
        if (code == null) {
            f.error("library", "required");
        } else {
            code = f.barcode("library", code);
        }
        LocalDate day = null;
        if (date == null || date.isBlank()) {
            f.error("date", "required");
        } else {
            try {
                day = LocalDate.parse(date.strip());
            } catch (DateTimeParseException e) {
                f.error("date", "must be a date YYYY-MM-DD");
            }
        }
        f.check();
        return engine.run(new Commands.SummariseCashier(EngineCalls.context(security, null), code, day), s -> s);
    }
}
