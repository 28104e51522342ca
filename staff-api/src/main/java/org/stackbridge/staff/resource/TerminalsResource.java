package org.stackbridge.staff.resource;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.stackbridge.core.command.AdminCommands;
import org.stackbridge.core.outcome.TerminalStatus;
import org.stackbridge.staff.StaffAdministration;

/**
 * {@code GET /terminals}: every SIP2 terminal account with its live status (connected now, from which addresses, its
 * last message and when, messages and refusals today, whether the ACS told it it is offline). Every staff role may
 * read it: when a kiosk "does not work", the desk looks here first. A library-scoped account sees its institution's
 * terminals.
 */
@Singleton
@Path("terminals")
@Produces(MediaType.APPLICATION_JSON)
public final class TerminalsResource {

    private final EngineCalls engine;
    private final StaffAdministration admin;

    @Inject
    public TerminalsResource(EngineCalls engine, StaffAdministration admin) {
        this.engine = engine;
        this.admin = admin;
    }

    /** An account with its live status. */
    public record Terminal(String login, String institution, String profile, boolean enabled, String source, boolean connected,
                           List<String> addresses, String lastMessage, Instant lastMessageAt, long messagesToday, long refusalsToday,
                           boolean offline) {
    }

    @GET
    public CompletionStage<Response> list(@QueryParam("institution") String institution, @QueryParam("connected") Boolean connected,
                                          @QueryParam("_page") Integer page, @QueryParam("_per_page") Integer perPage,
                                          @Context SecurityContext security) {
        var ctx = EngineCalls.context(security, null);
        return engine.run(new AdminCommands.ListTerminalAccounts(ctx), accounts -> {
            Map<String, TerminalStatus> live = admin.terminals().all().stream()
                    .collect(Collectors.toMap(TerminalStatus::login, Function.identity(), (a, b) -> a));
            List<Terminal> out = new ArrayList<>();
            accounts.stream().filter(a -> ctx.institution() == null || ctx.institution().equals(a.institution())).forEach(a -> {
                TerminalStatus s = live.getOrDefault(a.login(), TerminalStatus.neverSeen(a.login()));
                out.add(new Terminal(a.login(), a.institution(), a.profile(), a.enabled(), a.source(), s.connected(), s.addresses(),
                        s.lastMessage(), s.lastMessageAt(), s.messagesToday(), s.refusalsToday(), s.offline()));
            });
            return ListPage.of(out, t -> ListPage.matches(institution, t.institution())
                    && (connected == null || connected == t.connected()), page, perPage);
        });
    }
}
