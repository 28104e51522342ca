package org.stackbridge.ncip.service;

import java.math.BigInteger;
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.Commands;
import org.stackbridge.ncip.binding.v2.NCIPMessage;
import org.stackbridge.ncip.binding.v2.RenewItem;
import org.stackbridge.ncip.binding.v2.RenewItemResponse;
import org.stackbridge.ncip.mapping.NcipProblems;
import org.stackbridge.ncip.mapping.NcipValues;

/** RenewItem: renews the user's loan under the circulation rules. */
public final class RenewItemService extends NcipService<RenewItem, RenewItemResponse> {

    public RenewItemService() {
        super("RenewItem", NCIPMessage::getRenewItem, RenewItem::getInitiationHeader, NCIPMessage::setRenewItemResponse,
                RenewItemResponse::new, RenewItemResponse::getProblem, RenewItemResponse::setResponseHeader);
    }

    @Override
    public CompletionStage<RenewItemResponse> handle(RenewItem q, NcipExchange ex) {
        String user = Support.userBarcode(q.getUserId(), q.getAuthenticationInput());
        String item = NcipValues.itemValue(q.getItemId());
        if (user == null) {
            return Support.done(problem(NcipProblems.missing("UserIdentifierValue", "UserId is required")));
        }
        if (item == null) {
            return Support.done(problem(NcipProblems.missing("ItemIdentifierValue", "ItemId is required")));
        }
        return ex.execute(new Commands.Renew(ex.context(), user, item, Support.secret(q.getAuthenticationInput()))).thenApply(out -> {
            if (!out.isSuccess()) {
                return problem(Support.refusal(name(), out, user, item, null));
            }
            RenewItemResponse r = newResponse();
            r.setItemId(NcipValues.itemId(ex.agencyForIds(), item));
            r.setUserId(NcipValues.userId(ex.agencyForIds(), user));
            r.setDateDue(NcipValues.dateTime(out.value().dueAt()));
            r.setRenewalCount(BigInteger.valueOf(out.value().renewals()));
            return r;
        });
    }
}
