package org.stackbridge.ncip.service;

import java.util.Locale;
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.model.CreditType;
import org.stackbridge.core.model.FeeType;
import org.stackbridge.core.model.Money;
import org.stackbridge.ncip.binding.v2.CreateUserFiscalTransaction;
import org.stackbridge.ncip.binding.v2.CreateUserFiscalTransactionResponse;
import org.stackbridge.ncip.binding.v2.FiscalTransactionInformation;
import org.stackbridge.ncip.binding.v2.FiscalTransactionReferenceId;
import org.stackbridge.ncip.binding.v2.NCIPMessage;
import org.stackbridge.ncip.binding.v2.RelatedFiscalTransactionReferenceId;
import org.stackbridge.ncip.mapping.NcipProblems;
import org.stackbridge.ncip.mapping.NcipValues;

/**
 * CreateUserFiscalTransaction against the fee ledger: Assess/Penalty (new debit), Payment, Waive/Forgive/Write Off
 * and Cancel (credits on a fee named by RelatedFiscalTransactionReferenceId). The partner's reference id makes a
 * retry answer as the first did.
 */
public final class CreateUserFiscalTransactionService extends NcipService<CreateUserFiscalTransaction, CreateUserFiscalTransactionResponse> {

    public CreateUserFiscalTransactionService() {
        super("CreateUserFiscalTransaction", NCIPMessage::getCreateUserFiscalTransaction, CreateUserFiscalTransaction::getInitiationHeader,
                NCIPMessage::setCreateUserFiscalTransactionResponse, CreateUserFiscalTransactionResponse::new,
                CreateUserFiscalTransactionResponse::getProblem, CreateUserFiscalTransactionResponse::setResponseHeader);
    }

    static String ncipFeeType(FeeType type) {
        return switch (type) {
            case OVERDUE -> "Fine";
            case LOST -> "Book Replacement Charge";
            case CARD_REPLACEMENT -> "Card Replacement Charge";
            case ILL -> "Interlibrary Loan Fee";
            case HOLD -> "Reservation Charge";
            case PROCESSING, DAMAGE, MANUAL -> "Service Charge";
        };
    }

    static FeeType feeType(String ncip) {
        String t = ncip == null ? "" : ncip.toLowerCase(Locale.ROOT);
        if (t.contains("interlibrary") || t.contains("ill")) {
            return FeeType.ILL;
        }
        if (t.equals("fine") || t.contains("overdue")) {
            return FeeType.OVERDUE;
        }
        if (t.contains("book replacement") || t.contains("lost")) {
            return FeeType.LOST;
        }
        if (t.contains("card replacement")) {
            return FeeType.CARD_REPLACEMENT;
        }
        if (t.contains("reservation")) {
            return FeeType.HOLD;
        }
        if (t.contains("damage")) {
            return FeeType.DAMAGE;
        }
        return FeeType.MANUAL;
    }

    @Override
    public CompletionStage<CreateUserFiscalTransactionResponse> handle(CreateUserFiscalTransaction q, NcipExchange ex) {
        String user = Support.userBarcode(q.getUserId(), q.getAuthenticationInput());
        if (user == null) {
            return Support.done(problem(NcipProblems.missing("UserIdentifierValue", "UserId is required")));
        }
        FiscalTransactionInformation fti = q.getFiscalTransactionInformation();
        if (fti == null) {
            return Support.done(problem(NcipProblems.missing("FiscalTransactionInformation", "FiscalTransactionInformation is required")));
        }
        String action = NcipValues.lower(fti.getFiscalActionType());
        if (action == null) {
            return Support.done(problem(NcipProblems.missing("FiscalActionType", "FiscalActionType is required")));
        }
        Money amount;
        try {
            amount = NcipValues.money(fti.getAmount(), ex.currency(), ex.minorUnits());
        } catch (IllegalArgumentException e) {
            return Support.done(problem(NcipProblems.general(NcipProblems.INVALID_AMOUNT, "Unknown currency", "CurrencyCode", null)));
        }
        if (amount == null) {
            return Support.done(problem(NcipProblems.missing("MonetaryValue", "Amount is required")));
        }
        String reference = fti.getFiscalTransactionReferenceId() == null ? null
                : NcipValues.text(fti.getFiscalTransactionReferenceId().getFiscalTransactionIdentifierValue());
        Long related = relatedFee(fti);
        // the key covers the whole transaction, so a corrected retry (other user or amount) is not answered from a stale refusal
        String key = reference == null ? null : reference + "|" + user + "|" + amount + "|" + related;
        String description = fti.getFiscalTransactionDescription();
        switch (action) {
            case "assess", "penalty" -> {
                FeeType type = feeType(NcipValues.text(fti.getFiscalTransactionType()));
                return ex.execute(new Commands.AssessFee(ex.keyed(key), user, type, amount, null,
                        description == null ? ncipFeeType(type) : description)).thenApply(out -> out.isSuccess()
                        ? answer(ex, user, Long.toString(out.value().feeId()))
                        : problem(Support.refusal(name(), out, user, null, null)));
            }
            case "payment" -> {
                String method = NcipValues.text(fti.getPaymentMethodType());
                return ex.execute(new Commands.PayFee(ex.context(), user, amount, related,
                        reference == null ? null : ex.agencyId() + ":" + reference, method == null ? "NCIP" : method))
                        .thenApply(out -> out.isSuccess()
                                ? answer(ex, user, Long.toString(out.value().creditId()))
                                : problem(Support.refusal(name(), out, user, null, null)));
            }
            case "waive", "forgive", "write off", "cancel" -> {
                if (related == null) {
                    return Support.done(problem(NcipProblems.missing("RelatedFiscalTransactionReferenceId",
                            "The fee to " + action + " must be named by RelatedFiscalTransactionReferenceId")));
                }
                CreditType type = "cancel".equals(action) ? CreditType.CANCELLATION : CreditType.WAIVER;
                return ex.execute(new Commands.WaiveFee(ex.keyed(key), user, related, amount, type,
                        description == null ? action + " by " + ex.agencyId() : description)).thenApply(out -> out.isSuccess()
                        ? answer(ex, user, Long.toString(out.value().creditId()))
                        : problem(Support.refusal(name(), out, user, null, null)));
            }
            default -> {
                return Support.done(problem(NcipProblems.forService(name(), NcipProblems.ELEMENT_RULE_VIOLATED,
                        "Unsupported FiscalActionType", "FiscalActionType", NcipValues.text(fti.getFiscalActionType()))));
            }
        }
    }

    private static Long relatedFee(FiscalTransactionInformation fti) {
        for (RelatedFiscalTransactionReferenceId r : fti.getRelatedFiscalTransactionReferenceId()) {
            String v = NcipValues.text(r.getFiscalTransactionIdentifierValue());
            if (v != null && v.matches("\\d{1,18}")) {
                return Long.parseLong(v);
            }
        }
        return null;
    }

    private CreateUserFiscalTransactionResponse answer(NcipExchange ex, String user, String reference) {
        CreateUserFiscalTransactionResponse r = newResponse();
        r.setUserId(NcipValues.userId(ex.agencyForIds(), user));
        FiscalTransactionReferenceId ref = new FiscalTransactionReferenceId();
        ref.setAgencyId(NcipValues.svp(ex.agencyForIds() == null ? "" : ex.agencyForIds()));
        ref.setFiscalTransactionIdentifierValue(reference);
        r.setFiscalTransactionReferenceId(ref);
        return r;
    }
}
