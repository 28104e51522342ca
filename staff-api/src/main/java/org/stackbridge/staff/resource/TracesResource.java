package org.stackbridge.staff.resource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.staff.StaffAdministration;
import org.stackbridge.staff.auth.Requires;
import org.stackbridge.staff.problem.Problem;
import org.stackbridge.staff.problem.ProblemException;

/**
 * The per-terminal SIP2 trace of this node (admin): {@code GET /traces/sip2} lists the traced logins, {@code PUT
 * /traces/sip2/{login}} switches one on, {@code DELETE} off. A traced terminal's requests and answers go to the log
 * (logger {@code stackbridge.trace.sip2}) with passwords and PINs masked. The switch is per node and ends with a
 * restart; who switched it is logged.
 */
@Singleton
@Path("traces/sip2")
@Produces(MediaType.APPLICATION_JSON)
public final class TracesResource {

    private static final Logger LOG = LoggerFactory.getLogger(TracesResource.class);
    private static final Pattern LOGIN = Pattern.compile("[^\\p{Cntrl}|]{1,64}");

    private final StaffAdministration admin;

    @Inject
    public TracesResource(StaffAdministration admin) {
        this.admin = admin;
    }

    /** The traced logins of this node. */
    public record Traces(Set<String> sip2) {
    }

    /** One login's trace switch. */
    public record Trace(String login, boolean traced, boolean was) {
    }

    @GET
    @Requires(StaffPermission.TERMINALS)
    public Traces list() {
        return new Traces(admin.terminals().traced());
    }

    @PUT
    @Path("{login}")
    @Requires(StaffPermission.TERMINALS)
    public Trace on(@PathParam("login") String login, @Context SecurityContext security) {
        return set(login, true, security);
    }

    @DELETE
    @Path("{login}")
    @Requires(StaffPermission.TERMINALS)
    public Trace off(@PathParam("login") String login, @Context SecurityContext security) {
        return set(login, false, security);
    }

    private Trace set(String login, boolean on, SecurityContext security) {
        if (login == null || !LOGIN.matcher(login).matches()) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("login", "1 to 64 characters, no control characters or '|'")));
        }
        boolean was;
        try {
            was = admin.terminals().trace(login, on);
        } catch (IllegalStateException e) {
            throw ProblemException.of(409, "conflict", "Conflict", e.getMessage());
        }
        LOG.info("SIP2 trace of terminal {} switched {} by {}", login, on ? "on" : "off", security.getUserPrincipal().getName());
        return new Trace(login, on, was);
    }
}
