package org.stackbridge.staff.console.web;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.stackbridge.core.command.Command;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.DisputeOutcome;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.model.PaymentType;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.staff.auth.Requires;
import org.stackbridge.staff.console.auth.ConsoleSession;
import org.stackbridge.staff.console.page.FeesHoldsIllPages.FeesPage;
import org.stackbridge.staff.console.page.FeesHoldsIllPages.ReceiptPage;
import org.stackbridge.staff.console.page.Fmt;
import org.stackbridge.staff.console.page.Notice;
import org.stackbridge.staff.problem.Problem;
import org.stackbridge.staff.resource.FormInput;

/**
 * A patron's fees ({@code /console/patrons/{barcode}/fees}, fees permission): the ledger, a payment (partial or whole,
 * by payment type, on one fee or oldest first) with its receipt, a waiver or refund with a reason, and a dispute opened
 * and resolved. Each is the engine command the staff API's fee calls run, with the fields checked by the same rules
 * ({@link FormInput}); the engine records the staff login, the amounts before and after and the note.
 */
@Singleton
@Path("patrons/{barcode}/fees")
@Produces(MediaType.TEXT_HTML)
public final class FeePages {

    /** The fees one page shows, oldest first (open and closed). */
    static final int PER_PAGE = 100;

    private final ConsoleEngine engine;
    private final Pages pages;

    @Inject
    public FeePages(ConsoleEngine engine, Pages pages) {
        this.engine = engine;
        this.pages = pages;
    }

    @GET
    @Requires(StaffPermission.FEES)
    public Response fees(@PathParam("barcode") String barcode, @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        String patron = Forms.barcode(barcode);
        if (patron == null) {
            return page(400, session, null, Notice.error("Barcode: 1 to " + Forms.MAX_BARCODE + " characters."), null);
        }
        return page(200, session, patron, null, null);
    }

    @POST
    @Path("payments")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Requires(StaffPermission.FEES)
    public Response pay(@PathParam("barcode") String barcode, @FormParam("amount") String amount, @FormParam("currency") String currency,
                        @FormParam("payment_type") String paymentType, @FormParam("fee") String fee, @FormParam("note") String note,
                        @FormParam("request_key") String key, @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        String patron = Forms.barcode(barcode);
        RequestContext ctx = engine.context(session, key);
        if (patron == null || ctx == null) {
            return page(400, session, patron, Notice.error(FormNotices.DAMAGED), null);
        }
        FormInput in = new FormInput();
        Money money = in.money("amount", amount, currency);
        PaymentType type = PaymentType.parse(paymentType).orElse(null);
        String text = in.optional("note", note, FormInput.MAX_NOTE);
        List<Long> fees = List.of();
        if (fee != null && !fee.isBlank()) {
            Long id = id(fee);
            fees = id == null ? List.of() : List.of(id);
            if (id == null) {
                return page(400, session, patron, Notice.error("fee: choose one of the patron's fees."), null);
            }
        }
        List<Problem.FieldError> errors = new java.util.ArrayList<>(in.errors());
        if (type == null) {
            errors.add(new Problem.FieldError("payment_type", "must be one of cash, card, cheque, online, other"));
        }
        if (!errors.isEmpty()) {
            return page(400, session, patron, FormNotices.invalid(errors), null);
        }
        Outcome<Views.Receipt> out = engine.run(new Commands.TakePayment(ctx, patron, money, type, fees, text));
        if (out instanceof Outcome.Refused<Views.Receipt> r) {
            return page(FormNotices.status(r.reason()), session, patron, Notice.refused(r.reason(), "Not paid. " + r.message()), null);
        }
        Views.Receipt receipt = out.value();
        return page(200, session, receipt.patronBarcode(), Notice.ok("Paid " + Fmt.money(receipt.paid()) + " (" + receipt.paymentType()
                + "), receipt " + receipt.receiptNumber() + ". Balance now " + Fmt.money(receipt.remainingBalance()) + "."), receipt.paymentId());
    }

    @GET
    @Path("receipts/{payment}")
    @Requires(StaffPermission.FEES)
    public Response receipt(@PathParam("barcode") String barcode, @PathParam("payment") String payment, @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        Long id = id(payment);
        if (id == null) {
            return Forms.html(404, pages.error(session, 404, "Not found", "There is no payment " + payment + "."));
        }
        Outcome<Views.Receipt> out = engine.run(new Commands.LookupReceipt(engine.context(session), id));
        if (out instanceof Outcome.Refused<Views.Receipt> r) {
            return Forms.html(FormNotices.status(r.reason()), pages.error(session, FormNotices.status(r.reason()), "No receipt", r.message()));
        }
        return Forms.html(200, pages.render("feeReceipt.jte", new ReceiptPage(pages.chrome("Receipt " + out.value().receiptNumber(), "patrons",
                session), out.value())));
    }

    /** What a form on one fee sends: whose page it is, the context of its request key, and the fee; null parts are damaged. */
    private record FeeForm(ConsoleSession session, String patron, RequestContext ctx, Long fee) {
        boolean damaged() {
            return patron == null || ctx == null || fee == null;
        }
    }

    private FeeForm feeForm(SecurityContext security, String barcode, String key, String fee) {
        ConsoleSession session = DeskPages.session(security);
        return new FeeForm(session, Forms.barcode(barcode), engine.context(session, key), id(fee));
    }

    /**
     * A waiver ({@code amount} blank: all the fee still owes) or a refund (at most what was paid on it and not yet
     * given back), each with its reason.
     */
    @POST
    @Path("{fee}/{kind: waiver|refund}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Requires(StaffPermission.FEES)
    public Response credit(@PathParam("barcode") String barcode, @PathParam("fee") String fee, @PathParam("kind") String kind,
                           @FormParam("amount") String amount, @FormParam("currency") String currency, @FormParam("reason") String reason,
                           @FormParam("request_key") String key, @Context SecurityContext security) {
        FeeForm form = feeForm(security, barcode, key, fee);
        if (form.damaged()) {
            return page(400, form.session(), form.patron(), Notice.error(FormNotices.DAMAGED), null);
        }
        boolean refund = "refund".equals(kind);
        FormInput in = new FormInput();
        Money money = !refund && (amount == null || amount.isBlank()) ? null : in.money("amount", amount, currency);
        String why = in.note("reason", reason);
        if (!in.errors().isEmpty()) {
            return page(400, form.session(), form.patron(), FormNotices.invalid(in.errors()), null);
        }
        Command<Views.FeeCredited> command = refund ? new Commands.RefundFee(form.ctx(), form.fee(), money, why)
                : new Commands.WaiveFeeById(form.ctx(), form.fee(), money, why);
        Outcome<Views.FeeCredited> out = engine.run(command);
        if (out instanceof Outcome.Refused<Views.FeeCredited> r) {
            return page(FormNotices.status(r.reason()), form.session(), form.patron(), Notice.refused(r.reason(), (refund ? "Not refunded"
                    : "Not waived") + " (fee " + form.fee() + "). " + r.message()), null);
        }
        Views.FeeCredited c = out.value();
        return page(200, form.session(), c.patronBarcode(), Notice.ok((refund ? "Refunded " : "Waived ") + Fmt.money(c.amount()) + " on fee "
                + c.feeId() + ". It still owes " + Fmt.money(c.feeOutstanding()) + "; balance " + Fmt.money(c.balance()) + "."), null);
    }

    @POST
    @Path("{fee}/disputes")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Requires(StaffPermission.FEES)
    public Response dispute(@PathParam("barcode") String barcode, @PathParam("fee") String fee, @FormParam("note") String note,
                            @FormParam("request_key") String key, @Context SecurityContext security) {
        FeeForm form = feeForm(security, barcode, key, fee);
        FormInput in = new FormInput();
        String text = in.note("note", note);
        return disputed(form, in.errors(), () -> new Commands.OpenFeeDispute(form.ctx(), form.fee(), text), "Not disputed");
    }

    @POST
    @Path("{fee}/disputes/{dispute}/resolution")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Requires(StaffPermission.FEES)
    public Response resolve(@PathParam("barcode") String barcode, @PathParam("fee") String fee, @PathParam("dispute") String dispute,
                            @FormParam("outcome") String outcome, @FormParam("note") String note, @FormParam("request_key") String key,
                            @Context SecurityContext security) {
        FeeForm form = feeForm(security, barcode, key, fee);
        Long disputeId = id(dispute);
        FormInput in = new FormInput();
        String text = in.note("note", note);
        List<Problem.FieldError> errors = new java.util.ArrayList<>(in.errors());
        DisputeOutcome decided = null;
        for (DisputeOutcome o : DisputeOutcome.values()) {
            if (o.name().equalsIgnoreCase(outcome == null ? "" : outcome.strip())) {
                decided = o;
            }
        }
        if (decided == null) {
            errors.add(new Problem.FieldError("outcome", "must be upheld or rejected"));
        }
        if (disputeId == null) {
            errors.add(new Problem.FieldError("dispute", "must be a dispute id"));
        }
        DisputeOutcome chosen = decided;
        return disputed(form, errors, () -> new Commands.ResolveFeeDispute(form.ctx(), form.fee(), disputeId, chosen, text), "Not resolved");
    }

    /** Opens or resolves a dispute once the form is whole and valid, and shows the fees with what happened. */
    private Response disputed(FeeForm form, List<Problem.FieldError> errors, java.util.function.Supplier<Command<Views.DisputeView>> command,
                              String refused) {
        if (form.damaged()) {
            return page(400, form.session(), form.patron(), Notice.error(FormNotices.DAMAGED), null);
        }
        if (!errors.isEmpty()) {
            return page(400, form.session(), form.patron(), FormNotices.invalid(errors), null);
        }
        return disputed(form.session(), form.patron(), engine.run(command.get()), refused + " (fee " + form.fee() + "). ");
    }

    private Response disputed(ConsoleSession session, String patron, Outcome<Views.DisputeView> out, String refused) {
        if (out instanceof Outcome.Refused<Views.DisputeView> r) {
            return page(FormNotices.status(r.reason()), session, patron, Notice.refused(r.reason(), refused + r.message()), null);
        }
        Views.DisputeView d = out.value();
        String what = "open".equals(d.state()) ? "Dispute opened on fee " + d.feeId() + "; it does not count towards the fee block while open."
                : "Dispute on fee " + d.feeId() + " resolved: " + d.state() + ". The fee owes " + Fmt.money(d.feeOutstanding()) + ".";
        return page(200, session, d.patronBarcode(), Notice.ok(what + " Balance " + Fmt.money(d.balance()) + "."), null);
    }

    /** The fee page, reading the ledger afresh so it shows what the engine now holds. */
    private Response page(int status, ConsoleSession session, String patron, Notice notice, Long receiptId) {
        Views.FeeList fees = null;
        if (patron != null) {
            Outcome<Views.FeeList> found = engine.run(new Commands.ListFees(engine.context(session), patron, true, 1, PER_PAGE));
            if (found instanceof Outcome.Refused<Views.FeeList> r) {
                status = status == 200 ? FormNotices.status(r.reason()) : status;
                notice = notice != null ? notice : Notice.refused(r.reason(), r.reason() == RefusalReason.UNKNOWN_PATRON
                        ? "No patron with barcode " + patron + "." : r.message());
            } else {
                fees = found.value();
            }
        }
        String title = fees == null ? "Fees" : "Fees: " + fees.patron().name();
        return Forms.html(status, pages.render("fees.jte", new FeesPage(pages.chrome(title, "patrons", session), Forms.newRequestKey(),
                patron, fees, notice, receiptId)));
    }

    /** A positive id from a path or form; null when it is not one. */
    static Long id(String value) {
        if (value == null) {
            return null;
        }
        try {
            long id = Long.parseLong(value.strip());
            return id > 0 ? id : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
