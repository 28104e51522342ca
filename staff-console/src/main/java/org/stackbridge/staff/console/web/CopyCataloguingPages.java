package org.stackbridge.staff.console.web;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
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
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.core.catalogue.CopyCatalogue;
import org.stackbridge.core.cataloguing.CatalogueViews;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.policy.RecordVerification;
import org.stackbridge.staff.auth.Requires;
import org.stackbridge.staff.cataloguing.RecordSaving;
import org.stackbridge.staff.console.ConsoleCataloguing;
import org.stackbridge.staff.console.auth.ConsoleSession;
import org.stackbridge.staff.console.page.CataloguePageModels;
import org.stackbridge.staff.console.page.CataloguePageModels.CopyComparePage;
import org.stackbridge.staff.console.page.CataloguePageModels.CopyHitPage;
import org.stackbridge.staff.console.page.CataloguePageModels.CopySearchPage;
import org.stackbridge.staff.console.page.CataloguePageModels.ImportPage;
import org.stackbridge.staff.console.page.CataloguePageModels.ItemForm;
import org.stackbridge.staff.console.page.Notice;

/**
 * Copy cataloguing (cataloguing permission): search a configured Z39.50 or SRU target by ISBN, title or author; the
 * hits with title, author, publisher, date and edition; one hit in full; two side by side; import one, with the
 * verification report (check digits, required fields, duplicates), through the staff API's {@link RecordSaving}
 * (the engine adds it, then it is indexed before the page answers); then add items to it on its record page.
 */
@Singleton
@Path("copycat")
@Produces(MediaType.TEXT_HTML)
public final class CopyCataloguingPages {

    private static final long SEARCH_TIMEOUT_SECONDS = 60;
    private static final Logger LOG = LoggerFactory.getLogger(CopyCataloguingPages.class);

    private final ConsoleEngine engine;
    private final Pages pages;
    private final ConsoleCataloguing cataloguing;
    private final RecordSaving saving;

    @Inject
    public CopyCataloguingPages(ConsoleEngine engine, Pages pages, ConsoleCataloguing cataloguing) {
        this.engine = engine;
        this.pages = pages;
        this.cataloguing = cataloguing;
        this.saving = new RecordSaving(cataloguing.cataloguing());
    }

    @GET
    @Requires(StaffPermission.CATALOGUING)
    public Response search(@QueryParam("target") String target, @QueryParam("isbn") String isbn, @QueryParam("title") String title,
                           @QueryParam("author") String author, @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        List<String> targets = cataloguing.targetNames();
        String i = RecordSaving.term(isbn);
        String t = RecordSaving.term(title);
        String a = RecordSaving.term(author);
        String chosen = target == null || target.isBlank() ? (targets.isEmpty() ? "" : targets.get(0)) : target.strip();
        if (target == null && i == null && t == null && a == null) {
            Notice none = targets.isEmpty() ? Notice.alert("No copy-cataloguing target is configured (federation.targets).") : null;
            return searchPage(200, session, chosen, i, t, a, null, none);
        }
        if (!targets.contains(chosen)) {
            return searchPage(400, session, chosen, i, t, a, null, Notice.error("Target: choose one of the configured targets."));
        }
        Optional<String> bad = field("ISBN", isbn).or(() -> field("Title", title)).or(() -> field("Author", author));
        if (bad.isPresent()) {
            return searchPage(400, session, chosen, i, t, a, null, Notice.error(bad.get()));
        }
        if (i == null && t == null && a == null) {
            return searchPage(400, session, chosen, i, t, a, null, Notice.error("Give an ISBN, a title or an author."));
        }
        CopyCatalogue.Hits hits;
        try {
            hits = cataloguing.copyCatalogue().search(chosen, new CopyCatalogue.Query(i, t, a)).toCompletableFuture()
                    .get(SEARCH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return searchPage(503, session, chosen, i, t, a, null, Notice.error("The search was interrupted; try again."));
        } catch (ExecutionException | TimeoutException | CompletionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String why = cause instanceof CopyCatalogue.TargetException te ? te.getMessage() : "it did not answer in time";
            if (!(cause instanceof CopyCatalogue.TargetException)) {
                LOG.warn("staff console: copy-cataloguing search of {} failed", chosen, e);
            }
            return searchPage(502, session, chosen, i, t, a, null, Notice.error("The target " + chosen + " failed: " + why + "."));
        }
        Notice notice = hits.hits().isEmpty() ? Notice.alert("No hits at " + chosen + ".") : null;
        return searchPage(200, session, chosen, i, t, a, hits, notice);
    }

    @GET
    @Path("records/{ref}")
    @Requires(StaffPermission.CATALOGUING)
    public Response hit(@PathParam("ref") String ref, @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        Optional<CopyCatalogue.Fetched> f = fetched(ref);
        if (f.isEmpty()) {
            return unknownHit(session, ref);
        }
        return Forms.html(200, pages.render("copycatHit.jte", new CopyHitPage(pages.chrome("Hit: " + f.get().hit().title(), "copycat", session),
                Forms.newRequestKey(), f.get())));
    }

    @GET
    @Path("compare")
    @Requires(StaffPermission.CATALOGUING)
    public Response compare(@QueryParam("ref") List<String> refs, @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        if (refs == null || refs.size() != 2) {
            return Forms.html(400, pages.error(session, 400, "Choose two hits", "Tick exactly two hits of the list to compare them."));
        }
        Optional<CopyCatalogue.Fetched> left = fetched(refs.get(0));
        Optional<CopyCatalogue.Fetched> right = fetched(refs.get(1));
        if (left.isEmpty() || right.isEmpty()) {
            return unknownHit(session, left.isEmpty() ? refs.get(0) : refs.get(1));
        }
        return Forms.html(200, pages.render("copycatCompare.jte", new CopyComparePage(pages.chrome("Compare hits", "copycat", session),
                Forms.newRequestKey(), left.get(), right.get(), CataloguePageModels.compare(left.get(), right.get()))));
    }

    @POST
    @Path("imports")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Requires(StaffPermission.CATALOGUING)
    public Response importHit(@FormParam("ref") String ref, @FormParam("allow_duplicate") String allowDuplicate,
                              @FormParam("request_key") String key, @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        RequestContext ctx = engine.context(session, key);
        if (ctx == null) {
            return Forms.html(400, pages.error(session, 400, "Form damaged", "The form is damaged; reload the page."));
        }
        Optional<CopyCatalogue.Fetched> f = fetched(ref);
        if (f.isEmpty()) {
            return unknownHit(session, ref);
        }
        boolean allow = "true".equals(allowDuplicate);
        Outcome<CatalogueViews.BibSaved> out = engine.run(RecordSaving.importOf(ctx, f.get(), allow));
        try {
            out = saving.indexed(out).toCompletableFuture().get(SEARCH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the record is saved; only the index lags (the catalogue sync catches up)
            LOG.warn("staff console: imported record not yet indexed", e);
        }
        String library = session.staff().library();
        if (out instanceof Outcome.Refused<CatalogueViews.BibSaved> r) {
            RecordVerification.Report report = r.context() instanceof RecordVerification.Report rep ? rep : null;
            return importPage(ItemPages.status(r.reason()), session, f.get().hit(), null, report, ItemForm.empty(library),
                    Notice.refused(r.reason(), "Not imported: " + r.message()));
        }
        CatalogueViews.BibSaved saved = out.value();
        String dup = saved.verification().duplicates().isEmpty() ? "" : " Duplicates allowed: " + saved.verification().duplicates().size() + ".";
        return importPage(201, session, f.get().hit(), saved.record(), saved.verification(), ItemForm.empty(library),
                Notice.ok("Imported as record " + saved.record().biblio().controlNumber() + "." + dup));
    }

    private Response importPage(int status, ConsoleSession session, CopyCatalogue.Hit source, CatalogueViews.BibDetail record,
                                RecordVerification.Report report, ItemForm form, Notice notice) {
        return Forms.html(status, pages.render("copycatImport.jte", new ImportPage(pages.chrome("Import: " + source.title(), "copycat", session),
                Forms.newRequestKey(), source, record, CataloguePageModels.checks(report), report, form, notice)));
    }

    private Response searchPage(int status, ConsoleSession session, String target, String isbn, String title, String author,
                                CopyCatalogue.Hits hits, Notice notice) {
        return Forms.html(status, pages.render("copycat.jte", new CopySearchPage(pages.chrome("Copy cataloguing", "copycat", session),
                cataloguing.targetNames(), target, nz(isbn), nz(title), nz(author), hits, notice)));
    }

    private Response unknownHit(ConsoleSession session, String ref) {
        return Forms.html(404, pages.error(session, 404, "Hit not found", "No hit " + (ref == null ? "" : ref)
                + ": hits are kept for a while after a search; search again."));
    }

    private Optional<CopyCatalogue.Fetched> fetched(String ref) {
        if (ref == null || ref.isBlank() || ref.length() > 128) {
            return Optional.empty();
        }
        return cataloguing.copyCatalogue().fetched(ref.strip());
    }

    private static Optional<String> field(String label, String value) {
        return RecordSaving.termProblem(value).map(problem -> label + ": " + problem + ".");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
