package org.stackbridge.ncip.service;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.ill.IllCommands;
import org.stackbridge.core.ill.IllViews;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.ncip.binding.v2.BibInformation;
import org.stackbridge.ncip.binding.v2.BibliographicId;
import org.stackbridge.ncip.binding.v2.HoldingsSet;
import org.stackbridge.ncip.binding.v2.ItemId;
import org.stackbridge.ncip.binding.v2.ItemInformation;
import org.stackbridge.ncip.binding.v2.LookupItemSet;
import org.stackbridge.ncip.binding.v2.LookupItemSetResponse;
import org.stackbridge.ncip.binding.v2.NCIPMessage;
import org.stackbridge.ncip.mapping.NcipItems;
import org.stackbridge.ncip.mapping.NcipProblems;
import org.stackbridge.ncip.mapping.NcipValues;

/**
 * LookupItemSet by BibliographicId (titles with their items) or by ItemId. MaximumItemsCount (capped at
 * {@link #MAX_ITEMS}) limits the items per title; NextItemToken carries on from where the last answer stopped.
 */
public final class LookupItemSetService extends NcipService<LookupItemSet, LookupItemSetResponse> {

    static final int MAX_ITEMS = 200;
    static final int MAX_IDS = 50;

    public LookupItemSetService() {
        super("LookupItemSet", NCIPMessage::getLookupItemSet, LookupItemSet::getInitiationHeader, NCIPMessage::setLookupItemSetResponse,
                LookupItemSetResponse::new, LookupItemSetResponse::getProblem, LookupItemSetResponse::setResponseHeader);
    }

    @Override
    protected boolean boundedAnswer(LookupItemSet request) {
        return false; // up to MAX_ITEMS items per title
    }

    @Override
    public CompletionStage<LookupItemSetResponse> handle(LookupItemSet q, NcipExchange ex) {
        int max = q.getMaximumItemsCount() == null ? 50 : Math.max(1, Math.min(MAX_ITEMS, q.getMaximumItemsCount().intValue()));
        int skip = 0;
        String token = NcipValues.text(q.getNextItemToken());
        if (token != null) {
            if (!token.matches("\\d{1,7}")) {
                return Support.done(problem(NcipProblems.forService(name(), NcipProblems.ELEMENT_RULE_VIOLATED, "Unknown NextItemToken",
                        "NextItemToken", token)));
            }
            skip = Integer.parseInt(token);
        }
        if (!q.getBibliographicId().isEmpty()) {
            if (q.getBibliographicId().size() > MAX_IDS) {
                return Support.done(problem(NcipProblems.forService(name(), NcipProblems.ELEMENT_RULE_VIOLATED,
                        "At most " + MAX_IDS + " BibliographicIds per message", "BibliographicId", null)));
            }
            List<CompletableFuture<BibInformation>> parts = new ArrayList<>();
            int start = skip;
            boolean[] more = new boolean[1];
            for (BibliographicId id : q.getBibliographicId()) {
                String cn = NcipItems.controlNumber(List.of(id));
                parts.add(ex.execute(new IllCommands.LookupTitle(ex.context(), cn, start, max)).toCompletableFuture()
                        .thenApply(out -> {
                            if (out.isSuccess() && out.value().more()) {
                                more[0] = true;
                            }
                            return title(ex, id, cn, out);
                        }));
            }
            return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> {
                LookupItemSetResponse r = newResponse();
                parts.forEach(p -> r.getBibInformation().add(p.join()));
                if (more[0]) {
                    r.setNextItemToken(Integer.toString(start + max));
                }
                return r;
            });
        }
        List<ItemId> ids = q.getItemId();
        if (ids.isEmpty()) {
            return Support.done(problem(NcipProblems.missing("BibliographicId", "BibliographicId or ItemId is required")));
        }
        List<ItemId> page = ids.subList(Math.min(skip, ids.size()), Math.min(ids.size(), skip + max));
        List<CompletableFuture<BibInformation>> parts = new ArrayList<>();
        for (ItemId id : page) {
            String barcode = NcipValues.itemValue(id);
            parts.add(ex.execute(new Commands.LookupItem(ex.context(), barcode)).toCompletableFuture().thenApply(out -> item(ex, barcode, out)));
        }
        int next = skip + max;
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> {
            LookupItemSetResponse r = newResponse();
            parts.forEach(p -> r.getBibInformation().add(p.join()));
            if (r.getBibInformation().isEmpty()) {
                return problem(NcipProblems.forService(name(), NcipProblems.ELEMENT_RULE_VIOLATED, "NextItemToken is past the end",
                        "NextItemToken", token));
            }
            if (next < ids.size()) {
                r.setNextItemToken(Integer.toString(next));
            }
            return r;
        });
    }

    private BibInformation title(NcipExchange ex, BibliographicId id, String cn, Outcome<IllViews.Holdings> out) {
        BibInformation b = new BibInformation();
        b.setBibliographicId(echo(id));
        if (!out.isSuccess()) {
            b.getProblem().add(Support.refusal("LookupItem", out, null, cn, null));
            return b;
        }
        IllViews.Holdings h = out.value();
        b.setBibliographicDescription(NcipItems.description(h.title(), h.author(), h.isbn(), h.bibControlNumber()));
        b.setTitleHoldQueueLength(java.math.BigInteger.valueOf(h.titleHoldQueueLength()));
        HoldingsSet set = new HoldingsSet();
        if (h.items().isEmpty()) {
            set.getProblem().add(NcipProblems.forService("LookupItem", NcipProblems.UNKNOWN_ITEM, "No items for this title", "BibliographicId", cn));
        }
        for (Views.ItemInfo i : h.items()) {
            set.getItemInformation().add(information(ex, i));
        }
        b.getHoldingsSet().add(set);
        return b;
    }

    /** The requested id, completed where the schema needs a code the partner left out. */
    private static BibliographicId echo(BibliographicId id) {
        if (id.getBibliographicRecordId() != null && id.getBibliographicRecordId().getAgencyId() == null
                && id.getBibliographicRecordId().getBibliographicRecordIdentifierCode() == null) {
            id.getBibliographicRecordId().setBibliographicRecordIdentifierCode(NcipValues.svp("Accession Number"));
        }
        return id;
    }

    private BibInformation item(NcipExchange ex, String barcode, Outcome<Views.ItemInfo> out) {
        BibInformation b = new BibInformation();
        if (!out.isSuccess()) {
            b.getProblem().add(Support.refusal("LookupItem", out, null, barcode, null));
            return b;
        }
        Views.ItemInfo i = out.value();
        b.setBibliographicDescription(NcipItems.description(i.title(), i.author(), i.isbn(), i.bibControlNumber()));
        HoldingsSet set = new HoldingsSet();
        set.getItemInformation().add(information(ex, i));
        b.getHoldingsSet().add(set);
        return b;
    }

    private static ItemInformation information(NcipExchange ex, Views.ItemInfo i) {
        ItemInformation info = new ItemInformation();
        info.setItemId(NcipValues.itemId(ex.agencyForIds(), i.barcode()));
        if (i.dueAt() != null) {
            info.setDateDue(NcipValues.dateTime(i.dueAt()));
        }
        info.setItemOptionalFields(NcipItems.optionalFields(i));
        return info;
    }
}
