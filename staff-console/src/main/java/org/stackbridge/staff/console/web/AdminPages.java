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
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.stackbridge.core.model.StaffAccount;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.core.port.TransactionRunner;
import org.stackbridge.staff.auth.Requires;
import org.stackbridge.staff.console.auth.ConsoleSession;
import org.stackbridge.staff.console.page.ConsolePages.StaffListPage;

/** Administration (accounts permission: admins only): for now, the list of staff accounts. */
@Singleton
@Path("admin")
@Produces(MediaType.TEXT_HTML)
public final class AdminPages {

    private final TransactionRunner storage;
    private final Pages pages;

    @Inject
    public AdminPages(TransactionRunner storage, Pages pages) {
        this.storage = storage;
        this.pages = pages;
    }

    @GET
    @Path("staff")
    @Requires(StaffPermission.ACCOUNTS)
    public Response staff(@Context SecurityContext security) throws InterruptedException {
        ConsoleSession session = DeskPages.session(security);
        List<StaffAccount> accounts;
        try {
            accounts = storage.read(tx -> tx.staff().all()).get(10, TimeUnit.SECONDS).stream()
                    .sorted(Comparator.comparing(StaffAccount::login)).toList();
        } catch (ExecutionException | TimeoutException e) {
            org.slf4j.LoggerFactory.getLogger(AdminPages.class).error("staff console: staff accounts could not be read", e);
            return Forms.html(503, pages.error(session, 503, "Not available", "The account store did not answer; try again."));
        }
        return Forms.html(200, pages.render("staff.jte", new StaffListPage(pages.chrome("Staff accounts", "admin", session), accounts)));
    }
}
