package org.stackbridge.core.service;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.stackbridge.core.command.Commands.OpenFeeDispute;
import org.stackbridge.core.command.Commands.ResolveFeeDispute;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.CreditType;
import org.stackbridge.core.model.DisputeOutcome;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.Fee;
import org.stackbridge.core.model.FeeCredit;
import org.stackbridge.core.model.FeeDispute;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.policy.PolicyTable;

/**
 * Fee disputes: a patron disputes a fee (one open dispute per fee); while open the fee does not count towards the
 * fee block ({@link org.stackbridge.core.policy.FeeBlockPolicy}); upheld waives what it still owes
 * ({@link CreditType#DISPUTE_UPHELD}), rejected leaves it owed and counting again. Each step is an event naming the
 * staff member, the note, and what the fee owed before and after.
 */
final class FeeDisputesDesk extends LedgerDesk {

    FeeDisputesDesk(EngineSettings settings, Supplier<PolicyTable> policies) {
        super(settings, policies);
    }

    void registerOn(CirculationEngine engine) {
        engine.register(OpenFeeDispute.class, this::open);
        engine.register(ResolveFeeDispute.class, this::resolve);
    }

    private Outcome<Views.DisputeView> open(OpenFeeDispute cmd, EngineTx tx) {
        RequestContext ctx = cmd.context();
        Outcome<OwnedFee> found = feeWithNote(tx, ctx, cmd.feeId(), cmd.note(), "note");
        if (!(found instanceof Outcome.Success<OwnedFee> owned)) {
            return found.map(none -> null);
        }
        Fee fee = owned.result().fee();
        if (!fee.isOpen()) {
            return Outcome.refused(RefusalReason.NOTHING_OWED, "Fee " + fee.id() + " owes nothing; there is nothing to dispute");
        }
        Optional<FeeDispute> already = tx.store().fees().openDisputesForPatron(fee.patronId()).stream()
                .filter(d -> d.feeId() == fee.id()).findFirst();
        if (already.isPresent()) {
            return Outcome.refused(RefusalReason.DUPLICATE, "Fee " + fee.id() + " already has an open dispute (" + already.get().id() + ")");
        }
        FeeDispute dispute = tx.store().fees().insertDispute(new FeeDispute(0, fee.id(), fee.patronId(), tx.now(), ctx.actor(),
                cmd.note().strip(), null, null, null, null));
        tx.log(ctx, EventType.FEE_DISPUTED, ctx.library(), fee.patronId(), fee.itemId(),
                "fee=" + fee.id() + " dispute=" + dispute.id() + " state=none->open outstanding=" + fee.remaining().toPlainString()
                        + " note=" + dispute.note());
        return Outcome.success(disputeView(tx, dispute, fee, owned.result().patron()));
    }

    private Outcome<Views.DisputeView> resolve(ResolveFeeDispute cmd, EngineTx tx) {
        RequestContext ctx = cmd.context();
        Optional<OwnedFee> owned = feeInScope(tx, ctx, cmd.feeId());
        if (owned.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_FEE, "Unknown fee " + cmd.feeId());
        }
        Optional<FeeDispute> found = tx.store().fees().disputeById(cmd.disputeId()).filter(d -> d.feeId() == cmd.feeId());
        if (found.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_FEE, "Fee " + cmd.feeId() + " has no dispute " + cmd.disputeId());
        }
        if (cmd.outcome() == null || cmd.note() == null || cmd.note().isBlank()) {
            return Outcome.refused(RefusalReason.INVALID_REQUEST, "An outcome and a note are required");
        }
        FeeDispute dispute = found.get();
        if (!dispute.isOpen()) {
            return Outcome.refused(RefusalReason.INVALID_TRANSITION, "Dispute " + dispute.id() + " was already "
                    + dispute.outcome().name().toLowerCase(Locale.ROOT));
        }
        Fee fee = owned.get().fee();
        String before = fee.remaining().toPlainString();
        String note = cmd.note().strip();
        if (cmd.outcome() == DisputeOutcome.UPHELD && fee.isOpen()) {
            FeeCredit waived = FeeLedger.settle(tx, ctx, owned.get().patron(), List.of(fee), fee.remainingMoney(),
                    CreditType.DISPUTE_UPHELD, null, null, note);
            tx.log(ctx, EventType.FEE_WAIVED, ctx.library(), fee.patronId(), fee.itemId(),
                    "fee=" + fee.id() + " " + CreditType.DISPUTE_UPHELD + " " + fee.remainingMoney() + " credit=" + waived.id());
        }
        FeeDispute resolved = dispute.resolved(tx.now(), ctx.actor(), cmd.outcome(), note);
        tx.store().fees().updateDispute(resolved);
        Fee after = tx.store().fees().byId(fee.id()).orElseThrow();
        tx.log(ctx, EventType.FEE_DISPUTE_RESOLVED, ctx.library(), fee.patronId(), fee.itemId(),
                "fee=" + fee.id() + " dispute=" + dispute.id() + " state=open->" + cmd.outcome().name().toLowerCase(Locale.ROOT)
                        + " outstanding=" + before + "->" + after.remaining().toPlainString() + " note=" + note);
        return Outcome.success(disputeView(tx, resolved, after, owned.get().patron()));
    }
}
