package org.stackbridge.ncip.service;

import java.util.concurrent.CompletionStage;
import org.stackbridge.core.ill.IllCommands;
import org.stackbridge.ncip.binding.v2.DeleteItem;
import org.stackbridge.ncip.binding.v2.DeleteItemResponse;
import org.stackbridge.ncip.binding.v2.NCIPMessage;
import org.stackbridge.ncip.mapping.NcipProblems;
import org.stackbridge.ncip.mapping.NcipValues;

/** DeleteItem: the borrowed item went back to the lender; the ILL request completes and the temporary item is retired. */
public final class DeleteItemService extends NcipService<DeleteItem, DeleteItemResponse> {

    public DeleteItemService() {
        super("DeleteItem", NCIPMessage::getDeleteItem, DeleteItem::getInitiationHeader, NCIPMessage::setDeleteItemResponse,
                DeleteItemResponse::new, DeleteItemResponse::getProblem, DeleteItemResponse::setResponseHeader);
    }

    @Override
    public CompletionStage<DeleteItemResponse> handle(DeleteItem q, NcipExchange ex) {
        String item = NcipValues.itemValue(q.getItemId());
        if (item == null) {
            return Support.done(problem(NcipProblems.missing("ItemIdentifierValue", "ItemId is required")));
        }
        return ex.execute(new IllCommands.DeleteTemporaryItem(ex.context(), item)).thenApply(out -> {
            if (!out.isSuccess()) {
                return problem(Support.refusal(name(), out, null, item, null));
            }
            DeleteItemResponse r = newResponse();
            r.setItemId(NcipValues.itemId(ex.agencyForIds(), item));
            return r;
        });
    }
}
