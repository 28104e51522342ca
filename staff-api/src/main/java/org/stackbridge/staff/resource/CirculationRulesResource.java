package org.stackbridge.staff.resource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import org.stackbridge.core.outcome.AdminViews;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.policy.ClosedDayStrategy;
import org.stackbridge.core.policy.PeriodUnit;
import org.stackbridge.staff.auth.Requires;

/**
 * The circulation rules: every staff role reads them and asks which applies ({@code /effective}); adding, changing
 * and removing database rules needs {@link StaffPermission#RULES}. Rules of the configuration file have ids
 * {@code config-N} and answer 409 to a change. A change applies to the next checkout, renewal or fine at once.
 */
@Singleton
@Path("circulation-rules")
@Produces(MediaType.APPLICATION_JSON)
public final class CirculationRulesResource {

    static final int MAX_PERIOD = 100_000;

    private final EngineCalls engine;

    @Inject
    public CirculationRulesResource(EngineCalls engine) {
        this.engine = engine;
    }

    /** A rule's values; every one may be left out (on POST it then comes from the rule in effect for (*, *, *)). */
    public record RuleRequest(String library, String category, String itemType, Integer loanPeriod, String loanUnit, Integer renewals,
                              Integer renewalPeriod, Integer maxLoans, AdminInput.MoneyInput finePerDay, Integer graceDays,
                              AdminInput.MoneyInput fineCap, Boolean holdsAllowed, Integer holdShelfDays, String closedDays,
                              java.util.List<Integer> overdueNoticeDays) {
    }

    @GET
    public CompletionStage<Response> list(@QueryParam("library") String library, @QueryParam("category") String category,
                                          @QueryParam("item_type") String itemType, @QueryParam("_page") Integer page,
                                          @QueryParam("_per_page") Integer perPage, @Context SecurityContext security) {
        return engine.run(new AdminCommands.ListRules(EngineCalls.context(security, null)), all -> ListPage.of(all,
                r -> ListPage.matches(library, r.library()) && ListPage.matches(category, r.category())
                        && ListPage.matches(itemType, r.itemType()), page, perPage));
    }

    /** Which rule applies to a library, patron category and item type, and why (as {@code stackbridge policy show}). */
    @GET
    @Path("effective")
    public CompletionStage<AdminViews.RuleExplanation> effective(@QueryParam("library") String library, @QueryParam("category") String category,
                                                                 @QueryParam("item_type") String itemType, @Context SecurityContext security) {
        AdminInput in = new AdminInput();
        AdminCommands.ExplainRule cmd = new AdminCommands.ExplainRule(EngineCalls.context(security, null), in.code("library", library, true),
                in.code("category", category, true), in.code("item_type", itemType, true));
        in.check();
        return engine.run(cmd, done -> done);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(StaffPermission.RULES)
    public CompletionStage<Response> add(RuleRequest body, @Context SecurityContext security) {
        Fields.requireBody(body);
        AdminCommands.RuleChange values = values(body);
        return engine.run(new AdminCommands.AddRule(EngineCalls.context(security, null), values),
                done -> Response.status(Response.Status.CREATED).entity(done).build());
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(StaffPermission.RULES)
    public CompletionStage<AdminViews.RuleEntry> change(@PathParam("id") String id, RuleRequest body, @Context SecurityContext security) {
        long ruleId = storedId(id);
        Fields.requireBody(body);
        return engine.run(new AdminCommands.ChangeRule(EngineCalls.context(security, null), ruleId, values(body)), done -> done);
    }

    @DELETE
    @Path("{id}")
    @Requires(StaffPermission.RULES)
    public CompletionStage<Response> remove(@PathParam("id") String id, @Context SecurityContext security) {
        long ruleId = storedId(id);
        return engine.run(new AdminCommands.RemoveRule(EngineCalls.context(security, null), ruleId), done -> Response.noContent().build());
    }

    /** The database id of a rule; a rule of the configuration file ({@code config-N}) is a 409, anything else a 404. */
    private static long storedId(String id) {
        if (id != null && id.startsWith("config-")) {
            throw EngineCalls.refusal(new Outcome.Refused<>(RefusalReason.DEFINED_IN_CONFIGURATION, "Circulation rule " + id
                    + " is defined in the configuration file (or is the built-in default); change it there (policies) and restart"
                    + " the gateway, or add a database rule of the same scope, which wins ties", null));
        }
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw EngineCalls.refusal(new Outcome.Refused<>(RefusalReason.UNKNOWN_RECORD, "Unknown circulation rule " + id, null));
        }
    }

    private static AdminCommands.RuleChange values(RuleRequest b) {
        AdminInput in = new AdminInput();
        String library = b.library() == null ? null : b.library().equals("*") ? "*" : in.code("library", b.library(), true);
        String category = b.category() == null ? null : b.category().equals("*") ? "*" : in.code("category", b.category(), true);
        String itemType = b.itemType() == null ? null : b.itemType().equals("*") ? "*" : in.code("item_type", b.itemType(), true);
        String currency = null;
        for (AdminInput.MoneyInput m : new AdminInput.MoneyInput[] {b.finePerDay(), b.fineCap()}) {
            if (m != null && m.currency() != null) {
                currency = m.currency();
            }
        }
        AdminCommands.RuleChange change = new AdminCommands.RuleChange(library, category, itemType,
                in.count("loan_period", b.loanPeriod(), MAX_PERIOD), in.choice("loan_unit", b.loanUnit(), PeriodUnit.class),
                in.count("renewals", b.renewals(), 1000), in.count("renewal_period", b.renewalPeriod(), MAX_PERIOD),
                in.count("max_loans", b.maxLoans(), 100_000), in.amount("fine_per_day", b.finePerDay()),
                in.count("grace_days", b.graceDays(), MAX_PERIOD), in.amount("fine_cap", b.fineCap()), b.holdsAllowed(),
                in.count("hold_shelf_days", b.holdShelfDays(), 1000), in.choice("closed_days", b.closedDays(), ClosedDayStrategy.class),
                currency, in.overdueDays("overdue_notice_days", b.overdueNoticeDays(), MAX_PERIOD));
        in.check();
        return change;
    }
}
