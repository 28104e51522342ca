package org.stackbridge.staff.resource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.policy.CheckoutOverrides;
import org.stackbridge.staff.auth.Requires;
import org.stackbridge.staff.auth.StaffSession;
import org.stackbridge.staff.problem.ProblemException;

/**
 * The circulation desk: {@code POST /checkouts}, {@code POST /checkins} and {@code POST /checkouts/{item}/renewal},
 * each one engine command. Every POST may carry an {@code Idempotency-Key}: a retry with the same key answers the
 * first outcome and never acts twice.
 */
@Singleton
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public final class CirculationResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final EngineCalls engine;

    @Inject
    public CirculationResource(EngineCalls engine) {
        this.engine = engine;
    }

    /** {@code override} (optional): let the checkout through refusals a desk override may pass, for this reason. */
    public record CheckoutRequest(String patron, String item, OverrideRequest override) {
    }

    public record OverrideRequest(String reason) {
    }

    public record CheckinRequest(String item) {
    }

    @POST
    @Path("checkouts")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(StaffPermission.CIRCULATION)
    public CompletionStage<Response> checkOut(CheckoutRequest body, @HeaderParam(IDEMPOTENCY_KEY) String key,
                                              @Context SecurityContext security) {
        Fields.requireBody(body);
        Fields f = new Fields();
        String patron = f.barcode("patron", body.patron());
        String item = f.barcode("item", body.item());
        Commands.CheckoutOverride override = null;
        if (body.override() != null) {
            StaffSession session = (StaffSession) security.getUserPrincipal();
            if (!session.allows(StaffPermission.OVERRIDE)) {
                throw ProblemException.forbidden("The role " + session.role().label() + " of " + session.login()
                        + " does not allow override (permission OVERRIDE); ask a librarian.");
            }
            override = new Commands.CheckoutOverride(f.note("override.reason", body.override().reason()));
        }
        f.check();
        return engine.run(new Commands.CheckOut(EngineCalls.context(security, key), patron, item, null, false, false, false, override),
                done -> Response.status(Response.Status.CREATED).entity(done).build(), CheckoutOverrides::overridable);
    }

    /** The answer says where the item goes next (hold shelf, transit, reshelve) and, when a hold trapped it, for whom. */
    @POST
    @Path("checkins")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(StaffPermission.CIRCULATION)
    public CompletionStage<Response> checkIn(CheckinRequest body, @HeaderParam(IDEMPOTENCY_KEY) String key,
                                             @Context SecurityContext security) {
        Fields.requireBody(body);
        Fields f = new Fields();
        String item = f.barcode("item", body.item());
        f.check();
        return engine.run(new Commands.CheckIn(EngineCalls.context(security, key), item, false), done -> Response.ok(done).build());
    }

    /** Renews the item's current loan, whoever borrowed it. */
    @POST
    @Path("checkouts/{item}/renewal")
    @Requires(StaffPermission.CIRCULATION)
    public CompletionStage<Response> renew(@PathParam("item") String item, @HeaderParam(IDEMPOTENCY_KEY) String key,
                                           @Context SecurityContext security) {
        String barcode = Fields.pathBarcode("item", item);
        RequestContext ctx = EngineCalls.context(security, key);
        RequestContext lookup = new RequestContext(ctx.channel(), ctx.actor(), ctx.terminal(), ctx.institution(), ctx.library(), null, null);
        return engine.run(new Commands.LookupItem(lookup, barcode), found -> found).thenCompose(found -> {
            if (found.borrowerBarcode() == null) {
                throw EngineCalls.refusal(new Outcome.Refused<>(RefusalReason.ITEM_NOT_CHECKED_OUT, "Item " + barcode + " is not checked out", null));
            }
            return engine.run(new Commands.Renew(ctx, found.borrowerBarcode(), barcode, null),
                    done -> Response.status(Response.Status.CREATED).entity(done).build());
        });
    }
}
