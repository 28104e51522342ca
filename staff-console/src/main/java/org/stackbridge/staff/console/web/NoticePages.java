package org.stackbridge.staff.console.web;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Arrays;
import java.util.List;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.core.notice.NoticeType;
import org.stackbridge.staff.auth.Requires;
import org.stackbridge.staff.console.auth.ConsoleSession;
import org.stackbridge.staff.console.page.Notice;
import org.stackbridge.staff.console.page.NoticesPage;
import org.stackbridge.staff.resource.NoticesResource;
import org.stackbridge.staff.resource.NoticesResource.NoticeView;

/**
 * {@code /console/notices}: what was sent to whom and when (the staff API's {@code GET /notices}), the latest print
 * batch as a PDF, and for admins "Run notices now" ({@code POST /notices/run}). Every answer comes from the staff
 * API's notices resource, so filters, checks and permissions are the API's.
 */
@Singleton
@Path("notices")
public final class NoticePages {

    private static final int PER_PAGE = 100;
    private static final int MAX_PARAM = 64;

    private final StaffApiCalls api;
    private final Pages pages;

    @Inject
    public NoticePages(StaffApiCalls api, Pages pages) {
        this.api = api;
        this.pages = pages;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Requires(StaffPermission.REPORTS)
    public Response list(@QueryParam("patron") String patron, @QueryParam("type") String type, @QueryParam("state") String state,
                         @Context SecurityContext security) {
        return page(DeskPages.session(security), clip(patron), clip(type), clip(state), null);
    }

    @POST
    @Path("run")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Requires(StaffPermission.NOTICES)
    public Response run(@Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        StaffApiCalls.Result<Response> r = api.now(() -> api.notices().run(StaffApiCalls.as(session)));
        if (!r.ok()) {
            return page(session, null, null, null, r.notice());
        }
        NoticesResource.RunView v = (NoticesResource.RunView) r.value().getEntity();
        Notice done = "running".equals(v.state())
                ? Notice.ok("The notices job is still running; reload this page in a minute to see what it sent.")
                : Notice.ok("Notices run: " + v.recorded() + " recorded, " + v.mailed() + " e-mailed, " + v.printed() + " printed, "
                        + v.failed() + " failed." + (v.batchId() == null ? "" : " The print batch is ready below."));
        return page(session, null, null, null, done);
    }

    /** The latest print batch (or batch {@code batch}) as a PDF, for the window envelopes. */
    @GET
    @Path("print-batch.pdf")
    @Produces({"application/pdf", MediaType.TEXT_HTML})
    @Requires(StaffPermission.REPORTS)
    public Response printBatch(@QueryParam("batch") String batch, @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        StaffApiCalls.Result<Response> r = api.now(() -> api.notices().printBatch(clip(batch)));
        if (!r.ok()) {
            return Forms.html(r.status(), pages.error(session, r.status(), "No print batch", r.notice().text()));
        }
        return Response.ok(r.value().getEntity(), "application/pdf")
                .header("Content-Disposition", r.value().getHeaderString("Content-Disposition")).build();
    }

    private Response page(ConsoleSession session, String patron, String type, String state, Notice notice) {
        StaffApiCalls.Result<Response> r = api.now(() -> api.notices().list(blankToNull(patron), blankToNull(type), blankToNull(state),
                null, null, null, "1", String.valueOf(PER_PAGE)));
        List<NoticeView> shown = r.ok() ? StaffApiCalls.entities(r.value()) : List.of();
        long total = r.ok() ? Long.parseLong(r.value().getHeaderString("X-Total-Count")) : 0;
        Notice said = notice != null ? notice : r.ok() ? null : r.notice();
        List<String> types = Arrays.stream(NoticeType.values()).map(NoticeType::label).toList();
        boolean mayRun = session.allows(StaffPermission.NOTICES);
        return Forms.html(r.ok() ? 200 : r.status(), pages.render("notices.jte", new NoticesPage(pages.chrome("Notices", "notices", session),
                shown, total, patron, type, state, types, mayRun, said)));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String clip(String s) {
        return s == null || s.length() <= MAX_PARAM ? s : s.substring(0, MAX_PARAM);
    }
}
