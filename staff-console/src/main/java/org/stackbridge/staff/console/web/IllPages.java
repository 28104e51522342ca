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
import java.util.List;
import java.util.Locale;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.ill.IllCommands;
import org.stackbridge.core.ill.IllRef;
import org.stackbridge.core.ill.IllTransitions;
import org.stackbridge.core.ill.IllViews;
import org.stackbridge.core.model.IllRole;
import org.stackbridge.core.model.IllState;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.Page;
import org.stackbridge.staff.auth.Requires;
import org.stackbridge.staff.console.auth.ConsoleSession;
import org.stackbridge.staff.console.page.FeesHoldsIllPages.IllBorrowingForm;
import org.stackbridge.staff.console.page.FeesHoldsIllPages.IllFilter;
import org.stackbridge.staff.console.page.FeesHoldsIllPages.IllNewPage;
import org.stackbridge.staff.console.page.FeesHoldsIllPages.IllQueuePage;
import org.stackbridge.staff.console.page.FeesHoldsIllPages.IllRequestPage;
import org.stackbridge.staff.console.page.Notice;
import org.stackbridge.staff.problem.Problem;
import org.stackbridge.staff.resource.FormInput;
import org.stackbridge.staff.resource.IllPartners;

/**
 * Interlibrary loan ({@code /console/ill}, ILL permission: librarians and admins): the queue filtered by state,
 * partner and direction, a request found by the partner's request id, a request's timeline (its transitions from the
 * event log) with the states the ILL table lets staff move it to, advancing it, and starting a borrowing request for a
 * patron to a configured NCIP partner. The same engine commands as the staff API's {@code /ill/requests}.
 */
@Singleton
@Path("ill")
@Produces(MediaType.TEXT_HTML)
public final class IllPages {

    static final int PER_PAGE = 50;

    private final ConsoleEngine engine;
    private final Pages pages;
    private final IllPartners partners;

    @Inject
    public IllPages(ConsoleEngine engine, Pages pages, IllPartners partners) {
        this.engine = engine;
        this.pages = pages;
        this.partners = partners;
    }

    @GET
    @Requires(StaffPermission.ILL)
    public Response queue(@QueryParam("state") String state, @QueryParam("partner") String partner, @QueryParam("direction") String direction,
                          @QueryParam("partner_request_id") String partnerRequestId, @QueryParam("_page") String page,
                          @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        IllFilter filter = new IllFilter(text(state), text(partner), text(direction), text(partnerRequestId));
        List<Problem.FieldError> errors = new ArrayList<>();
        IllState s = parse(IllState.class, "state", filter.state(), errors);
        IllRole role = parse(IllRole.class, "direction", filter.direction(), errors);
        String agency = code("partner", filter.partner(), errors);
        String external = code("partner_request_id", filter.partnerRequestId(), errors);
        Long pageNo = page == null || page.isBlank() ? Long.valueOf(1) : FeePages.id(page);
        if (pageNo == null || pageNo > 100_000) {
            errors.add(new Problem.FieldError("_page", "must be a whole number from 1"));
        }
        if (!errors.isEmpty()) {
            return queue(400, session, filter, null, FormNotices.invalid(errors));
        }
        Outcome<Page<IllViews.IllRequestView>> out = engine.run(new IllCommands.SearchRequests(engine.context(session), role, s, agency,
                external, null, pageNo.intValue(), PER_PAGE));
        if (out instanceof Outcome.Refused<Page<IllViews.IllRequestView>> r) {
            return queue(FormNotices.status(r.reason()), session, filter, null, Notice.refused(r.reason(), r.message()));
        }
        Notice none = out.value().total() == 0 && external != null ? Notice.error("No ILL request with the partner's request id " + external
                + (agency == null ? "" : " from " + agency) + ".") : null;
        return queue(none == null ? 200 : 404, session, filter, out.value(), none);
    }

    @GET
    @Path("{id: [0-9]+}")
    @Requires(StaffPermission.ILL)
    public Response request(@PathParam("id") String id, @Context SecurityContext security) {
        return request(200, DeskPages.session(security), FeePages.id(id), null);
    }

    @POST
    @Path("{id: [0-9]+}/transitions")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Requires(StaffPermission.ILL)
    public Response advance(@PathParam("id") String id, @FormParam("to") String to, @FormParam("note") String note,
                            @FormParam("request_key") String key, @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        Long requestId = FeePages.id(id);
        RequestContext ctx = engine.context(session, key);
        if (requestId == null || ctx == null) {
            return request(400, session, requestId, Notice.error(FormNotices.DAMAGED));
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        IllState target = parse(IllState.class, "to", text(to), errors);
        if (target == null && errors.isEmpty()) {
            errors.add(new Problem.FieldError("to", "required"));
        }
        FormInput in = new FormInput();
        String text = in.optional("note", note, FormInput.MAX_ILL_NOTE);
        errors.addAll(in.errors());
        if (!errors.isEmpty()) {
            return request(400, session, requestId, FormNotices.invalid(errors));
        }
        Outcome<IllViews.IllRequestView> out = engine.run(new IllCommands.Advance(ctx, IllRef.byId(requestId), target, text));
        if (out instanceof Outcome.Refused<IllViews.IllRequestView> r) {
            return request(FormNotices.status(r.reason()), session, requestId, Notice.refused(r.reason(), "Not moved. " + r.message()));
        }
        return request(200, session, requestId, Notice.ok("ILL request " + requestId + " is now " + out.value().state() + "."));
    }

    @GET
    @Path("new")
    @Requires(StaffPermission.ILL)
    public Response newRequest(@QueryParam("patron") String patron, @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        String p = patron == null ? "" : patron.strip();
        return Forms.html(200, pages.render("illNew.jte", new IllNewPage(pages.chrome("New ILL request", "ill", session), Forms.newRequestKey(),
                List.copyOf(partners.agencies()), IllBorrowingForm.forPatron(p.length() > Forms.MAX_BARCODE ? "" : p),
                partners.agencies().isEmpty() ? Notice.error("No NCIP partner agency is configured (ncip.agencies).") : null)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Requires(StaffPermission.ILL)
    public Response borrow(@FormParam("patron") String patron, @FormParam("partner") String partner, @FormParam("biblio") String biblio,
                           @FormParam("title") String title, @FormParam("author") String author, @FormParam("isbn") String isbn,
                           @FormParam("note") String note, @FormParam("request_key") String key, @Context SecurityContext security) {
        ConsoleSession session = DeskPages.session(security);
        IllBorrowingForm form = new IllBorrowingForm(text(patron), text(partner), text(biblio), text(title), text(author), text(isbn),
                text(note));
        RequestContext ctx = engine.context(session, key);
        if (ctx == null) {
            return borrowForm(400, session, form, Notice.error(FormNotices.DAMAGED));
        }
        FormInput in = new FormInput();
        String patronBarcode = in.barcode("patron", patron);
        String agency = in.illPartner("partner", partner, partners);
        String bib = form.biblio().isEmpty() ? null : in.barcode("biblio", biblio);
        IllViews.Citation citation = in.illCitation(biblio, title, author, isbn);
        String text = in.optional("note", note, FormInput.MAX_ILL_NOTE);
        if (!in.errors().isEmpty()) {
            return borrowForm(400, session, form, FormNotices.invalid(in.errors()));
        }
        Outcome<IllViews.IllRequestView> out = engine.run(new IllCommands.StartBorrowing(ctx, patronBarcode, agency, bib, citation, text));
        if (out instanceof Outcome.Refused<IllViews.IllRequestView> r) {
            return borrowForm(FormNotices.status(r.reason()), session, form, Notice.refused(r.reason(), "No request started. " + r.message()));
        }
        IllViews.IllRequestView v = out.value();
        return request(200, session, v.id(), Notice.ok("Borrowing request " + v.id() + " sent to " + v.partnerAgency() + " as " + v.externalId()
                + " for " + v.patronBarcode() + "."));
    }

    private Response borrowForm(int status, ConsoleSession session, IllBorrowingForm form, Notice notice) {
        return Forms.html(status, pages.render("illNew.jte", new IllNewPage(pages.chrome("New ILL request", "ill", session), Forms.newRequestKey(),
                List.copyOf(partners.agencies()), form, notice)));
    }

    private Response request(int status, ConsoleSession session, Long id, Notice notice) {
        if (id == null) {
            return Forms.html(404, pages.error(session, 404, "Not found", "There is no such ILL request."));
        }
        Outcome<IllViews.Detail> found = engine.run(new IllCommands.ShowRequest(engine.context(session), IllRef.byId(id)));
        if (found instanceof Outcome.Refused<IllViews.Detail> r) {
            int s = FormNotices.status(r.reason());
            return Forms.html(s, pages.error(session, s, "No ILL request", r.message()));
        }
        IllViews.Detail d = found.value();
        List<IllState> next = IllTransitions.next(d.request().role(), d.request().state(), IllTransitions.Trigger.MANUAL);
        return Forms.html(status, pages.render("illRequest.jte", new IllRequestPage(pages.chrome("ILL request " + id, "ill", session),
                Forms.newRequestKey(), d, next, notice)));
    }

    private Response queue(int status, ConsoleSession session, IllFilter filter, Page<IllViews.IllRequestView> requests, Notice notice) {
        return Forms.html(status, pages.render("ill.jte", new IllQueuePage(pages.chrome("Interlibrary loan", "ill", session), filter,
                List.copyOf(partners.agencies()), requests, notice)));
    }

    private static String text(String s) {
        return s == null ? "" : s.strip();
    }

    /** A short code from the filter form, null when blank. */
    private static String code(String name, String value, List<Problem.FieldError> errors) {
        if (value.isEmpty()) {
            return null;
        }
        if (value.length() > Forms.MAX_BARCODE || value.chars().anyMatch(Character::isISOControl)) {
            errors.add(new Problem.FieldError(name, "at most " + Forms.MAX_BARCODE + " characters without control characters"));
            return null;
        }
        return value;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String name, String value, List<Problem.FieldError> errors) {
        if (value.isEmpty()) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value)) {
                return e;
            }
        }
        errors.add(new Problem.FieldError(name, "must be one of " + java.util.Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.joining(", "))));
        return null;
    }
}
