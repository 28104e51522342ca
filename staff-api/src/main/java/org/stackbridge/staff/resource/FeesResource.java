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
import java.util.EnumSet;
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.Command;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.model.DisputeOutcome;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.staff.auth.Requires;

/**
 * One fee by id: {@code POST /fees/{id}/waiver}, {@code POST /fees/{id}/refund}, {@code POST /fees/{id}/disputes} and
 * {@code POST /fees/{id}/disputes/{dispute}/resolution}. A fee of a patron outside the account's institution is 404.
 */
@Singleton
@Path("fees/{id}")
@Produces(MediaType.APPLICATION_JSON)
public final class FeesResource {

    private final EngineCalls engine;

    @Inject
    public FeesResource(EngineCalls engine) {
        this.engine = engine;
    }

    /** A waiver ({@code amount} absent: all the fee still owes) or a refund ({@code amount} required). */
    public record CreditRequest(Fields.MoneyBody amount, String reason) {
    }

    public record DisputeRequest(String note) {
    }

    public record ResolutionRequest(String outcome, String note) {
    }

    @POST
    @Path("waiver")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(StaffPermission.FEES)
    public CompletionStage<Response> waive(@PathParam("id") String id, CreditRequest body,
                                           @HeaderParam(CirculationResource.IDEMPOTENCY_KEY) String key, @Context SecurityContext security) {
        return credit(id, body, false, (fee, amount, reason) -> new Commands.WaiveFeeById(EngineCalls.context(security, key), fee, amount, reason));
    }

    @POST
    @Path("refund")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(StaffPermission.FEES)
    public CompletionStage<Response> refund(@PathParam("id") String id, CreditRequest body,
                                            @HeaderParam(CirculationResource.IDEMPOTENCY_KEY) String key, @Context SecurityContext security) {
        return credit(id, body, true, (fee, amount, reason) -> new Commands.RefundFee(EngineCalls.context(security, key), fee, amount, reason));
    }

    /** The engine command for a checked waiver or refund. */
    private interface CreditCommand {
        Command<Views.FeeCredited> of(long fee, Money amount, String reason);
    }

    private CompletionStage<Response> credit(String id, CreditRequest body, boolean amountRequired, CreditCommand command) {
        long fee = Fields.pathId("id", id);
        Fields.requireBody(body);
        Fields f = new Fields();
        Money amount = body.amount() == null && !amountRequired ? null : f.money("amount", body.amount());
        String reason = f.note("reason", body.reason());
        f.check();
        return engine.run(command.of(fee, amount, reason), FeesResource::created);
    }

    @POST
    @Path("disputes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(StaffPermission.FEES)
    public CompletionStage<Response> dispute(@PathParam("id") String id, DisputeRequest body,
                                             @HeaderParam(CirculationResource.IDEMPOTENCY_KEY) String key, @Context SecurityContext security) {
        long fee = Fields.pathId("id", id);
        Fields.requireBody(body);
        Fields f = new Fields();
        String note = f.note("note", body.note());
        f.check();
        return engine.run(new Commands.OpenFeeDispute(EngineCalls.context(security, key), fee, note), FeesResource::created);
    }

    @POST
    @Path("disputes/{dispute}/resolution")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(StaffPermission.FEES)
    public CompletionStage<Response> resolve(@PathParam("id") String id, @PathParam("dispute") String dispute, ResolutionRequest body,
                                             @HeaderParam(CirculationResource.IDEMPOTENCY_KEY) String key, @Context SecurityContext security) {
        long fee = Fields.pathId("id", id);
        long disputeId = Fields.pathId("dispute", dispute);
        Fields.requireBody(body);
        Fields f = new Fields();
        DisputeOutcome outcome = null;
        if (body.outcome() == null) {
            f.error("outcome", "required");
        } else {
            outcome = f.oneOf("outcome", body.outcome(), EnumSet.allOf(DisputeOutcome.class));
        }
        String note = f.note("note", body.note());
        f.check();
        return engine.run(new Commands.ResolveFeeDispute(EngineCalls.context(security, key), fee, disputeId, outcome, note),
                done -> Response.ok(done).build());
    }

    private static Response created(Object entity) {
        return Response.status(Response.Status.CREATED).entity(entity).build();
    }
}
