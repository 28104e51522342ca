package org.stackbridge.staff.console.web;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.stackbridge.staff.console.auth.ConsoleSession;
import org.stackbridge.staff.console.page.OpsPages.TerminalsPage;
import org.stackbridge.staff.resource.TerminalsResource;

/**
 * {@code /console/terminals}: the kiosks, what a systems librarian looks at first when one "does not work". The same
 * list as {@code GET /api/v1/terminals} (that resource builds it): every SIP2 terminal account, whether it is connected
 * now and from which address, its last message and when, its messages and refusals today and whether it was told it
 * is offline. Every staff role may open it, as every role may read the API's list.
 */
@Singleton
@Path("terminals")
@Produces(MediaType.TEXT_HTML)
public final class TerminalPages {

    /** The API's largest page: every terminal on one screen. */
    private static final int ALL = 1000;

    private final StaffApiCalls api;
    private final Pages pages;

    @Inject
    public TerminalPages(StaffApiCalls api, Pages pages) {
        this.api = api;
        this.pages = pages;
    }

    @GET
    public Response terminals(@Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        StaffApiCalls.Result<Response> r = api.call(() -> api.terminals().list(null, null, 1, ALL, StaffApiCalls.as(session)));
        List<TerminalsResource.Terminal> terminals = r.ok() ? StaffApiCalls.entities(r.value()) : List.of();
        return Forms.html(r.ok() ? 200 : r.status(), pages.render("terminals.jte",
                new TerminalsPage(pages.chrome("Kiosks", "terminals", session), terminals, r.ok() ? null : r.notice())));
    }
}
