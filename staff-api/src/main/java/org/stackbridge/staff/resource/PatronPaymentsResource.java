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
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.model.PaymentType;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.staff.auth.Requires;

/**
 * {@code POST /patrons/{barcode}/payments}: a desk payment, partial or whole, on the named fees or oldest first. The
 * answer is the receipt (201, {@code Location} of {@code /payments/{id}/receipt}). With an {@code Idempotency-Key} a
 * retry answers the same receipt and never pays twice.
 */
@Singleton
@Path("patrons/{barcode}/payments")
@Produces(MediaType.APPLICATION_JSON)
public final class PatronPaymentsResource {

    static final int MAX_FEES = 100;

    private final EngineCalls engine;

    @Inject
    public PatronPaymentsResource(EngineCalls engine) {
        this.engine = engine;
    }

    public record PaymentRequest(Fields.MoneyBody amount, String paymentType, List<Long> fees, String note) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(StaffPermission.FEES)
    public CompletionStage<Response> pay(@PathParam("barcode") String barcode, PaymentRequest body,
                                         @HeaderParam(CirculationResource.IDEMPOTENCY_KEY) String key, @Context SecurityContext security) {
        Fields.requireBody(body);
        Fields f = new Fields();
        String patron = f.barcode("barcode", barcode);
        Money amount = f.money("amount", body.amount());
        PaymentType type = null;
        if (body.paymentType() == null) {
            f.error("payment_type", "required");
        } else {
            type = PaymentType.parse(body.paymentType()).orElse(null);
            if (type == null) {
                f.error("payment_type", "must be one of cash, card, cheque, online, other");
            }
        }
        List<Long> fees = body.fees() == null ? List.of() : body.fees();
        if (fees.size() > MAX_FEES) {
            f.error("fees", "at most " + MAX_FEES + " fees");
        }
        for (int i = 0; i < Math.min(fees.size(), MAX_FEES); i++) {
            if (fees.get(i) == null || fees.get(i) <= 0) {
                f.error("fees[" + i + "]", "must be a fee id");
            }
        }
        String note = f.optional("note", body.note(), Fields.MAX_NOTE);
        f.check();
        return engine.run(new Commands.TakePayment(EngineCalls.context(security, key), patron, amount, type, fees, note),
                receipt -> Response.created(URI.create("/api/v1/payments/" + receipt.paymentId() + "/receipt")).entity(receipt).build());
    }
}
