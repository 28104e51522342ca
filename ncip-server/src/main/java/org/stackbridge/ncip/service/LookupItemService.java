package org.stackbridge.ncip.service;

import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.ill.IllCommands;
import org.stackbridge.core.ill.IllRef;
import org.stackbridge.ncip.binding.v2.LookupItem;
import org.stackbridge.ncip.binding.v2.LookupItemResponse;
import org.stackbridge.ncip.binding.v2.NCIPMessage;
import org.stackbridge.ncip.mapping.NcipItems;
import org.stackbridge.ncip.mapping.NcipProblems;
import org.stackbridge.ncip.mapping.NcipValues;

/** LookupItem by ItemId, or by the partner's RequestId of an ILL request: description, status, queue, due date, location. */
public final class LookupItemService extends NcipService<LookupItem, LookupItemResponse> {

    public LookupItemService() {
        super("LookupItem", NCIPMessage::getLookupItem, LookupItem::getInitiationHeader, NCIPMessage::setLookupItemResponse,
                LookupItemResponse::new, LookupItemResponse::getProblem, LookupItemResponse::setResponseHeader);
    }

    @Override
    public CompletionStage<LookupItemResponse> handle(LookupItem q, NcipExchange ex) {
        String item = NcipValues.itemValue(q.getItemId());
        String requestId = NcipValues.requestValue(q.getRequestId());
        if (item == null && requestId == null) {
            return Support.done(problem(NcipProblems.missing("ItemIdentifierValue", "ItemId or RequestId is required")));
        }
        if (item != null) {
            return lookup(ex, item, null, null);
        }
        return ex.execute(new IllCommands.ShowRequest(ex.context(), IllRef.byExternal(ex.agencyId(), requestId, null))).thenCompose(out -> {
            if (!out.isSuccess()) {
                return Support.done(problem(Support.refusal(name(), out, null, null, requestId)));
            }
            String barcode = out.value().request().itemBarcode();
            if (barcode == null) {
                return Support.done(problem(NcipProblems.forService(name(), NcipProblems.UNKNOWN_ITEM,
                        "No item is attached to this request yet", "RequestIdentifierValue", requestId)));
            }
            return lookup(ex, barcode, requestId, q.getRequestId());
        });
    }

    private CompletionStage<LookupItemResponse> lookup(NcipExchange ex, String item, String requestId,
                                                      org.stackbridge.ncip.binding.v2.RequestId sent) {
        return ex.execute(new Commands.LookupItem(ex.context(), item)).thenApply(out -> {
            if (!out.isSuccess()) {
                return problem(Support.refusal(name(), out, null, item, requestId));
            }
            LookupItemResponse r = newResponse();
            if (requestId != null) {
                r.setRequestId(NcipValues.requestIdAsSent(sent, ex.agencyId(), requestId));
            }
            r.setItemId(NcipValues.itemId(ex.agencyForIds(), out.value().barcode()));
            r.setItemOptionalFields(NcipItems.optionalFields(out.value()));
            return r;
        });
    }
}
