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
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.PatronCommands;
import org.stackbridge.core.command.PatronCommands.PatronField;
import org.stackbridge.core.model.BlockType;
import org.stackbridge.core.model.NoticePreference;
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

    static final int MAX_NAME = 255;
    static final int MAX_CODE = 64;
    static final int MAX_EMAIL = 255;
    static final int MAX_PHONE = 64;
    static final int MAX_ADDRESS = 1000;
    static final int MAX_NOTE = 1000;
    static final int MIN_PIN = 4;
    static final int MAX_PIN = 64;
    static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    static final Pattern PHONE = Pattern.compile("[0-9 +()./-]+");
    static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*");

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

    public record NewCard(String newBarcode) {
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
        Fields.requireBody(body);
        Fields f = new Fields();
        String barcode = f.barcode("barcode", body.barcode());
        String name = f.required("name", body.name(), MAX_NAME);
        String category = f.required("category", strip(body.category()), MAX_CODE);
        String library = f.required("home_library", strip(body.homeLibrary()), MAX_CODE);
        String email = email(f, body.email());
        String phone = phone(f, body.phone());
        String address = optional(f, "address", body.address(), MAX_ADDRESS);
        LocalDate expires = date(f, "expires", body.expires());
        LocalDate birth = date(f, "birth_date", body.birthDate());
        NoticePreference notice = notice(f, body.noticePreference());
        String language = language(f, body.language());
        if (notice == NoticePreference.EMAIL && email == null) {
            f.error("notice_preference", "email needs an e-mail address");
        }
        String pin = body.pin() == null ? null : pin(f, body.pin());
        f.check();
        PatronCommands.PatronDetails details = new PatronCommands.PatronDetails(barcode, name, category, library, email, phone, address,
                expires, birth, notice, language);
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
        Set<PatronField> set = EnumSet.noneOf(PatronField.class);
        Map<String, PatronField> byLabel = new java.util.HashMap<>();
        for (PatronField pf : PatronField.values()) {
            byLabel.put(pf.label(), pf);
        }
        String name = null;
        String category = null;
        String library = null;
        String email = null;
        String phone = null;
        String address = null;
        LocalDate expires = null;
        LocalDate birth = null;
        NoticePreference notice = null;
        String language = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            PatronField field = byLabel.get(e.getKey());
            if (field == null) {
                f.error(e.getKey(), e.getKey().equals("barcode") ? "replace the card with POST /patrons/{barcode}/card"
                        : e.getKey().equals("pin") ? "set the PIN with PUT /patrons/{barcode}/pin" : "unknown field");
                continue;
            }
            JsonNode v = e.getValue();
            if (v.isNull()) {
                if (!field.clearable()) {
                    f.error(field.label(), "required; cannot be cleared");
                    continue;
                }
            } else if (!v.isTextual()) {
                f.error(field.label(), "must be a string");
                continue;
            }
            String text = v.isNull() ? null : v.asText();
            set.add(field);
            switch (field) {
                case NAME -> name = f.required("name", text, MAX_NAME);
                case CATEGORY -> category = f.required("category", strip(text), MAX_CODE);
                case HOME_LIBRARY -> library = f.required("home_library", strip(text), MAX_CODE);
                case EMAIL -> email = email(f, text);
                case PHONE -> phone = phone(f, text);
                case ADDRESS -> address = optional(f, "address", text, MAX_ADDRESS);
                case EXPIRES -> expires = date(f, "expires", text);
                case BIRTH_DATE -> birth = date(f, "birth_date", text);
                case NOTICE_PREFERENCE -> {
                    notice = notice(f, text);
                    if (notice == null && text == null) {
                        f.error("notice_preference", "required; one of email, print, none");
                    }
                }
                case LANGUAGE -> language = language(f, text);
            }
        }
        if (set.isEmpty() && body.size() == 0) {
            f.error("(body)", "give at least one field to change");
        }
        f.check();
        PatronCommands.PatronPatch patch = new PatronCommands.PatronPatch(set, name, category, library, email, phone, address, expires,
                birth, notice, language);
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
        return engine.run(new PatronCommands.ReplaceCard(EngineCalls.context(security, key), patron, card), info -> info);
    }

    /** Sets a new PIN (204); a kiosk accepts it at once and refuses the old one. */
    @PUT
    @Path("{barcode}/pin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(StaffPermission.PATRONS)
    public CompletionStage<Response> resetPin(@PathParam("barcode") String barcode, NewPin body, @Context SecurityContext security) {
        Fields.requireBody(body);
        Fields f = new Fields();
        String patron = f.barcode("barcode", barcode);
        String pin = pin(f, body.pin());
        f.check();
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
        LocalDate until = date(f, "until", body.until());
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
        Fields.requireBody(body);
        Fields f = new Fields();
        String patron = f.barcode("barcode", barcode);
        f.required("type", body.type(), 32);
        Set<BlockType> staffTypes = EnumSet.complementOf(EnumSet.of(BlockType.KIOSK));
        BlockType type = body.type() == null || body.type().isBlank() ? null : f.oneOf("type", body.type(), staffTypes);
        String reason = optional(f, "reason", body.reason(), MAX_NAME);
        String note = optional(f, "note", body.note(), MAX_NOTE);
        Instant expires = null;
        if (body.expires() != null) {
            try {
                expires = Instant.parse(body.expires());
            } catch (DateTimeParseException e) {
                f.error("expires", "must be an ISO-8601 UTC time such as 2027-01-31T17:00:00Z");
            }
        }
        f.check();
        return engine.run(new PatronCommands.PlaceBlock(EngineCalls.context(security, key), patron, type, reason, note, expires),
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

    // ---------------------------------------------------------------- field checks

    private static String strip(String v) {
        return v == null ? null : v.strip();
    }

    private static String optional(Fields f, String name, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return f.required(name, value, max);
    }

    static String email(Fields f, String value) {
        String v = optional(f, "email", strip(value), MAX_EMAIL);
        if (v != null && v.length() <= MAX_EMAIL && !EMAIL.matcher(v).matches()) {
            f.error("email", "not an e-mail address");
        }
        return v;
    }

    private static String phone(Fields f, String value) {
        String v = optional(f, "phone", strip(value), MAX_PHONE);
        if (v != null && v.length() <= MAX_PHONE && !PHONE.matcher(v).matches()) {
            f.error("phone", "only digits, spaces and + ( ) . / -");
        }
        return v;
    }

    private static String language(Fields f, String value) {
        String v = optional(f, "language", strip(value), 16);
        if (v != null && !LANGUAGE.matcher(v).matches()) {
            f.error("language", "a language tag such as en or fr-CA");
        }
        return v;
    }

    private static NoticePreference notice(Fields f, String value) {
        if (value == null) {
            return null;
        }
        return NoticePreference.parse(value).orElseGet(() -> {
            f.error("notice_preference", "must be one of email, print, none");
            return null;
        });
    }

    private static LocalDate date(Fields f, String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            f.error(name, "must be a date such as 2027-01-31");
            return null;
        }
    }

    private static String pin(Fields f, String value) {
        if (value == null || value.isEmpty()) {
            f.error("pin", "required");
            return null;
        }
        if (value.length() < MIN_PIN || value.length() > MAX_PIN) {
            f.error("pin", "must be " + MIN_PIN + "-" + MAX_PIN + " characters");
        } else if (value.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            // SIP2 kiosks send the PIN in AD: visible ASCII without the field separator
            f.error("pin", "must be visible ASCII characters");
        } else if (value.indexOf('|') >= 0) {
            f.error("pin", "must not contain |");
        }
        return value;
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
