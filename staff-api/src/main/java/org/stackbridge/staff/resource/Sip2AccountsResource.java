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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.AdminCommands;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.core.outcome.AdminViews;
import org.stackbridge.staff.StaffAdministration;
import org.stackbridge.staff.auth.Requires;

/**
 * SIP2 terminal accounts and profiles ({@link StaffPermission#TERMINALS}). An account added or changed here logs in
 * over SIP2 at once; its password is stored only as a hash. Accounts of the configuration file answer 409 to a
 * change. {@code GET /sip2/profiles} shows the configuration file's profiles; profiles are edited through
 * {@code /sip2-profiles} ({@link Sip2ProfilesResource}).
 */
@Singleton
@Path("sip2")
@Produces(MediaType.APPLICATION_JSON)
public final class Sip2AccountsResource {

    private final EngineCalls engine;
    private final StaffAdministration admin;

    @Inject
    public Sip2AccountsResource(EngineCalls engine, StaffAdministration admin) {
        this.engine = engine;
        this.admin = admin;
    }

    public record AccountRequest(String login, String password, String institution, String profile) {
        @Override
        public String toString() {
            return "AccountRequest[" + login + ", password=***]";
        }
    }

    public record AccountChange(String password, String institution, String profile, Boolean enabled) {
        @Override
        public String toString() {
            return "AccountChange[password=***, institution=" + institution + ", profile=" + profile + ", enabled=" + enabled + "]";
        }
    }

    /** The configuration file's profiles, and how to change a profile (through {@code /sip2-profiles}, at once). */
    public record Profiles(boolean editable, String howToChange, Map<String, Map<String, Object>> profiles) {
    }

    @GET
    @Path("accounts")
    @Requires(StaffPermission.TERMINALS)
    public CompletionStage<Response> list(@QueryParam("institution") String institution, @QueryParam("_page") Integer page,
                                          @QueryParam("_per_page") Integer perPage, @Context SecurityContext security) {
        return engine.run(new AdminCommands.ListTerminalAccounts(EngineCalls.context(security, null)),
                all -> ListPage.of(all, a -> ListPage.matches(institution, a.institution()), page, perPage));
    }

    @POST
    @Path("accounts")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(StaffPermission.TERMINALS)
    public CompletionStage<Response> add(AccountRequest body, @Context SecurityContext security) {
        Fields.requireBody(body);
        AdminInput in = new AdminInput();
        String login = in.code("login", body.login(), true);
        String password = in.password("password", body.password(), true, 1);
        String institution = in.code("institution", body.institution(), true);
        String profile = profile(in, body.profile() == null ? "default" : body.profile());
        in.check();
        return engine.run(new AdminCommands.AddTerminalAccount(EngineCalls.context(security, null), login, admin.hasher().hash(password),
                institution, profile), done -> Response.status(Response.Status.CREATED).entity(done).build());
    }

    @PATCH
    @Path("accounts/{login}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(StaffPermission.TERMINALS)
    public CompletionStage<AdminViews.TerminalAccountEntry> change(@PathParam("login") String login, AccountChange body,
                                                                   @Context SecurityContext security) {
        Fields.requireBody(body);
        AdminInput in = new AdminInput();
        String who = in.code("login", login, true);
        String password = in.password("password", body.password(), false, 1);
        String institution = in.code("institution", body.institution(), false);
        String profile = body.profile() == null ? null : profile(in, body.profile());
        if (body.password() == null && body.institution() == null && body.profile() == null && body.enabled() == null) {
            in.fields.error("(body)", "give at least one of password, institution, profile, enabled");
        }
        in.check();
        return engine.run(new AdminCommands.ChangeTerminalAccount(EngineCalls.context(security, null), who,
                password == null ? null : admin.hasher().hash(password), institution, profile, body.enabled()), done -> done);
    }

    @GET
    @Path("profiles")
    @Requires(StaffPermission.TERMINALS)
    public Profiles profiles() {
        return new Profiles(true, "PUT /api/v1/sip2-profiles/{name} stores a profile that overrides this one and applies at once;"
                + " GET /api/v1/sip2-profiles shows the profiles in force", new TreeMap<>(admin.profiles().configured()));
    }

    /** A profile of the configuration file or one stored through {@code /sip2-profiles}. */
    private String profile(AdminInput in, String name) {
        java.util.Set<String> known = admin.profiles().names();
        if (!known.contains(name)) {
            in.fields.error("profile", "unknown profile " + name + "; the profiles are " + String.join(", ", new java.util.TreeSet<>(known)));
        }
        return name;
    }
}
