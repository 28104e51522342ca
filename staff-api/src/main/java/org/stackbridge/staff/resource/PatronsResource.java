package org.stackbridge.staff.resource;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.PatronCommands;
import org.stackbridge.core.command.PatronCommands.PatronField;
import org.stackbridge.core.model.StaffPermission;
import org.stackbridge.core.outcome.PatronViews;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.model.PatronSearch;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.staff.auth.Requires;

/**
 * Patrons: view ({@code GET /patrons/{barcode}}, with loans, holds, fees, blocks and flags, as every protocol sees
 * them), search, create, partial update, card replacement, PIN reset, membership, anonymisation, typed blocks and
 * history. Field names are those of the patron view; every POST may carry an {@code Idempotency-Key}.
 */
@Singleton
@Path("patrons")
@Produces(MediaType.APPLICATION_JSON)
public final class PatronsResource {

    static final int MAX_NAME = PatronInput.MAX_NAME;
    private static final Set<String> KNOWN_FIELDS = java.util.Arrays.stream(PatronField.values()).map(PatronField::label)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    private final EngineCalls engine;
    private final SecretHasher pinHasher;

    @Inject
    public PatronsResource(EngineCalls engine, SecretHasher pinHasher) {
        this.engine = engine;
        this.pinHasher = pinHasher;
    }

    public record NewPatron(String barcode, String name, String category, String homeLibrary, String email, String phone,
                            String address, String expires, String birthDate, String noticePreference, String language, String pin) {
        @Override
        public String toString() {
            return "NewPatron[" + barcode + "]";
        }
    }

    /** {@code charge_fee} (default true): charge the configured card replacement fee, if one is set. */
    public record NewCard(String newBarcode, Boolean chargeFee) {
        public NewCard(String newBarcode) {
            this(newBarcode, null);
        }
    }

    public record NewPin(String pin) {
        @Override
        public String toString() {
            return "NewPin[***]";
        }
    }

    public record MembershipChange(String action, String until) {
    }

    public record NewBlock(String type, String reason, String note, String expires) {
    }

    // ---------------------------------------------------------------- view and search

    @GET
    @Path("{barcode}")
    @Requires(StaffPermission.PATRONS)
    public CompletionStage<Views.PatronInfo> patron(@PathParam("barcode") String barcode, @Context SecurityContext security) {
        return engine.run(new Commands.LookupPatron(EngineCalls.context(security, null), Fields.pathBarcode("barcode", barcode), null),
                info -> info);
    }

    /** Patrons whose name, e-mail or phone starts with, or whose barcode is, what is asked; paged by name. */
    @GET
    @Requires(StaffPermission.PATRONS)
    public CompletionStage<PatronViews.PatronPage> search(@QueryParam("q") String q, @QueryParam("name") String name,
                                                          @QueryParam("barcode") String barcode, @QueryParam("email") String email,
                                                          @QueryParam("phone") String phone, @QueryParam("_page") String page,
                                                          @QueryParam("_per_page") String perPage, @Context SecurityContext security) {
        Fields f = new Fields();
        PatronSearch search = new PatronSearch(criterion(f, "q", q), criterion(f, "name", name), criterion(f, "barcode", barcode),
                criterion(f, "email", email), criterion(f, "phone", phone));
        Fields.Paging paging = f.paging(page, perPage);
        f.check();
        return engine.run(new PatronCommands.SearchPatrons(EngineCalls.context(security, null), search, paging.page(), paging.perPage()),
                found -> found);
    }

    private static String criterion(Fields f, String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return f.required(name, value.strip(), MAX_NAME);
    }

    // ---------------------------------------------------------------- create and update

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(StaffPermission.PATRONS)
    public CompletionStage<Response> create(NewPatron body, @HeaderParam(CirculationResource.IDEMPOTENCY_KEY) String key,
                                            @Context SecurityContext security) {
        PatronCommands.PatronDetails details = PatronInput.details(body);
        String pin = body.pin();
        // the slow hash runs here, on the API's worker thread, not in the storage transaction
        String pinHash = pin == null ? null : pinHasher.hash(pin);
        return engine.run(new PatronCommands.CreatePatron(EngineCalls.context(security, key), details, pinHash),
                info -> Response.status(Response.Status.CREATED).entity(info).build());
    }

    /**
     * Partial update ({@code application/merge-patch+json} or JSON): the fields given change, {@code null} clears an
     * optional one, the rest stay. The event log records each changed field's before and after value.
     */
    @PATCH
    @Path("{barcode}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Requires(StaffPermission.PATRONS)
    public CompletionStage<Views.PatronInfo> update(@PathParam("barcode") String barcode, JsonNode body, @Context SecurityContext security) {
        if (body == null || !body.isObject()) {
            Fields.requireBody(null);
        }
        Fields f = new Fields();
        String patron = f.barcode("barcode", barcode);
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (!v.isNull() && !v.isTextual() && KNOWN_FIELDS.contains(e.getKey())) {
                f.error(e.getKey(), "must be a string");
                continue;
            }
            values.put(e.getKey(), v.isNull() || !v.isTextual() ? null : v.asText());
        }
        if (body.size() == 0) {
            f.error("(body)", "give at least one field to change");
        }
        PatronCommands.PatronPatch patch = PatronInput.patch(f, values);
        f.check();
        return engine.run(new PatronCommands.UpdatePatron(EngineCalls.context(security, null), patron, patch), info -> info);
    }

    // ---------------------------------------------------------------- card, PIN, membership, anonymisation

    /** Replaces the card: the patron gets {@code new_barcode}; the old barcode answers "card reported lost" from now on. */
    @POST
    @Path("{barcode}/card")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(StaffPermission.PATRONS)
    public CompletionStage<Views.PatronInfo> replaceCard(@PathParam("barcode") String barcode, NewCard body,
                                                         @HeaderParam(CirculationResource.IDEMPOTENCY_KEY) String key,
                                                         @Context SecurityContext security) {
        Fields.requireBody(body);
        Fields f = new Fields();
        String patron = f.barcode("barcode", barcode);
        String card = f.barcode("new_barcode", body.newBarcode());
        f.check();
        boolean chargeFee = body.chargeFee() == null || body.chargeFee();
        return engine.run(new PatronCommands.ReplaceCard(EngineCalls.context(security, key), patron, card, chargeFee), info -> info);
    }

    /** The patron's ID card as a PDF at credit-card size ({@link PatronCardsResource}). */
    @GET
    @Path("{barcode}/card.pdf")
    @Produces(PatronCardsResource.PDF)
    @Requires(StaffPermission.PATRONS)
    public CompletionStage<Response> card(@PathParam("barcode") String barcode, @Context SecurityContext security) {
        return PatronCardsResource.card(engine, barcode, security);
    }

    /** Sets a new PIN (204); a kiosk accepts it at once and refuses the old one. */
    @PUT
    @Path("{barcode}/pin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(StaffPermission.PATRONS)
    public CompletionStage<Response> resetPin(@PathParam("barcode") String barcode, NewPin body, @Context SecurityContext security) {
        Fields.requireBody(body);
        String patron = Fields.pathBarcode("barcode", barcode);
        String pin = PatronInput.pin(body.pin());
        String hash = pinHasher.hash(pin);
        return engine.run(new PatronCommands.ResetPin(EngineCalls.context(security, null), patron, hash), done -> Response.noContent().build());
    }

    /** {@code {"action": "renew"|"expire", "until"?}}: renews (by the category's period, else to until or by a year) or ends the membership. */
    @POST
    @Path("{barcode}/membership")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(StaffPermission.PATRONS)
    public CompletionStage<Views.PatronInfo> membership(@PathParam("barcode") String barcode, MembershipChange body,
                                                        @HeaderParam(CirculationResource.IDEMPOTENCY_KEY) String key,
                                                        @Context SecurityContext security) {
        Fields.requireBody(body);
        Fields f = new Fields();
        String patron = f.barcode("barcode", barcode);
        f.required("action", body.action(), 16);
        PatronCommands.MembershipAction action = body.action() == null || body.action().isBlank() ? null
                : f.oneOf("action", body.action(), EnumSet.allOf(PatronCommands.MembershipAction.class));
        LocalDate until = PatronInput.date(f, "until", body.until());
        f.check();
        return engine.run(new PatronCommands.ChangeMembership(EngineCalls.context(security, key), patron, action, until), info -> info);
    }

    /** Removes name, contact, birth date, PIN and barcode (409 while loans, holds or unpaid fees remain). */
    @POST
    @Path("{barcode}/anonymise")
    @Requires(StaffPermission.PATRONS)
    public CompletionStage<Views.PatronView> anonymise(@PathParam("barcode") String barcode,
                                                       @HeaderParam(CirculationResource.IDEMPOTENCY_KEY) String key,
                                                       @Context SecurityContext security) {
        return engine.run(new PatronCommands.AnonymisePatron(EngineCalls.context(security, key), Fields.pathBarcode("barcode", barcode)),
                view -> view);
    }

    // ---------------------------------------------------------------- blocks

    @GET
    @Path("{barcode}/blocks")
    @Requires(StaffPermission.PATRONS)
    public CompletionStage<PatronViews.PatronBlocks> blocks(@PathParam("barcode") String barcode, @Context SecurityContext security) {
        return engine.run(new PatronCommands.ListBlocks(EngineCalls.context(security, null), Fields.pathBarcode("barcode", barcode)),
                b -> b);
    }

    /** Places a typed staff block (201): manual, lost_card, address_unknown, fees or other, with the reason shown and a staff note. */
    @POST
    @Path("{barcode}/blocks")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(StaffPermission.PATRONS)
    public CompletionStage<Response> block(@PathParam("barcode") String barcode, NewBlock body,
                                           @HeaderParam(CirculationResource.IDEMPOTENCY_KEY) String key,
                                           @Context SecurityContext security) {
        String patron = Fields.pathBarcode("barcode", barcode);
        PatronInput.Block b = PatronInput.block(body);
        return engine.run(new PatronCommands.PlaceBlock(EngineCalls.context(security, key), patron, b.type(), b.reason(), b.note(), b.expires()),
                line -> Response.status(Response.Status.CREATED).entity(line).build());
    }

    /** Lifts a block of any type (staff may lift what a kiosk may not); answers the lifted block. */
    @DELETE
    @Path("{barcode}/blocks/{id}")
    @Requires(StaffPermission.PATRONS)
    public CompletionStage<Views.BlockLine> unblock(@PathParam("barcode") String barcode, @PathParam("id") String id,
                                                    @Context SecurityContext security) {
        Fields f = new Fields();
        String patron = f.barcode("barcode", barcode);
        long blockId = f.positive("id", id, 0, Integer.MAX_VALUE);
        f.check();
        return engine.run(new PatronCommands.RemoveBlock(EngineCalls.context(security, null), patron, blockId), line -> line);
    }

    // ---------------------------------------------------------------- history

    /** The patron's events from the event log, newest first: time, type, actor, channel, before and after values. */
    @GET
    @Path("{barcode}/history")
    @Requires(StaffPermission.PATRONS)
    public CompletionStage<PatronViews.HistoryPage> history(@PathParam("barcode") String barcode, @QueryParam("_page") String page,
                                                            @QueryParam("_per_page") String perPage, @Context SecurityContext security) {
        Fields f = new Fields();
        String patron = f.barcode("barcode", barcode);
        Fields.Paging paging = f.paging(page, perPage);
        f.check();
        return engine.run(new PatronCommands.PatronHistory(EngineCalls.context(security, null), patron, paging.page(), paging.perPage()),
                h -> h);
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
