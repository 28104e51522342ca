package org.stackbridge.ncip.service;

import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.ill.IllCommands;
import org.stackbridge.core.ill.IllViews;
import org.stackbridge.core.model.FeeType;
import org.stackbridge.core.model.Money;
import org.stackbridge.ncip.binding.v2.AcceptItem;
import org.stackbridge.ncip.binding.v2.AcceptItemResponse;
import org.stackbridge.ncip.binding.v2.NCIPMessage;
import org.stackbridge.ncip.mapping.NcipItems;
import org.stackbridge.ncip.mapping.NcipProblems;
import org.stackbridge.ncip.mapping.NcipValues;

/**
 * AcceptItem (borrowing: the partner's item arrived): a temporary item linked to the ILL request, on the hold
 * shelf for our patron at the pickup library. A retry with the same RequestId answers the same and creates
 * nothing. The partner profile's ILL fee, if any, is charged to the patron once.
 */
public final class AcceptItemService extends NcipService<AcceptItem, AcceptItemResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(AcceptItemService.class);

    public AcceptItemService() {
        super("AcceptItem", NCIPMessage::getAcceptItem, AcceptItem::getInitiationHeader, NCIPMessage::setAcceptItemResponse,
                AcceptItemResponse::new, AcceptItemResponse::getProblem, AcceptItemResponse::setResponseHeader);
    }

    @Override
    public CompletionStage<AcceptItemResponse> handle(AcceptItem q, NcipExchange ex) {
        String requestId = NcipValues.requestValue(q.getRequestId());
        if (requestId == null) {
            return Support.done(problem(NcipProblems.missing("RequestIdentifierValue", "RequestId is required")));
        }
        String user = NcipValues.userValue(q.getUserId());
        if (user == null) {
            return Support.done(problem(NcipProblems.missing("UserIdentifierValue", "UserId is required to hold the item for a patron")));
        }
        String item = NcipValues.itemValue(q.getItemId());
        IllViews.Citation citation = NcipItems.citation(
                q.getItemOptionalFields() == null ? null : q.getItemOptionalFields().getBibliographicDescription(), "ILL " + requestId);
        String pickup = NcipValues.text(q.getPickupLocation());
        if (pickup == null) {
            pickup = ex.defaults().pickupLibrary();
        }
        IllCommands.ReceiveItem cmd = new IllCommands.ReceiveItem(ex.context(), ex.agencyId(), requestId, user, item, citation,
                pickup, ex.defaults().illItemType(), ex.defaults().location(), NcipValues.instant(q.getDateForReturn()));
        return ex.execute(cmd).thenCompose(out -> {
            if (!out.isSuccess()) {
                return Support.done(problem(Support.refusal(name(), out, user, item, requestId)));
            }
            IllViews.Received rec = out.value();
            AcceptItemResponse r = newResponse();
            r.setRequestId(NcipValues.requestIdAsSent(q.getRequestId(), ex.agencyId(), requestId));
            r.setItemId(NcipValues.itemId(ex.agencyForIds(), rec.itemBarcode()));
            if (rec.replay() || ex.defaults().illFee() == null || ex.defaults().illFee().signum() <= 0) {
                return Support.done(r);
            }
            Money fee = new Money(ex.defaults().illFee(), ex.currency());
            return ex.execute(new Commands.AssessFee(ex.keyed("fee|" + requestId), user, FeeType.ILL, fee, rec.itemBarcode(),
                    "ILL fee " + ex.agencyId() + " " + requestId)).thenApply(charged -> {
                        if (!charged.isSuccess()) {
                            // the item is accepted either way; staff see the missing fee in the log
                            LOG.warn("ILL fee for request {} from {} not charged: {}", requestId, ex.agencyId(), charged);
                        }
                        return r;
                    });
        });
    }
}
