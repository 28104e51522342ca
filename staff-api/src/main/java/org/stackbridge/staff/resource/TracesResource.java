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
import org.stackbridge.core.port.AgencyTraces;
import org.stackbridge.core.port.TerminalMonitor;
import org.stackbridge.staff.StaffServices;
import org.stackbridge.staff.auth.Requires;
import org.stackbridge.staff.problem.Problem;
import org.stackbridge.staff.problem.ProblemException;

/**
 * The protocol traces of this node (admin): {@code GET /traces} lists what is traced; {@code PUT /traces/sip2/{login}}
 * switches a SIP2 terminal's trace on, {@code PUT /traces/ncip/{agency}} an NCIP partner agency's, {@code DELETE} off.
 * A traced terminal's or agency's requests and answers go to the log (loggers {@code stackbridge.trace.sip2},
 * {@code stackbridge.trace.ncip}) with passwords and PINs masked. The switches are per node and end with a restart;
 * who switched one is logged.
 */
@Singleton
@Path("traces")
@Produces(MediaType.APPLICATION_JSON)
public final class TracesResource {

    private static final Logger LOG = LoggerFactory.getLogger(TracesResource.class);
    private static final Pattern NAME = Pattern.compile("[^\\p{Cntrl}|]{1,64}");
    private static final String NAME_RULE = "1 to 64 characters, no control characters or '|'";

    private final TerminalMonitor terminals;
    private final AgencyTraces agencies;

    @Inject
    public TracesResource(StaffServices services) {
        this.terminals = services.admin().terminals();
        this.agencies = services.agencyTraces();
    }

    /** What this node traces. */
    public record Traces(Set<String> sip2, Set<String> ncip) {
    }

    /** The traced SIP2 logins of this node. */
    public record Sip2Traces(Set<String> sip2) {
    }

    /** The traced NCIP agencies of this node. */
    public record NcipTraces(Set<String> ncip) {
    }

    /** One login's trace switch. */
    public record Trace(String login, boolean traced, boolean was) {
    }

    /** One agency's trace switch. */
    public record AgencyTrace(String agency, boolean traced, boolean was) {
    }

    @GET
    @Requires(StaffPermission.TERMINALS)
    public Traces list() {
        return new Traces(terminals.traced(), agencies.traced());
    }

    @GET
    @Path("sip2")
    @Requires(StaffPermission.TERMINALS)
    public Sip2Traces sip2() {
        return new Sip2Traces(terminals.traced());
    }

    @PUT
    @Path("sip2/{login}")
    @Requires(StaffPermission.TERMINALS)
    public Trace on(@PathParam("login") String login, @Context SecurityContext security) {
        return set(login, true, security);
    }

    @DELETE
    @Path("sip2/{login}")
    @Requires(StaffPermission.TERMINALS)
    public Trace off(@PathParam("login") String login, @Context SecurityContext security) {
        return set(login, false, security);
    }

    @GET
    @Path("ncip")
    @Requires(StaffPermission.TERMINALS)
    public NcipTraces ncip() {
        return new NcipTraces(agencies.traced());
    }

    @PUT
    @Path("ncip/{agency}")
    @Requires(StaffPermission.TERMINALS)
    public AgencyTrace agencyOn(@PathParam("agency") String agency, @Context SecurityContext security) {
        return setAgency(agency, true, security);
    }

    @DELETE
    @Path("ncip/{agency}")
    @Requires(StaffPermission.TERMINALS)
    public AgencyTrace agencyOff(@PathParam("agency") String agency, @Context SecurityContext security) {
        return setAgency(agency, false, security);
    }

    private Trace set(String login, boolean on, SecurityContext security) {
        return new Trace(login, on, switchTrace("SIP2", "terminal", "login", login, on, security, x -> terminals.trace(login, on)));
    }

    private AgencyTrace setAgency(String agency, boolean on, SecurityContext security) {
        return new AgencyTrace(agency, on, switchTrace("NCIP", "agency", "agency", agency, on, security, x -> agencies.trace(agency, on)));
    }

    /**
     * Checks the name, switches the trace and logs who did; answers whether it was on before. An unknown agency is a
     * 404; no listener or too many traced, a 409.
     */
    private static boolean switchTrace(String protocol, String noun, String field, String name, boolean on, SecurityContext security,
                                       java.util.function.Function<String, Boolean> trace) {
        checkName(field, name);
        boolean was;
        try {
            was = trace.apply(name);
        } catch (IllegalArgumentException e) {
            throw ProblemException.of(404, "not-found", "Not Found", e.getMessage());
        } catch (IllegalStateException e) {
            throw ProblemException.of(409, "conflict", "Conflict", e.getMessage());
        }
        LOG.info("{} trace of {} {} switched {} by {}", protocol, noun, name, on ? "on" : "off", security.getUserPrincipal().getName());
        return was;
    }

    private static void checkName(String field, String value) {
        if (value == null || !NAME.matcher(value).matches() || value.isBlank()) {
            throw ProblemException.invalid(List.of(new Problem.FieldError(field, NAME_RULE)));
        }
    }
}
