package org.stackbridge.ncip.service;

import java.math.BigInteger;
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.ncip.binding.v2.CheckOutItem;
import org.stackbridge.ncip.binding.v2.CheckOutItemResponse;
import org.stackbridge.ncip.binding.v2.NCIPMessage;
import org.stackbridge.ncip.mapping.NcipItems;
import org.stackbridge.ncip.mapping.NcipProblems;
import org.stackbridge.ncip.mapping.NcipValues;

/**
 * CheckOutItem: a loan to our patron (borrowing: the temporary item) or to the partner library's patron
 * (lending). An item already on loan to the same user is answered from that loan, changing nothing.
 */
public final class CheckOutItemService extends NcipService<CheckOutItem, CheckOutItemResponse> {

    public CheckOutItemService() {
        super("CheckOutItem", NCIPMessage::getCheckOutItem, CheckOutItem::getInitiationHeader, NCIPMessage::setCheckOutItemResponse,
                CheckOutItemResponse::new, CheckOutItemResponse::getProblem, CheckOutItemResponse::setResponseHeader);
    }

    @Override
    public CompletionStage<CheckOutItemResponse> handle(CheckOutItem q, NcipExchange ex) {
        String user = Support.userBarcode(q.getUserId(), q.getAuthenticationInput());
        if (user == null) {
            user = ex.defaults().lendingPatron();
        }
        String item = NcipValues.itemValue(q.getItemId());
        if (user == null) {
            return Support.done(problem(NcipProblems.missing("UserIdentifierValue", "UserId is required")));
        }
        if (item == null) {
            return Support.done(problem(NcipProblems.missing("ItemIdentifierValue", "ItemId is required")));
        }
        String barcode = user;
        String pin = Support.secret(q.getAuthenticationInput());
        String requestId = NcipValues.requestValue(q.getRequestId());
        boolean wantItem = !q.getItemElementType().isEmpty();
        return ex.execute(new Commands.LookupItem(ex.context(), item)).thenCompose(look -> {
            if (look.isSuccess() && barcode.equals(look.value().borrowerBarcode())) {
                // a retry: the item is already on loan to this user
                return Support.done(answer(ex, barcode, look.value(), look.value().dueAt(), wantItem));
            }
            return ex.execute(new Commands.CheckOut(ex.context(), barcode, item, pin, false, false, true)).thenApply(out -> {
                if (!out.isSuccess()) {
                    return problem(Support.refusal(name(), out, barcode, item, requestId));
                }
                Views.CheckedOut c = out.value();
                CheckOutItemResponse r = answer(ex, barcode, c.item(), c.dueAt(), wantItem);
                if (c.renewals() > 0) {
                    r.setRenewalCount(BigInteger.valueOf(c.renewals()));
                }
                return r;
            });
        });
    }

    private CheckOutItemResponse answer(NcipExchange ex, String user, Views.ItemInfo item, java.time.Instant due, boolean wantItem) {
        CheckOutItemResponse r = newResponse();
        r.setItemId(NcipValues.itemId(ex.agencyForIds(), item.barcode()));
        r.setUserId(NcipValues.userId(ex.agencyForIds(), user));
        r.setDateDue(NcipValues.dateTime(due));
        r.setItemOptionalFields(wantItem ? NcipItems.optionalFields(item) : NcipItems.whereabouts(item));
        return r;
    }
}
