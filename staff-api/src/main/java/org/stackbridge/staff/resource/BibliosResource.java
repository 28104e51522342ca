package org.stackbridge.staff.resource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.cataloguing.CatalogueCommands;
import org.stackbridge.core.cataloguing.CatalogueViews;
import org.stackbridge.core.catalogue.MarcCataloguing;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.staff.auth.Requires;
import org.stackbridge.staff.cataloguing.RecordSaving;
import org.stackbridge.staff.problem.Problem;
import org.stackbridge.staff.problem.ProblemException;

/**
 * Bibliographic records (Koha's {@code /biblios}): a record with its items, adding and overlaying a record from MARC
 * (ISO 2709 as {@code application/marc}, or {@code application/marcxml+xml}), and adding an item to a record. A record
 * added or overlaid is answered once the catalogue index finds it, so Z39.50 and SRU searches see it at once.
 */
@Singleton
@Path("biblios")
@Produces(MediaType.APPLICATION_JSON)
public final class BibliosResource {

    public static final String MARC = "application/marc";
    public static final String MARCXML = "application/marcxml+xml";
    static final int MAX_CONTROL_NUMBER = 64;
    static final int MAX_TEXT = 255;

    private final EngineCalls engine;
    private final MarcCataloguing cataloguing;
    private final RecordSaving saving;

    /** The body of {@code POST /biblios/{control_number}/items}. */
    public record NewItem(String barcode, String library, String location, String callNumber, String itemType, Amounts.MoneyBody price) {
    }

    @Inject
    public BibliosResource(EngineCalls engine, MarcCataloguing cataloguing) {
        this.engine = engine;
        this.cataloguing = cataloguing;
        this.saving = new RecordSaving(cataloguing);
    }

    @GET
    @Path("{control_number}")
    @Requires(StaffPermission.CIRCULATION)
    public CompletionStage<CatalogueViews.BibDetail> record(@PathParam("control_number") String controlNumber,
                                                           @Context SecurityContext security) {
        return engine.run(new CatalogueCommands.LookupBib(EngineCalls.context(security, null), controlNumber(controlNumber)), d -> d);
    }

    @POST
    @Consumes({MARC, MARCXML})
    @Requires(StaffPermission.CATALOGUING)
    public CompletionStage<Response> add(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
                                         @QueryParam("allow_duplicate") String allowDuplicate,
                                         @HeaderParam(CirculationResource.IDEMPOTENCY_KEY) String key, @Context SecurityContext security) {
        BibRecord bib = read(body, type, null);
        boolean allow = flag("allow_duplicate", allowDuplicate);
        return saved(new CatalogueCommands.AddBib(EngineCalls.context(security, key), bib, allow), true);
    }

    /** Overlay: the record is replaced (its 001 kept), its items stay. */
    @PUT
    @Path("{control_number}")
    @Consumes({MARC, MARCXML})
    @Requires(StaffPermission.CATALOGUING)
    public CompletionStage<Response> overlay(@PathParam("control_number") String controlNumber, byte[] body,
                                             @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
                                             @QueryParam("allow_duplicate") String allowDuplicate,
                                             @Context SecurityContext security) {
        String cn = controlNumber(controlNumber);
        BibRecord bib = read(body, type, cn);
        boolean allow = flag("allow_duplicate", allowDuplicate);
        return saved(new CatalogueCommands.OverlayBib(EngineCalls.context(security, null), cn, bib, allow), false);
    }

    @POST
    @Path("{control_number}/items")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(StaffPermission.CATALOGUING)
    public CompletionStage<Response> addItem(@PathParam("control_number") String controlNumber, NewItem body,
                                             @HeaderParam(CirculationResource.IDEMPOTENCY_KEY) String key, @Context SecurityContext security) {
        String cn = controlNumber(controlNumber);
        Fields.requireBody(body);
        Fields f = new Fields();
        String barcode = f.barcode("barcode", body.barcode());
        String library = f.barcode("library", body.library());
        String itemType = f.barcode("item_type", body.itemType());
        String location = body.location() == null ? null : f.required("location", body.location(), MAX_TEXT);
        String callNumber = body.callNumber() == null ? null : f.required("call_number", body.callNumber(), MAX_TEXT);
        Money price = Amounts.money(f, "price", body.price());
        f.check();
        return engine.outcome(new CatalogueCommands.AddItem(EngineCalls.context(security, key), cn, barcode, library, location, callNumber,
                itemType, price)).thenApply(o -> {
                    Views.ItemInfo item = CatalogueProblems.valueOf(o, false, "library");
                    return Response.status(Response.Status.CREATED).entity(item).build();
                });
    }

    private CompletionStage<Response> saved(org.stackbridge.core.command.Command<CatalogueViews.BibSaved> command, boolean created) {
        return engine.outcome(command).thenCompose(saving::indexed).thenApply(o -> Response
                .status(created ? Response.Status.CREATED : Response.Status.OK).entity(CatalogueProblems.valueOf(o, true, null)).build());
    }

    private BibRecord read(byte[] body, String type, String controlNumber) {
        if (body == null || body.length == 0) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("(body)", "a MARC record is required")));
        }
        MarcCataloguing.Syntax syntax = type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith(MARCXML)
                ? MarcCataloguing.Syntax.MARCXML : MarcCataloguing.Syntax.ISO2709;
        try {
            return cataloguing.read(body, syntax, controlNumber);
        } catch (MarcCataloguing.UnreadableRecordException e) {
            throw ProblemException.invalid(List.of(new Problem.FieldError("(body)", e.getMessage())));
        }
    }

    /** A control number from the path: 1-64 visible characters. */
    static String controlNumber(String value) {
        Fields f = new Fields();
        String cn = f.required("control_number", value == null ? null : value.strip(), MAX_CONTROL_NUMBER);
        f.check();
        return cn;
    }

    /** A boolean query parameter: absent or {@code false} is false, {@code true} true, anything else a 400. */
    static boolean flag(String name, String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ProblemException.invalid(List.of(new Problem.FieldError(name, "must be true or false")));
    }
}
