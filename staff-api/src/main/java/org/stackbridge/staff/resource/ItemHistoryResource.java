package org.stackbridge.staff.resource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.PatronCommands;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.core.outcome.PatronViews;
import org.stackbridge.staff.auth.Requires;

/** {@code GET /items/{barcode}/history}: the item's events from the event log, newest first, paged. */
@Singleton
@Path("items/{barcode}/history")
@Produces(MediaType.APPLICATION_JSON)
public final class ItemHistoryResource {

    private final EngineCalls engine;

    @Inject
    public ItemHistoryResource(EngineCalls engine) {
        this.engine = engine;
    }

    @GET
    @Requires(StaffPermission.CIRCULATION)
    public CompletionStage<PatronViews.HistoryPage> history(@PathParam("barcode") String barcode, @QueryParam("_page") String page,
                                                            @QueryParam("_per_page") String perPage, @Context SecurityContext security) {
        Fields f = new Fields();
        String item = f.barcode("barcode", barcode);
        Fields.Paging paging = f.paging(page, perPage);
        f.check();
        return engine.run(new PatronCommands.ItemHistory(EngineCalls.context(security, null), item, paging.page(), paging.perPage()), h -> h);
    }
}
