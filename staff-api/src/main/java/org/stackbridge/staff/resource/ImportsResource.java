package org.stackbridge.staff.resource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.core.port.ImportJobs;
import org.stackbridge.staff.auth.Requires;
import org.stackbridge.staff.problem.Problem;
import org.stackbridge.staff.problem.ProblemException;
import org.stackbridge.staff.server.StaffImports;

/**
 * Import jobs: {@code POST /imports?type=patrons|items} with a {@code text/csv} body, or {@code type=biblios} with
 * {@code application/marc} (ISO 2709) or MARCXML, answers 202 with the job and its {@code Location}; {@code GET
 * /imports/{id}} follows it (state, progress, counts, each rejected line with its reason); {@code GET /imports} lists
 * recent jobs. The job runs on the gateway's import pool; its changes are logged in the staff member's name. An
 * {@code Idempotency-Key} makes a retried POST answer the job the first one made.
 */
@Singleton
@Path("imports")
@Produces(MediaType.APPLICATION_JSON)
public final class ImportsResource {

    static final Set<String> CSV = Set.of("text/csv");
    static final Set<String> MARC = Set.of("application/marc", "application/marcxml+xml", "application/xml", "text/xml");
    static final int MAX_PER_PAGE = 100;
    static final int MAX_SOURCE = 255;

    private final StaffImports imports;

    @Inject
    public ImportsResource(StaffImports imports) {
        this.imports = imports;
    }

    /** A job as the API shows it. */
    public record JobView(String id, String type, String state, String submittedBy, String source, Instant submittedAt,
                          Instant startedAt, Instant finishedAt, Progress progress, Counts counts, List<ImportJobs.Rejection> rejections,
                          boolean rejectionsTruncated, List<String> warnings, String error, String location) {
    }

    /** Lines (or records) read so far, and how many of them were taken and rejected. */
    public record Progress(long read, long accepted, long rejected) {
    }

    public record Counts(long added, long updated, long unchanged, long rejected) {
    }

    public record JobList(List<JobView> jobs, int page, int perPage) {
    }

    static JobView view(ImportJobs.Job j) {
        return new JobView(j.id(), j.kind().label(), j.state().name().toLowerCase(Locale.ROOT), j.actor(), j.source(), j.submittedAt(),
                j.startedAt(), j.finishedAt(), new Progress(j.read(), j.accepted(), j.rejected()),
                new Counts(j.added(), j.updated(), j.unchanged(), j.rejected()), j.rejections(), j.rejected() > j.rejections().size(),
                j.warnings(), j.error(), location(j.id()));
    }

    static String location(String id) {
        return "/api/v1/imports/" + id;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Requires(StaffPermission.IMPORTS)
    public Response submit(@QueryParam("type") String type, @QueryParam("source") String source,
                           @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @HeaderParam(CirculationResource.IDEMPOTENCY_KEY) String key,
                           InputStream body, @Context SecurityContext security) {
        ImportJobs jobs = imports.jobs();
        Fields f = new Fields();
        ImportJobs.Kind kind = null;
        if (type == null || type.isBlank()) {
            f.error("type", "required: patrons, items or biblios");
        } else {
            kind = ImportJobs.Kind.parse(type).orElse(null);
            if (kind == null) {
                f.error("type", "must be one of patrons, items, biblios");
            }
        }
        if (source != null && (source.length() > MAX_SOURCE || source.chars().anyMatch(Character::isISOControl))) {
            f.error("source", "must be at most " + MAX_SOURCE + " characters without control characters");
        }
        f.check();
        String media = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        Set<String> accepted = kind == ImportJobs.Kind.BIBLIOS ? MARC : CSV;
        if (!accepted.contains(media)) {
            throw ProblemException.of(415, "unsupported-media-type", "Unsupported Media Type",
                    "Content-Type: an import of " + kind.label() + " takes " + String.join(" or ", accepted.stream().sorted().toList())
                            + ", not " + (media.isEmpty() ? "nothing" : media));
        }
        RequestContext who = EngineCalls.context(security, key);
        ImportJobs.Job job;
        try {
            job = jobs.submit(kind, who, source, body);
        } catch (ImportJobs.Refused e) {
            throw e.tooLarge() ? ProblemException.of(413, "too-large", "Content Too Large", e.getMessage())
                    : ProblemException.of(503, "import-queue-full", "Service Unavailable", e.getMessage());
        }
        return Response.status(Response.Status.ACCEPTED).location(URI.create(location(job.id()))).entity(view(job)).build();
    }

    @GET
    @Path("{id}")
    @Requires(StaffPermission.IMPORTS)
    public JobView job(@PathParam("id") String id) {
        return imports.jobs().find(id).map(ImportsResource::view)
                .orElseThrow(() -> ProblemException.of(404, "unknown-import", "Not Found", "No import job " + id
                        + " (jobs are kept in memory: the last ones since the gateway started)"));
    }

    @GET
    @Requires(StaffPermission.IMPORTS)
    public JobList jobs(@QueryParam("_page") String page, @QueryParam("_per_page") String perPage) {
        int p = positive("_page", page, 1, Integer.MAX_VALUE / MAX_PER_PAGE);
        int n = positive("_per_page", perPage, 20, MAX_PER_PAGE);
        return new JobList(imports.jobs().recent((p - 1) * n, n).stream().map(ImportsResource::view).toList(), p, n);
    }

    /** A whole number from 1 to {@code max} ({@code dflt} when absent), else a 400 naming the parameter. */
    static int positive(String name, String value, int dflt, int max) {
        if (value == null || value.isBlank()) {
            return dflt;
        }
        try {
            int v = Integer.parseInt(value.strip());
            if (v >= 1 && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.invalid(List.of(new Problem.FieldError(name, "must be a whole number from 1 to " + max)));
    }
}
