package org.stackbridge.ncip.service;

import java.util.concurrent.CompletionStage;
import org.stackbridge.core.ill.IllCommands;
import org.stackbridge.ncip.binding.v2.NCIPMessage;
import org.stackbridge.ncip.binding.v2.RecallItem;
import org.stackbridge.ncip.binding.v2.RecallItemResponse;
import org.stackbridge.ncip.mapping.NcipProblems;
import org.stackbridge.ncip.mapping.NcipValues;

/** RecallItem: the open loan of the item becomes due at the desired date, or in {@link #GRACE_DAYS} days. */
public final class RecallItemService extends NcipService<RecallItem, RecallItemResponse> {

    static final int GRACE_DAYS = 7;

    public RecallItemService() {
        super("RecallItem", NCIPMessage::getRecallItem, RecallItem::getInitiationHeader, NCIPMessage::setRecallItemResponse,
                RecallItemResponse::new, RecallItemResponse::getProblem, RecallItemResponse::setResponseHeader);
    }

    @Override
    public CompletionStage<RecallItemResponse> handle(RecallItem q, NcipExchange ex) {
        String item = NcipValues.itemValue(q.getItemId());
        if (item == null) {
            return Support.done(problem(NcipProblems.missing("ItemIdentifierValue", "ItemId is required")));
        }
        return ex.execute(new IllCommands.RecallLoan(ex.context(), item, NcipValues.instant(q.getDesiredDateDue()), GRACE_DAYS))
                .thenApply(out -> {
                    if (!out.isSuccess()) {
                        return problem(Support.refusal(name(), out, null, item, null));
                    }
                    RecallItemResponse r = newResponse();
                    r.setItemId(NcipValues.itemId(ex.agencyForIds(), item));
                    if (out.value().patronBarcode() != null) {
                        r.setUserId(NcipValues.userId(ex.agencyForIds(), out.value().patronBarcode()));
                    }
                    r.setDateDue(NcipValues.dateTime(out.value().dueAt()));
                    return r;
                });
    }
}
