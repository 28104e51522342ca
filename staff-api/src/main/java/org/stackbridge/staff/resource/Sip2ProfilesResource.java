package org.stackbridge.staff.resource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.AdminCommands;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.core.outcome.AdminViews;
import org.stackbridge.staff.Sip2ProfileCatalogue;
import org.stackbridge.staff.StaffAdministration;
import org.stackbridge.staff.auth.Requires;
import org.stackbridge.staff.problem.Problem;
import org.stackbridge.staff.problem.ProblemException;

/**
 * SIP2 terminal profiles ({@link StaffPermission#TERMINALS}): {@code GET}, {@code PUT} and {@code DELETE
 * /sip2-profiles/{name}}, and the list. A profile is a JSON object with the fields of {@code sip2.profiles} in
 * snake_case. The configuration file's profiles are the starting values; a profile stored here overrides the
 * configuration's of the same name, and applies to connected terminals from their next message (the SIP2 listener
 * re-reads the profile of its account on each message). {@code GET} shows the effective profile and its {@code source}.
 */
@Singleton
@Path("sip2-profiles")
@Produces(MediaType.APPLICATION_JSON)
public final class Sip2ProfilesResource {

    /** Stored JSON: keys sorted, so the event log's before and after compare line by line. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final EngineCalls engine;
    private final Sip2ProfileCatalogue profiles;

    @Inject
    public Sip2ProfilesResource(EngineCalls engine, StaffAdministration admin) {
        this.engine = engine;
        this.profiles = admin.profiles();
    }

    /**
     * One profile as it applies now.
     *
     * @param source                 {@code database} (stored through this API) or {@code configuration}
     * @param overridesConfiguration a stored profile whose name the configuration file also defines
     * @param settings               every field with its effective value
     * @param stored                 the fields given when it was stored (null for the configuration's)
     */
    public record ProfileView(String name, String source, boolean overridesConfiguration, Map<String, Object> settings,
                              Map<String, Object> stored) {
    }

    @GET
    @Requires(StaffPermission.TERMINALS)
    public CompletionStage<Response> list(@QueryParam("_page") Integer page, @QueryParam("_per_page") Integer perPage,
                                          @Context SecurityContext security) {
        return engine.run(new AdminCommands.ListTerminalProfiles(EngineCalls.context(security, null)), stored -> {
            Map<String, AdminViews.TerminalProfileEntry> byName = new TreeMap<>();
            stored.forEach(p -> byName.put(p.name(), p));
            TreeSet<String> names = new TreeSet<>(profiles.configured().keySet());
            names.addAll(byName.keySet());
            List<ProfileView> all = new ArrayList<>();
            names.forEach(n -> view(n, Optional.ofNullable(byName.get(n))).ifPresent(all::add));
            return ListPage.of(all, v -> true, page, perPage);
        });
    }

    @GET
    @Path("{name}")
    @Requires(StaffPermission.TERMINALS)
    public CompletionStage<ProfileView> get(@PathParam("name") String name, @Context SecurityContext security) {
        String n = name(name);
        return engine.run(new AdminCommands.ListTerminalProfiles(EngineCalls.context(security, null)),
                stored -> view(n, stored.stream().filter(p -> p.name().equals(n)).findFirst())
                        .orElseThrow(() -> ProblemException.of(404, "unknown-profile", "Not Found", "Unknown SIP2 profile " + n)));
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(StaffPermission.TERMINALS)
    public CompletionStage<ProfileView> put(@PathParam("name") String name, Map<String, Object> body, @Context SecurityContext security) {
        Fields.requireBody(body);
        String n = name(name);
        try {
            profiles.effective(body);
        } catch (Sip2ProfileCatalogue.InvalidProfile e) {
            throw ProblemException.invalid(List.of(new Problem.FieldError(e.field(), e.getMessage())));
        }
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("(body)", "cannot be stored: " + e.getOriginalMessage())));
        }
        return engine.run(new AdminCommands.SaveTerminalProfile(EngineCalls.context(security, null), n, json),
                saved -> view(n, Optional.of(saved)).orElseThrow());
    }

    @DELETE
    @Path("{name}")
    @Requires(StaffPermission.TERMINALS)
    public CompletionStage<Response> remove(@PathParam("name") String name, @Context SecurityContext security) {
        String n = name(name);
        return engine.run(new AdminCommands.RemoveTerminalProfile(EngineCalls.context(security, null), n,
                profiles.configured().containsKey(n)), removed -> Response.noContent().build());
    }

    private static String name(String name) {
        AdminInput in = new AdminInput();
        String n = in.code("name", name, true);
        in.check();
        return n;
    }

    private Optional<ProfileView> view(String name, Optional<AdminViews.TerminalProfileEntry> stored) {
        boolean configured = profiles.configured().containsKey(name);
        if (stored.isPresent()) {
            Map<String, Object> given = parse(stored.get().settings());
            return Optional.of(new ProfileView(name, AdminViews.DATABASE, configured, profiles.effective(given), given));
        }
        return configured ? Optional.of(new ProfileView(name, AdminViews.CONFIGURATION, false, profiles.configured().get(name), null))
                : Optional.empty();
    }

    private static Map<String, Object> parse(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored SIP2 profile is not JSON", e);
        }
    }
}
