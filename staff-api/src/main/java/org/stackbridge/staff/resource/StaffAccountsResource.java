package org.stackbridge.staff.resource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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
import org.stackbridge.core.command.AdminCommands;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.core.model.StaffRole;
import org.stackbridge.core.outcome.AdminViews;
import org.stackbridge.staff.StaffAdministration;
import org.stackbridge.staff.auth.Requires;
import org.stackbridge.staff.auth.StaffSessions;

/**
 * Staff accounts ({@link StaffPermission#ACCOUNTS}). Any change to an account (role, library, password, enabled)
 * ends its live tokens at once: the account logs in again with what it may now do. A library-scoped admin manages
 * only the accounts of its institution.
 */
@Singleton
@Path("staff")
@Produces(MediaType.APPLICATION_JSON)
public final class StaffAccountsResource {

    private final EngineCalls engine;
    private final StaffAdministration admin;
    private final StaffSessions sessions;

    @Inject
    public StaffAccountsResource(EngineCalls engine, StaffAdministration admin, StaffSessions sessions) {
        this.engine = engine;
        this.admin = admin;
        this.sessions = sessions;
    }

    public record StaffRequest(String login, String password, String role, String library) {
        @Override
        public String toString() {
            return "StaffRequest[" + login + ", password=***, role=" + role + ", library=" + library + "]";
        }
    }

    /** {@code library} {@code "*"}: every institution. */
    public record StaffChange(String password, String role, String library, Boolean enabled) {
        @Override
        public String toString() {
            return "StaffChange[password=***, role=" + role + ", library=" + library + ", enabled=" + enabled + "]";
        }
    }

    @GET
    @Requires(StaffPermission.ACCOUNTS)
    public CompletionStage<Response> list(@QueryParam("role") String role, @QueryParam("library") String library,
                                          @QueryParam("_page") Integer page, @QueryParam("_per_page") Integer perPage,
                                          @Context SecurityContext security) {
        return engine.run(new AdminCommands.ListStaffAccounts(EngineCalls.context(security, null)), all -> ListPage.of(all,
                a -> ListPage.matches(role, a.role()) && ListPage.matches(library, a.library()), page, perPage));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(StaffPermission.ACCOUNTS)
    public CompletionStage<Response> add(StaffRequest body, @Context SecurityContext security) {
        Fields.requireBody(body);
        AdminInput in = new AdminInput();
        String login = in.code("login", body.login(), true);
        String password = in.password("password", body.password(), true, AdminInput.MIN_STAFF_PASSWORD);
        StaffRole role = role(in, body.role(), true);
        String library = body.library() == null || body.library().equals("*") ? null : in.code("library", body.library(), true);
        in.check();
        return engine.run(new AdminCommands.AddStaffAccount(EngineCalls.context(security, null), login, admin.hasher().hash(password), role,
                library), done -> Response.status(Response.Status.CREATED).entity(done).build());
    }

    @PATCH
    @Path("{login}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(StaffPermission.ACCOUNTS)
    public CompletionStage<AdminViews.StaffEntry> change(@PathParam("login") String login, StaffChange body, @Context SecurityContext security) {
        Fields.requireBody(body);
        AdminInput in = new AdminInput();
        String who = in.code("login", login, true);
        String password = in.password("password", body.password(), false, AdminInput.MIN_STAFF_PASSWORD);
        StaffRole role = role(in, body.role(), false);
        String library = body.library() == null || body.library().equals("*") ? body.library() : in.code("library", body.library(), true);
        if (body.password() == null && body.role() == null && body.library() == null && body.enabled() == null) {
            in.fields.error("(body)", "give at least one of password, role, library, enabled");
        }
        in.check();
        return engine.run(new AdminCommands.ChangeStaffAccount(EngineCalls.context(security, null), who,
                password == null ? null : admin.hasher().hash(password), role, library, body.enabled()), done -> {
                    sessions.closeAll(done.login());
                    return done;
                });
    }

    private static StaffRole role(AdminInput in, String value, boolean required) {
        if (value == null) {
            if (required) {
                in.fields.error("role", "required");
            }
            return null;
        }
        return StaffRole.parse(value).orElseGet(() -> {
            in.fields.error("role", "must be one of admin, librarian, technician");
            return null;
        });
    }
}
