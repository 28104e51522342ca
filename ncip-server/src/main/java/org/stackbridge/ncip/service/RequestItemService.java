package org.stackbridge.ncip.service;

import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.ill.IllCommands;
import org.stackbridge.ncip.binding.v2.NCIPMessage;
import org.stackbridge.ncip.binding.v2.RequestItem;
import org.stackbridge.ncip.binding.v2.RequestItemResponse;
import org.stackbridge.ncip.binding.v2.SchemeValuePair;
import org.stackbridge.ncip.mapping.NcipItems;
import org.stackbridge.ncip.mapping.NcipProblems;
import org.stackbridge.ncip.mapping.NcipValues;

import static org.stackbridge.ncip.mapping.NcipValues.svp;

/**
 * RequestItem. With a RequestId it is a partner's lending request: a hold on our item (or title) for the
 * partner library's patron, tracked as a LENDING ILL request. Without one it is a plain hold for our user
 * (discovery layers).
 */
public final class RequestItemService extends NcipService<RequestItem, RequestItemResponse> {

    private static final String REQUEST_TYPE = "http://www.niso.org/ncip/v1_0/imp1/schemes/requesttype/requesttype.scm";
    private static final String SCOPE_TYPE = "http://www.niso.org/ncip/v1_0/imp1/schemes/requestscopetype/requestscopetype.scm";

    public RequestItemService() {
        super("RequestItem", NCIPMessage::getRequestItem, RequestItem::getInitiationHeader, NCIPMessage::setRequestItemResponse,
                RequestItemResponse::new, RequestItemResponse::getProblem, RequestItemResponse::setResponseHeader);
    }

    @Override
    public CompletionStage<RequestItemResponse> handle(RequestItem q, NcipExchange ex) {
        String requestId = NcipValues.requestValue(q.getRequestId());
        String user = Support.userBarcode(q.getUserId(), q.getAuthenticationInput());
        if (user == null && requestId != null) {
            user = ex.defaults().lendingPatron();
        }
        if (user == null) {
            return Support.done(problem(NcipProblems.missing("UserIdentifierValue", "UserId is required")));
        }
        String item = q.getItemId().stream().map(NcipValues::itemValue).filter(v -> v != null).findFirst().orElse(null);
        String bib = item == null ? NcipItems.controlNumber(q.getBibliographicId()) : null;
        if (item == null && bib == null) {
            return Support.done(problem(NcipProblems.missing("ItemIdentifierValue", "ItemId or BibliographicId is required")));
        }
        String patron = user;
        SchemeValuePair type = q.getRequestType() != null ? q.getRequestType() : svp(REQUEST_TYPE, "Hold");
        SchemeValuePair scope = q.getRequestScopeType() != null ? q.getRequestScopeType()
                : svp(SCOPE_TYPE, item != null ? "Item" : "Bibliographic Item");
        if (requestId != null) {
            return ex.execute(new IllCommands.RequestLending(ex.context(), ex.agencyId(), requestId, patron, item, bib, null))
                    .thenCompose(out -> {
                        if (!out.isSuccess()) {
                            return Support.done(problem(Support.refusal(name(), out, patron, item, requestId)));
                        }
                        return Support.itemOf(ex, out.value().itemBarcode(), out.value().bibControlNumber()).thenApply(copy -> {
                            RequestItemResponse r = newResponse();
                            r.setRequestId(NcipValues.requestIdAsSent(q.getRequestId(), ex.agencyId(), requestId));
                            if (copy != null) {
                                r.setItemId(NcipValues.itemId(ex.agencyForIds(), copy.barcode()));
                                r.setItemOptionalFields(NcipItems.whereabouts(copy));
                            }
                            r.setUserId(NcipValues.userId(ex.agencyForIds(), patron));
                            r.setRequestType(type);
                            r.setRequestScopeType(scope);
                            return r;
                        });
                    });
        }
        String pickup = NcipValues.text(q.getPickupLocation());
        return ex.execute(new Commands.PlaceHold(ex.context(), patron, item, bib, pickup,
                q.getPickupExpiryDate() == null ? null : NcipValues.instant(q.getPickupExpiryDate()).atZone(java.time.ZoneOffset.UTC).toLocalDate()))
                .thenApply(out -> {
                    if (!out.isSuccess()) {
                        return problem(Support.refusal(name(), out, patron, item, null));
                    }
                    RequestItemResponse r = newResponse();
                    r.setRequestId(NcipValues.requestId(ex.agencyForIds(), Long.toString(out.value().holdId())));
                    if (out.value().itemBarcode() != null) {
                        r.setItemId(NcipValues.itemId(ex.agencyForIds(), out.value().itemBarcode()));
                    }
                    r.setUserId(NcipValues.userId(ex.agencyForIds(), patron));
                    r.setRequestType(type);
                    r.setRequestScopeType(scope);
                    return r;
                });
    }
}
