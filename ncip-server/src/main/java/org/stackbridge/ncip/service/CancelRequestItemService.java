package org.stackbridge.ncip.service;

import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.ill.IllCommands;
import org.stackbridge.core.ill.IllRef;
import org.stackbridge.core.ill.IllViews;
import org.stackbridge.core.model.IllRole;
import org.stackbridge.core.model.IllState;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.ncip.binding.v2.CancelRequestItem;
import org.stackbridge.ncip.binding.v2.CancelRequestItemResponse;
import org.stackbridge.ncip.binding.v2.NCIPMessage;
import org.stackbridge.ncip.mapping.NcipProblems;
import org.stackbridge.ncip.mapping.NcipValues;

/**
 * CancelRequestItem: cancels the partner's lending request (by RequestId, else by item), releasing its hold;
 * with no ILL request behind it, cancels the user's hold on the item. RequestType may be missing (ReShare).
 */
public final class CancelRequestItemService extends NcipService<CancelRequestItem, CancelRequestItemResponse> {

    public CancelRequestItemService() {
        super("CancelRequestItem", NCIPMessage::getCancelRequestItem, CancelRequestItem::getInitiationHeader,
                NCIPMessage::setCancelRequestItemResponse, CancelRequestItemResponse::new, CancelRequestItemResponse::getProblem,
                CancelRequestItemResponse::setResponseHeader);
    }

    @Override
    public CompletionStage<CancelRequestItemResponse> handle(CancelRequestItem q, NcipExchange ex) {
        String requestId = NcipValues.requestValue(q.getRequestId());
        String item = NcipValues.itemValue(q.getItemId());
        String user = Support.userBarcode(q.getUserId(), q.getAuthenticationInput());
        if (requestId == null && item == null) {
            return Support.done(problem(NcipProblems.missing("RequestIdentifierValue", "RequestId or ItemId is required")));
        }
        IllRef ref = requestId != null ? IllRef.byExternal(ex.agencyId(), requestId, IllRole.LENDING) : IllRef.byItem(item, IllRole.LENDING);
        return ex.execute(new IllCommands.Advance(ex.context(), ref, IllState.CANCELLED,
                "cancelled by " + ex.agencyId())).thenCompose(out -> {
                    if (out.isSuccess()) {
                        String patron = out.value().patronBarcode() != null ? out.value().patronBarcode() : user;
                        return answer(ex, q, requestId, out.value(), item, patron);
                    }
                    Outcome.Refused<?> refused = (Outcome.Refused<?>) out;
                    if (refused.reason() == RefusalReason.INVALID_TRANSITION) {
                        // a broker's retry of a cancel that already succeeded answers as the first did
                        return ex.execute(new IllCommands.ShowRequest(ex.context(), ref)).thenCompose(shown -> shown.isSuccess()
                                && shown.value().request().state() == IllState.CANCELLED
                                ? answer(ex, q, requestId, shown.value().request(), item,
                                        shown.value().request().patronBarcode() != null ? shown.value().request().patronBarcode() : user)
                                : Support.done(problem(Support.refusal(name(), out, user, item, requestId))));
                    }
                    if (refused.reason() != RefusalReason.UNKNOWN_ILL_REQUEST || user == null || item == null) {
                        return Support.done(problem(Support.refusal(name(), out, user, item, requestId)));
                    }
                    // not an ILL request: the user's own hold on the item
                    return ex.execute(new Commands.CancelHold(ex.context(), user, item, null)).thenApply(c -> c.isSuccess()
                            ? answer(ex, q, requestId, item, user)
                            : problem(Support.refusal(name(), c, user, item, requestId)));
                });
    }

    /** The answer for a cancelled ILL request: always with ItemId (its item, the one named, or a copy of its title). */
    private CompletionStage<CancelRequestItemResponse> answer(NcipExchange ex, CancelRequestItem q, String requestId,
                                                              IllViews.IllRequestView request, String named, String user) {
        String item = request.itemBarcode() != null ? request.itemBarcode() : named;
        return Support.itemOf(ex, item, request.bibControlNumber())
                .thenApply(copy -> answer(ex, q, requestId, copy != null ? copy.barcode() : item, user));
    }

    private CancelRequestItemResponse answer(NcipExchange ex, CancelRequestItem q, String requestId, String item, String user) {
        CancelRequestItemResponse r = newResponse();
        if (requestId != null) {
            r.setRequestId(NcipValues.requestIdAsSent(q.getRequestId(), ex.agencyId(), requestId));
        }
        if (item != null) {
            r.setItemId(NcipValues.itemId(ex.agencyForIds(), item));
        }
        r.setUserId(NcipValues.userId(ex.agencyForIds(), user == null ? "" : user));
        return r;
    }
}
