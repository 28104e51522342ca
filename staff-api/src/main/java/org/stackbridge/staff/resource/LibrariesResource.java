package org.stackbridge.staff.resource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.AdminCommands;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.core.outcome.AdminViews;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.staff.auth.Requires;

/**
 * Libraries (branches) and their calendars: every staff role reads them; changing them needs
 * {@link StaffPermission#LIBRARIES}. Libraries the configuration file defines are shown with {@code "source":
 * "configuration"} and answer 409 to a change.
 */
@Singleton
@Path("libraries")
@Produces(MediaType.APPLICATION_JSON)
public final class LibrariesResource {

    private final EngineCalls engine;

    @Inject
    public LibrariesResource(EngineCalls engine) {
        this.engine = engine;
    }

    public record LibraryRequest(String code, String name, String institution, String timezone, List<String> closedWeekdays,
                                 List<String> closedDates) {
    }

    public record LibraryChange(String name, String institution, String timezone, List<String> closedWeekdays, List<String> closedDates) {
    }

    public record ClosedDays(List<String> weekdays, List<LocalDate> dates) {
    }

    public record ClosedDaysRequest(List<String> weekdays, List<String> dates) {
    }

    @GET
    public CompletionStage<Response> list(@QueryParam("institution") String institution, @QueryParam("_page") Integer page,
                                          @QueryParam("_per_page") Integer perPage, @Context SecurityContext security) {
        return engine.run(new AdminCommands.ListLibraries(EngineCalls.context(security, null)),
                all -> ListPage.of(all, l -> ListPage.matches(institution, l.institution()), page, perPage));
    }

    @GET
    @Path("{code}")
    public CompletionStage<AdminViews.LibraryEntry> library(@PathParam("code") String code, @Context SecurityContext security) {
        return find(code, security);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(StaffPermission.LIBRARIES)
    public CompletionStage<Response> add(LibraryRequest body, @Context SecurityContext security) {
        Fields.requireBody(body);
        AdminInput in = new AdminInput();
        AdminCommands.SaveLibrary cmd = new AdminCommands.SaveLibrary(EngineCalls.context(security, null), true,
                in.code("code", body.code(), true), in.text("name", body.name(), true), in.code("institution", body.institution(), false),
                in.timezone("timezone", body.timezone()), in.weekdays("closed_weekdays", body.closedWeekdays()),
                in.dates("closed_dates", body.closedDates()));
        in.check();
        return engine.run(cmd, done -> Response.status(Response.Status.CREATED).entity(done).build());
    }

    @PATCH
    @Path("{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(StaffPermission.LIBRARIES)
    public CompletionStage<AdminViews.LibraryEntry> change(@PathParam("code") String code, LibraryChange body,
                                                           @Context SecurityContext security) {
        Fields.requireBody(body);
        AdminInput in = new AdminInput();
        AdminCommands.SaveLibrary cmd = new AdminCommands.SaveLibrary(EngineCalls.context(security, null), false,
                in.code("code", code, true), in.text("name", body.name(), false), in.code("institution", body.institution(), false),
                in.timezone("timezone", body.timezone()), in.weekdays("closed_weekdays", body.closedWeekdays()),
                in.dates("closed_dates", body.closedDates()));
        if (body.name() == null && body.institution() == null && body.timezone() == null && body.closedWeekdays() == null
                && body.closedDates() == null) {
            in.fields.error("(body)", "give at least one of name, institution, timezone, closed_weekdays, closed_dates");
        }
        in.check();
        return engine.run(cmd, done -> done);
    }

    @GET
    @Path("{code}/closed-days")
    public CompletionStage<ClosedDays> closedDays(@PathParam("code") String code, @Context SecurityContext security) {
        return find(code, security).thenApply(l -> new ClosedDays(l.closedWeekdays(), l.closedDates()));
    }

    /** Replaces the closed weekdays and dates; due dates falling on them move as the rules say, at once. */
    @PUT
    @Path("{code}/closed-days")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(StaffPermission.LIBRARIES)
    public CompletionStage<ClosedDays> setClosedDays(@PathParam("code") String code, ClosedDaysRequest body,
                                                     @Context SecurityContext security) {
        Fields.requireBody(body);
        AdminInput in = new AdminInput();
        AdminCommands.SaveLibrary cmd = new AdminCommands.SaveLibrary(EngineCalls.context(security, null), false,
                in.code("code", code, true), null, null, null,
                in.weekdays("weekdays", body.weekdays() == null ? List.of() : body.weekdays()),
                in.dates("dates", body.dates() == null ? List.of() : body.dates()));
        in.check();
        return engine.run(cmd, l -> new ClosedDays(l.closedWeekdays(), l.closedDates()));
    }

    private CompletionStage<AdminViews.LibraryEntry> find(String code, SecurityContext security) {
        String wanted = Fields.pathBarcode("code", code);
        return engine.run(new AdminCommands.ListLibraries(EngineCalls.context(security, null)), all -> all.stream()
                .filter(l -> l.code().equals(wanted)).findFirst()
                .orElseThrow(() -> EngineCalls.refusal(new Outcome.Refused<>(RefusalReason.UNKNOWN_LIBRARY, "Unknown library " + wanted, null))));
    }
}
