package org.stackbridge.staff.resource;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.cataloguing.CatalogueCommands;
import org.stackbridge.core.cataloguing.CatalogueViews;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.staff.auth.Requires;
import org.stackbridge.staff.auth.StaffSession;
import org.stackbridge.staff.problem.ProblemException;

/**
 * {@code GET /items/{barcode}}: an item with its live circulation status; {@code PATCH /items/{barcode}} changes its
 * status (item status permission: damaged with a repair fee, missing, withdrawn, lost billing the borrower ...) and/or
 * its cataloguing data (type, library, location, call number, price; cataloguing permission for type, library and
 * price), keeping what is not given, in one transaction.
 */
@Singleton
@Path("items")
@Produces(MediaType.APPLICATION_JSON)
public final class ItemsResource {

    /** Statuses staff may set by hand; the others follow from checkout, check-in and claims returned. */
    static final Set<ItemStatus> SETTABLE = EnumSet.of(ItemStatus.AVAILABLE, ItemStatus.LOST, ItemStatus.MISSING, ItemStatus.DAMAGED,
            ItemStatus.IN_PROCESS, ItemStatus.WITHDRAWN);
    static final int MAX_TEXT = 255;

    private final EngineCalls engine;

    /** The fields a PATCH may carry; absent (null) fields keep what the item has. */
    public record ItemChange(String status, String note, Amounts.MoneyBody repairFee, String patron, String location, String callNumber,
                             String itemType, String library, Amounts.MoneyBody price) {
    }

    /** The changed item, with what the change did: the status before, fees billed and to whom, a loan marked lost. */
    public record ItemChanged(@JsonUnwrapped Views.ItemInfo item, ItemStatus previousStatus, String note, Views.PatronView billed,
                              List<Views.FeeLine> fees, boolean loanMarkedLost) {
        static ItemChanged of(CatalogueViews.ItemChanged c) {
            return new ItemChanged(c.item(), c.previousStatus(), c.note(), c.billed(), c.fees(), c.loanMarkedLost());
        }
    }

    @Inject
    public ItemsResource(EngineCalls engine) {
        this.engine = engine;
    }

    @GET
    @Path("{barcode}")
    @Requires(StaffPermission.CIRCULATION)
    public CompletionStage<Views.ItemInfo> item(@PathParam("barcode") String barcode, @Context SecurityContext security) {
        return engine.run(new Commands.LookupItem(EngineCalls.context(security, null), Fields.pathBarcode("barcode", barcode)), item -> item);
    }

    @PATCH
    @Path("{barcode}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Requires(StaffPermission.ITEM_STATUS)
    public CompletionStage<ItemChanged> change(@PathParam("barcode") String barcode, ItemChange body, @Context SecurityContext security) {
        Fields.requireBody(body);
        Fields f = new Fields();
        String item = f.barcode("barcode", barcode);
        ItemStatus status = body.status() == null ? null : f.oneOf("status", body.status(), SETTABLE);
        String note = body.note() == null ? null : f.required("note", body.note(), MAX_TEXT);
        Money repairFee = Amounts.money(f, "repair_fee", body.repairFee());
        String patron = body.patron() == null ? null : f.barcode("patron", body.patron());
        if ((body.repairFee() != null || body.patron() != null) && status != ItemStatus.DAMAGED) {
            f.error(body.repairFee() != null ? "repair_fee" : "patron", "only with status damaged");
        }
        if (body.location() != null) {
            f.required("location", body.location(), MAX_TEXT);
        }
        if (body.callNumber() != null) {
            f.required("call_number", body.callNumber(), MAX_TEXT);
        }
        String itemType = body.itemType() == null ? null : f.barcode("item_type", body.itemType());
        String library = body.library() == null ? null : f.barcode("library", body.library());
        Money price = Amounts.money(f, "price", body.price());
        CatalogueCommands.ItemEdit edit = new CatalogueCommands.ItemEdit(itemType, library, body.location(), body.callNumber(), price);
        if (body.status() == null && edit.isEmpty()) {
            f.error("(body)", "give at least one of status, location, call_number, item_type, library, price");
        }
        f.check();
        StaffSession session = (StaffSession) security.getUserPrincipal();
        if ((itemType != null || library != null || price != null) && !session.allows(StaffPermission.CATALOGUING)) {
            throw ProblemException.forbidden("The role " + session.role().label() + " of " + session.login()
                    + " does not allow cataloguing (item_type, library, price).");
        }
        return engine.outcome(new CatalogueCommands.ChangeItem(EngineCalls.context(security, null), item, edit, status, note, repairFee,
                patron)).thenApply(o -> ItemChanged.of(CatalogueProblems.valueOf(o, false, "library")));
    }
}
