package org.stackbridge.ncip.service;

import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.ncip.binding.v2.CheckInItem;
import org.stackbridge.ncip.binding.v2.CheckInItemResponse;
import org.stackbridge.ncip.binding.v2.NCIPMessage;
import org.stackbridge.ncip.mapping.NcipItems;
import org.stackbridge.ncip.mapping.NcipProblems;
import org.stackbridge.ncip.mapping.NcipValues;

/**
 * CheckInItem. An item that is not on loan is "Item Not Checked Out" and left untouched, unless the partner's
 * profile treats that as success (Relais, VDX and ReShare do); ILL temporary items are still checked in then.
 */
public final class CheckInItemService extends NcipService<CheckInItem, CheckInItemResponse> {

    public CheckInItemService() {
        super("CheckInItem", NCIPMessage::getCheckInItem, CheckInItem::getInitiationHeader, NCIPMessage::setCheckInItemResponse,
                CheckInItemResponse::new, CheckInItemResponse::getProblem, CheckInItemResponse::setResponseHeader);
    }

    @Override
    public CompletionStage<CheckInItemResponse> handle(CheckInItem q, NcipExchange ex) {
        String item = NcipValues.itemValue(q.getItemId());
        if (item == null) {
            return Support.done(problem(NcipProblems.missing("ItemIdentifierValue", "ItemId is required")));
        }
        boolean wantItem = !q.getItemElementType().isEmpty();
        if (ex.agency().lenientCheckIn()) {
            return checkIn(ex, item, wantItem); // no need to look first
        }
        return ex.execute(new Commands.LookupItem(ex.context(), item)).thenCompose(look -> {
            if (!look.isSuccess()) {
                return Support.done(problem(Support.refusal(name(), look, null, item, null)));
            }
            Views.ItemInfo info = look.value();
            if (info.borrowerBarcode() == null) {
                return Support.done(problem(NcipProblems.forService(name(), "Item Not Checked Out", "Item is not checked out",
                        "ItemIdentifierValue", item)));
            }
            return checkIn(ex, item, wantItem);
        });
    }

    private CompletionStage<CheckInItemResponse> checkIn(NcipExchange ex, String item, boolean wantItem) {
        return ex.execute(new Commands.CheckIn(ex.context(), item, false)).thenApply(out -> {
            if (!out.isSuccess()) {
                return problem(Support.refusal(name(), out, null, item, null));
            }
            Views.CheckedIn c = out.value();
            CheckInItemResponse r = newResponse();
            r.setItemId(NcipValues.itemId(ex.agencyForIds(), item));
            if (c.previousBorrower() != null) {
                r.setUserId(NcipValues.userId(ex.agencyForIds(), c.previousBorrower().barcode()));
            }
            if (wantItem) {
                r.setItemOptionalFields(NcipItems.optionalFields(c.item()));
            }
            return r;
        });
    }
}
