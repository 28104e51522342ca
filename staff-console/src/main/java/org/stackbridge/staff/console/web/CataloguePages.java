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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.core.catalogue.CatalogueQuery;
import org.stackbridge.core.catalogue.CatalogueRecord;
import org.stackbridge.core.catalogue.KeywordQuery;
import org.stackbridge.core.catalogue.SortKey;
import org.stackbridge.core.catalogue.UnsupportedSearchException;
import org.stackbridge.core.cataloguing.CatalogueCommands;
import org.stackbridge.core.cataloguing.CatalogueViews;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.staff.auth.Requires;
import org.stackbridge.staff.console.ConsoleCataloguing;
import org.stackbridge.staff.console.auth.ConsoleSession;
import org.stackbridge.staff.console.page.CataloguePageModels.CatalogueSearchPage;
import org.stackbridge.staff.console.page.CataloguePageModels.ItemForm;
import org.stackbridge.staff.console.page.CataloguePageModels.RecordPage;
import org.stackbridge.staff.console.page.Notice;

/**
 * The catalogue: a search of the index Z39.50 and SRU search ({@link KeywordQuery}: an ISBN, or words), each hit shown
 * as the engine's record with its items and their live status; a record's page; adding an item to a record
 * (cataloguing permission, the engine's {@code AddItem}, as {@code POST /api/v1/biblios/{cn}/items}).
 */
@Singleton
@Path("catalogue")
@Produces(MediaType.TEXT_HTML)
public final class CataloguePages {

    static final int PER_PAGE = 20;
    static final int MAX_PAGE = 10_000;
    /** Up to this many hits are put in title order; a larger result stays in the index's (record id) order. */
    static final int MAX_SORTED = 5_000;
    private static final int USE_TITLE = 4;
    private static final Logger LOG = LoggerFactory.getLogger(CataloguePages.class);

    private final ConsoleEngine engine;
    private final Pages pages;
    private final ConsoleCataloguing cataloguing;

    @Inject
    public CataloguePages(ConsoleEngine engine, Pages pages, ConsoleCataloguing cataloguing) {
        this.engine = engine;
        this.pages = pages;
        this.cataloguing = cataloguing;
    }

    @GET
    @Requires(StaffPermission.CIRCULATION)
    public Response search(@QueryParam("q") String q, @QueryParam("_page") String pageParam, @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        String query = q == null ? "" : q.strip();
        if (query.isEmpty()) {
            return searchPage(200, session, "", List.of(), 0, 1, null);
        }
        Optional<CatalogueQuery> parsed = KeywordQuery.of(query);
        if (parsed.isEmpty()) {
            return searchPage(400, session, "", List.of(), 0, 1, Notice.error("Search: 1 to " + KeywordQuery.MAX_LENGTH
                    + " characters, on one line."));
        }
        int page = pageNumber(pageParam);
        if (page < 1 || page > MAX_PAGE) {
            return searchPage(400, session, query, List.of(), 0, 1, Notice.error("Page: a number from 1 to " + MAX_PAGE + "."));
        }
        long[] ids;
        try {
            ids = cataloguing.index().search(parsed.get());
            if (ids.length > 1 && ids.length <= MAX_SORTED) {
                ids = cataloguing.index().sort(ids, List.of(new SortKey(USE_TITLE, false)));
            }
        } catch (UnsupportedSearchException e) {
            return searchPage(400, session, query, List.of(), 0, 1, Notice.error("Search: " + e.getMessage() + "."));
        } catch (RuntimeException e) {
            LOG.error("staff console: catalogue search failed", e);
            return searchPage(503, session, query, List.of(), 0, 1, Notice.error("The catalogue index did not answer; try again."));
        }
        long[] shown = Arrays.copyOfRange(ids, Math.min(ids.length, (page - 1) * PER_PAGE), Math.min(ids.length, page * PER_PAGE));
        RequestContext ctx = engine.context(session);
        List<CatalogueViews.BibDetail> hits = new ArrayList<>();
        for (long id : shown) {
            Optional<String> cn = cataloguing.index().record(id).map(CatalogueRecord::controlNumber);
            if (cn.isPresent() && engine.run(new CatalogueCommands.LookupBib(ctx, cn.get())) instanceof Outcome.Success<CatalogueViews.BibDetail> s) {
                hits.add(s.result());
            }
        }
        return searchPage(200, session, query, hits, ids.length, page, null);
    }

    @GET
    @Path("records/{control_number}")
    @Requires(StaffPermission.CIRCULATION)
    public Response record(@PathParam("control_number") String controlNumber, @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        return recordPage(200, session, controlNumber, ItemForm.empty(session.staff().library()), null);
    }

    @POST
    @Path("records/{control_number}/items")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Requires(StaffPermission.CATALOGUING)
    public Response addItem(@PathParam("control_number") String controlNumber, @FormParam("barcode") String barcode,
                            @FormParam("library") String library, @FormParam("item_type") String itemType,
                            @FormParam("location") String location, @FormParam("call_number") String callNumber,
                            @FormParam("price") String price, @FormParam("request_key") String key, @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        ItemForm form = new ItemForm(nz(barcode), nz(library), nz(itemType), nz(location), nz(callNumber), nz(price));
        RequestContext ctx = engine.context(session, key);
        if (ctx == null) {
            return recordPage(400, session, controlNumber, form, Notice.error("The form is damaged; reload the page."));
        }
        String error = null;
        String b = Forms.barcode(barcode);
        String lib = Forms.barcode(library);
        String type = Forms.barcode(itemType);
        Money amount = Forms.money(price, cataloguing.currency());
        if (b == null) {
            error = "Item barcode: scan or type 1 to " + Forms.MAX_BARCODE + " characters.";
        } else if (lib == null) {
            error = "Library: its code, e.g. MAIN.";
        } else if (type == null) {
            error = "Item type: its code, e.g. BOOK.";
        } else if (Forms.badText(location) || Forms.badText(callNumber)) {
            error = "Location and call number: at most " + Forms.MAX_TEXT + " characters, on one line.";
        } else if (Forms.optionalText(price) != null && amount == null) {
            error = "Price: an amount such as 12.50, in " + cataloguing.currency().getCurrencyCode() + ".";
        }
        if (error != null) {
            return recordPage(400, session, controlNumber, form, Notice.error(error));
        }
        Outcome<Views.ItemInfo> out = engine.run(new CatalogueCommands.AddItem(ctx, controlNumber.strip(), b, lib,
                Forms.optionalText(location), Forms.optionalText(callNumber), type, amount));
        if (out instanceof Outcome.Refused<Views.ItemInfo> r) {
            return recordPage(ItemPages.status(r.reason()), session, controlNumber, form,
                    Notice.refused(r.reason(), "Item not added: " + r.message()));
        }
        return recordPage(201, session, controlNumber, ItemForm.empty(lib), Notice.ok("Added item " + out.value().barcode() + " at "
                + out.value().homeLibrary() + "."));
    }

    /** The record page, looking the record up afresh so its items show what the engine now holds. */
    private Response recordPage(int status, ConsoleSession session, String controlNumber, ItemForm form, Notice notice) {
        String cn = controlNumber == null ? "" : controlNumber.strip();
        if (cn.isEmpty() || cn.length() > 64) {
            return Forms.html(404, pages.error(session, 404, "No such record", "A record's control number has 1 to 64 characters."));
        }
        Outcome<CatalogueViews.BibDetail> found = engine.run(new CatalogueCommands.LookupBib(engine.context(session), cn));
        if (found instanceof Outcome.Refused<CatalogueViews.BibDetail> r) {
            int s = ItemPages.status(r.reason());
            return Forms.html(s, pages.error(session, s, s == 404 ? "No such record" : "Not available",
                    r.reason() == RefusalReason.UNKNOWN_BIB ? "No record with control number " + cn + "." : r.message()));
        }
        CatalogueViews.BibDetail d = found.value();
        return Forms.html(status, pages.render("record.jte", new RecordPage(pages.chrome(d.biblio().title(), "catalogue", session),
                Forms.newRequestKey(), d, form, notice)));
    }

    private Response searchPage(int status, ConsoleSession session, String query, List<CatalogueViews.BibDetail> hits, int total, int page,
                                Notice notice) {
        return Forms.html(status, pages.render("catalogue.jte", new CatalogueSearchPage(pages.chrome("Catalogue", "catalogue", session), query,
                hits, total, page, PER_PAGE, notice)));
    }

    private static int pageNumber(String value) {
        if (value == null || value.isBlank()) {
            return 1;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s.strip();
    }
}
