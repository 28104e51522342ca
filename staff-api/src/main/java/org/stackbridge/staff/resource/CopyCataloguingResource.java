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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.cataloguing.CatalogueViews;
import org.stackbridge.core.catalogue.CopyCatalogue;
import org.stackbridge.core.catalogue.MarcCataloguing;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.staff.auth.Requires;
import org.stackbridge.staff.cataloguing.RecordSaving;
import org.stackbridge.staff.problem.Problem;
import org.stackbridge.staff.problem.ProblemException;

/**
 * Copy cataloguing (cataloguing permission): the configured remote targets, a search of one, one hit in full, and the
 * import of a hit with its verification report. A hit is known by the {@code ref} a search gave it, for a while.
 */
@Singleton
@Path("copy-cataloguing")
@Produces(MediaType.APPLICATION_JSON)
public final class CopyCataloguingResource {

    static final int MAX_TERM = RecordSaving.MAX_TERM;
    static final int MAX_REF = 128;

    private final EngineCalls engine;
    private final CopyCatalogue copy;
    private final RecordSaving saving;

    public record Targets(List<CopyCatalogue.Target> targets) {
    }

    public record ImportRequest(String ref, Boolean allowDuplicate) {
    }

    /** One hit in full: its description and its MARC record as fields and as text. */
    public record HitRecord(CopyCatalogue.Hit hit, MarcCataloguing.Shown marc) {
    }

    /** An imported record: the new record (with the hit it came from) and its verification report. */
    public record Imported(CopyCatalogue.Hit source, CatalogueViews.BibSaved imported) {
    }

    @Inject
    public CopyCataloguingResource(EngineCalls engine, CopyCatalogue copy, MarcCataloguing cataloguing) {
        this.engine = engine;
        this.copy = copy;
        this.saving = new RecordSaving(cataloguing);
    }

    @GET
    @Path("targets")
    @Requires(StaffPermission.CATALOGUING)
    public Targets targets() {
        return new Targets(copy.targets());
    }

    @GET
    @Path("search")
    @Requires(StaffPermission.CATALOGUING)
    public CompletionStage<CopyCatalogue.Hits> search(@QueryParam("target") String target, @QueryParam("isbn") String isbn,
                                                     @QueryParam("title") String title, @QueryParam("author") String author) {
        Fields f = new Fields();
        f.required("target", target, MAX_TERM);
        if (target != null && copy.targets().stream().noneMatch(t -> t.name().equals(target))) {
            f.error("target", "unknown target; GET /copy-cataloguing/targets lists them");
        }
        String i = term(f, "isbn", isbn);
        String t = term(f, "title", title);
        String a = term(f, "author", author);
        if (i == null && t == null && a == null) {
            f.error("isbn", "give at least one of isbn, title, author");
        }
        f.check();
        return copy.search(target, new CopyCatalogue.Query(i, t, a)).exceptionally(e -> {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof CopyCatalogue.TargetException te) {
                throw ProblemException.of(502, "target-failed", "Bad Gateway", te.getMessage());
            }
            throw e instanceof CompletionException ce ? ce : new CompletionException(e);
        });
    }

    @GET
    @Path("records/{ref}")
    @Requires(StaffPermission.CATALOGUING)
    public HitRecord record(@PathParam("ref") String ref) {
        CopyCatalogue.Fetched f = fetched(ref);
        return new HitRecord(f.hit(), f.marc());
    }

    @POST
    @Path("imports")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(StaffPermission.CATALOGUING)
    public CompletionStage<Response> importRecord(ImportRequest body, @HeaderParam(CirculationResource.IDEMPOTENCY_KEY) String key,
                                                  @Context SecurityContext security) {
        Fields.requireBody(body);
        Fields f = new Fields();
        f.required("ref", body.ref(), MAX_REF);
        f.check();
        CopyCatalogue.Fetched hit = fetched(body.ref());
        boolean allow = body.allowDuplicate() != null && body.allowDuplicate();
        return engine.outcome(RecordSaving.importOf(EngineCalls.context(security, key), hit, allow)).thenCompose(saving::indexed)
                .thenApply(o -> Response.status(Response.Status.CREATED)
                        .entity(new Imported(hit.hit(), CatalogueProblems.valueOf(o, false, null))).build());
    }

    private CopyCatalogue.Fetched fetched(String ref) {
        return copy.fetched(ref == null ? "" : ref).orElseThrow(() -> ProblemException.of(404, "unknown-hit", "Not Found",
                "No hit " + ref + ": hits are kept for a while after a search; search again."));
    }

    /** A search term: optional; {@link RecordSaving#termProblem} says what is wrong with one. */
    private static String term(Fields f, String name, String value) {
        RecordSaving.termProblem(value).ifPresent(problem -> f.error(name, problem));
        return RecordSaving.term(value);
    }

}
