package org.stackbridge.staff.resource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.core.notice.NoticeState;
import org.stackbridge.core.notice.NoticeType;
import org.stackbridge.core.port.NoticeRuns;
import org.stackbridge.core.port.Notices;
import org.stackbridge.staff.StaffServices;
import org.stackbridge.staff.auth.Requires;
import org.stackbridge.staff.auth.StaffSession;
import org.stackbridge.staff.problem.ProblemException;

/**
 * {@code GET /notices} (filters {@code patron}, {@code type}, {@code state}, {@code channel}, {@code from}, {@code to};
 * {@code _page}, {@code _per_page}): what was sent to whom and when. {@code POST /notices/run} (admin): run the job
 * now; it answers when the run ends (within 30 s; else 202 and the run goes on). A run is idempotent by itself (each
 * notice is recorded once and sent once), so a retried POST never sends anything twice. {@code GET
 * /notices/print-batch.pdf[?batch=ID]}: a print batch, the latest by default.
 */
@Singleton
@Path("notices")
public final class NoticesResource {

    private static final int MAX_PER_PAGE = 1000;
    private final NoticeRuns notices;

    @Inject
    public NoticesResource(StaffServices services) {
        this.notices = services.notices();
    }

    /** One notice as the API shows it. */
    public record NoticeView(long id, String type, String state, String channel, String patronBarcode, String recipient,
                             String library, String subject, String messageId, int attempts, Instant createdAt,
                             Instant nextAttemptAt, Instant sentAt, String lastError, Long batchId) {
    }

    public record RunView(String state, boolean ran, String holder, int recorded, int mailed, int failed, int printed, Long batchId) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Requires(StaffPermission.REPORTS)
    public Response list(@QueryParam("patron") String patron, @QueryParam("type") String type, @QueryParam("state") String state,
                         @QueryParam("channel") String channel, @QueryParam("from") String from, @QueryParam("to") String to,
                         @QueryParam("_page") String page, @QueryParam("_per_page") String perPage) {
        NoticeRuns job = job();
        Fields f = new Fields();
        NoticeType t = type == null || type.isBlank() ? null : NoticeType.parse(type).orElseGet(() -> {
            f.error("type", "unknown notice type; one of " + java.util.Arrays.stream(NoticeType.values()).map(NoticeType::label).toList());
            return null;
        });
        NoticeState s = state == null || state.isBlank() ? null : parse(NoticeState.class, state, "state", "pending, sent or failed", f);
        org.stackbridge.core.notice.NoticeChannel c = channel == null || channel.isBlank() ? null
                : parse(org.stackbridge.core.notice.NoticeChannel.class, channel, "channel", "email or print", f);
        Instant fromAt = day(from, "from", f);
        Instant toAt = day(to, "to", f);
        if (fromAt != null && toAt != null && toAt.isBefore(fromAt)) {
            f.error("to", "is before from");
        }
        f.check();
        int p = ImportsResource.positive("_page", page, 1, 1_000_000);
        int per = ImportsResource.positive("_per_page", perPage, 20, MAX_PER_PAGE);
        Notices.Page result = job.list(new Notices.Filter(patron == null || patron.isBlank() ? null : patron.strip(), t, s, c, fromAt,
                toAt == null ? null : toAt.plusSeconds(86_400)), (p - 1) * per, per);
        List<NoticeView> views = result.notices().stream().map(NoticesResource::view).toList();
        return Response.ok(views).header("X-Total-Count", result.total()).build();
    }

    @POST
    @Path("run")
    @Produces(MediaType.APPLICATION_JSON)
    @Requires(StaffPermission.NOTICES)
    public Response run(@Context SecurityContext security) {
        StaffSession session = (StaffSession) security.getUserPrincipal();
        var stage = job().run(session.login()).toCompletableFuture();
        try {
            NoticeRuns.RunResult r = stage.get(30, TimeUnit.SECONDS);
            if (!r.ran()) {
                throw ProblemException.of(409, "notices-running-elsewhere", "Conflict",
                        "Not run: gateway node " + r.holder() + " holds the notices job now; try again when it is done");
            }
            return Response.ok(new RunView("done", true, r.holder(), r.recorded(), r.mailed(), r.failed(), r.printed(), r.batchId())).build();
        } catch (TimeoutException e) {
            return Response.status(202).entity(new RunView("running", true, null, 0, 0, 0, 0, null)).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.of(503, "interrupted", "Service Unavailable", "The gateway is stopping");
        } catch (ExecutionException e) {
            throw ProblemException.of(503, "notices-failed", "Service Unavailable", "The notices run failed; nothing recorded was lost");
        }
    }

    @GET
    @Path("print-batch.pdf")
    @Produces("application/pdf")
    @Requires(StaffPermission.REPORTS)
    public Response printBatch(@QueryParam("batch") String batch) {
        Long id = batch == null || batch.isBlank() ? null : (long) ImportsResource.positive("batch", batch, 1, Integer.MAX_VALUE);
        Notices.PrintBatch b = job().printBatch(id).orElseThrow(() -> ProblemException.of(404, "unknown-print-batch", "Not Found",
                id == null ? "No print batch yet" : "No print batch " + id));
        return Response.ok(b.pdf(), "application/pdf")
                .header("Content-Disposition", "inline; filename=\"notices-" + b.id() + ".pdf\"")
                .header("X-Notices", b.notices()).build();
    }

    private NoticeRuns job() {
        if (notices == null) {
            throw ProblemException.of(503, "no-notices", "Service Unavailable", "This endpoint has no notices job");
        }
        return notices;
    }

    private static NoticeView view(Notices.NoticeRecord n) {
        return new NoticeView(n.id(), n.type().label(), lower(n.state()), lower(n.channel()), n.patronBarcode(), n.recipient(),
                n.library(), n.subject(), n.messageId(), n.attempts(), n.createdAt(),
                n.state() == NoticeState.PENDING ? n.nextAttemptAt() : null, n.sentAt(), n.lastError(), n.batchId());
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field, String allowed, Fields f) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            f.error(field, "must be " + allowed);
            return null;
        }
    }

    private static Instant day(String value, String field, Fields f) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            f.error(field, "must be a date YYYY-MM-DD");
            return null;
        }
    }
}
