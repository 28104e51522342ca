package org.stackbridge.staff.resource;

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
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.staff.auth.Requires;

/**
 * {@code GET /items/{barcode}}: an item with its live circulation status; {@code PATCH /items/{barcode}} changes its
 * status, location or call number (item status permission).
 */
@Singleton
@Path("items")
@Produces(MediaType.APPLICATION_JSON)
public final class ItemsResource {

    /** Statuses staff may set by hand; the others follow from checkout and check-in. */
    static final Set<ItemStatus> SETTABLE = EnumSet.of(ItemStatus.AVAILABLE, ItemStatus.LOST, ItemStatus.MISSING, ItemStatus.DAMAGED,
            ItemStatus.IN_PROCESS, ItemStatus.WITHDRAWN);
    static final int MAX_TEXT = 255;

    private final EngineCalls engine;

    public record ItemChange(String status, String location, String callNumber) {
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
    public CompletionStage<Views.ItemInfo> change(@PathParam("barcode") String barcode, ItemChange body, @Context SecurityContext security) {
        Fields.requireBody(body);
        Fields f = new Fields();
        String item = f.barcode("barcode", barcode);
        ItemStatus status = body.status() == null ? null : f.oneOf("status", body.status(), SETTABLE);
        if (body.location() != null) {
            f.required("location", body.location(), MAX_TEXT);
        }
        if (body.callNumber() != null) {
            f.required("call_number", body.callNumber(), MAX_TEXT);
        }
        if (body.status() == null && body.location() == null && body.callNumber() == null) {
            f.error("(body)", "give at least one of status, location, call_number");
        }
        f.check();
        return engine.run(new Commands.UpdateItem(EngineCalls.context(security, null), item, status, body.location(),
                body.callNumber()), changed -> changed);
    }
}
