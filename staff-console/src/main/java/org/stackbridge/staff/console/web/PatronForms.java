package org.stackbridge.staff.console.web;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.PatronCommands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.PatronViews;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.staff.console.auth.ConsoleSession;
import org.stackbridge.staff.console.page.ConsolePages.PatronFormPage;
import org.stackbridge.staff.console.page.Fmt;
import org.stackbridge.staff.console.page.Notice;
import org.stackbridge.staff.problem.ProblemException;
import org.stackbridge.staff.resource.PatronInput;
import org.stackbridge.staff.resource.PatronsResource;

/**
 * The new-patron and edit-patron forms of {@link PatronPages}: the fields are checked by the staff API's
 * {@link PatronInput} (the same messages per field as the API's 400), a new patron who may already have a record
 * (the engine's {@code FindDuplicatePatrons}: same name and birth date, or same e-mail) is shown with the possible
 * duplicates and created only once staff confirm, and an edit sends only the fields that changed (a cleared field is
 * cleared), so the event log records each change's before and after value.
 */
final class PatronForms {

    /** The form's fields, in the API's names. */
    static final List<String> FIELDS = List.of("barcode", "name", "category", "home_library", "email", "phone", "address", "expires",
            "birth_date", "notice_preference", "language");
    /** The fields an edit may change (the barcode changes with a new card, the PIN with a PIN reset). */
    static final List<String> EDITABLE = FIELDS.subList(1, FIELDS.size());

    private final ConsoleEngine engine;
    private final Pages pages;
    private final SecretHasher pinHasher;

    PatronForms(ConsoleEngine engine, Pages pages, SecretHasher pinHasher) {
        this.engine = engine;
        this.pages = pages;
        this.pinHasher = pinHasher;
    }

    Response newForm(ConsoleSession session) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("category", "ADULT");
        if (session.staff().library() != null) {
            values.put("home_library", session.staff().library());
        }
        return form(200, session, null, values, null, null, null);
    }

    /** Creates the patron, after a confirmation when possible duplicates exist. */
    Response create(ConsoleSession session, MultivaluedMap<String, String> form) {
        Map<String, String> values = values(form, FIELDS);
        RequestContext ctx = engine.context(session, form.getFirst("request_key"));
        if (ctx == null) {
            return form(400, session, null, values, null, null, Notice.error("The form is damaged; reload the page."));
        }
        String pin = blankToNull(form.getFirst("pin"));
        PatronCommands.PatronDetails details;
        try {
            details = PatronInput.details(new PatronsResource.NewPatron(field(values, "barcode"), field(values, "name"),
                    field(values, "category"), field(values, "home_library"), field(values, "email"), field(values, "phone"),
                    field(values, "address"), field(values, "expires"), field(values, "birth_date"), field(values, "notice_preference"),
                    field(values, "language"), pin));
        } catch (ProblemException e) {
            return form(400, session, null, values, errors(e), null, Notice.error("Not created: check the fields marked below."));
        }
        if (!"yes".equals(form.getFirst("confirm_duplicates"))) {
            Outcome<PatronViews.PatronPage> dups = engine.run(new PatronCommands.FindDuplicatePatrons(engine.context(session), details.name(),
                    details.birthDate(), details.email()));
            if (dups instanceof Outcome.Refused<PatronViews.PatronPage> r) {
                return form(DeskPages.status(r.reason()), session, null, values, null, null, Notice.refused(r.reason(), r.message()));
            }
            if (!dups.value().patrons().isEmpty()) {
                return form(409, session, null, values, null, dups.value().patrons(), Notice.alert("This patron may already have a record: "
                        + dups.value().patrons().size() + " patron(s) with the same name and birth date or the same e-mail. Check them, then create"
                        + " the patron anyway or cancel."));
            }
        }
        // the slow hash runs here, on the console's worker thread, not in the storage transaction
        String pinHash = pin == null ? null : pinHasher.hash(pin);
        Outcome<Views.PatronInfo> out = engine.run(new PatronCommands.CreatePatron(ctx, details, pinHash));
        if (out instanceof Outcome.Refused<Views.PatronInfo> r) {
            return refused(session, null, values, r, "Not created");
        }
        return Forms.seeOther("/patrons/" + Fmt.path(out.value().patron().barcode()) + "?done=created");
    }

    Response editForm(ConsoleSession session, String barcode) {
        Outcome<Views.PatronInfo> found = engine.run(new Commands.LookupPatron(engine.context(session), barcode, null));
        if (found instanceof Outcome.Refused<Views.PatronInfo> r) {
            return form(DeskPages.status(r.reason()), session, barcode, Map.of(), null, null, Notice.refused(r.reason(),
                    r.reason() == RefusalReason.UNKNOWN_PATRON ? "No patron with barcode " + barcode + "." : r.message()));
        }
        return form(200, session, barcode, current(found.value().patron()), null, null, null);
    }

    /** Sends the fields that differ from the patron's current values (a field left empty is cleared). */
    Response update(ConsoleSession session, String barcode, MultivaluedMap<String, String> form) {
        Map<String, String> values = values(form, EDITABLE);
        RequestContext ctx = engine.context(session, form.getFirst("request_key"));
        if (ctx == null) {
            return form(400, session, barcode, values, null, null, Notice.error("The form is damaged; reload the page."));
        }
        Outcome<Views.PatronInfo> found = engine.run(new Commands.LookupPatron(engine.context(session), barcode, null));
        if (found instanceof Outcome.Refused<Views.PatronInfo> r) {
            return form(DeskPages.status(r.reason()), session, barcode, values, null, null, Notice.refused(r.reason(), r.message()));
        }
        Map<String, String> before = current(found.value().patron());
        Map<String, String> changed = new LinkedHashMap<>();
        for (String field : EDITABLE) {
            if (form.containsKey(field) && !Objects.equals(blankToNull(values.get(field)), blankToNull(before.get(field)))) {
                changed.put(field, blankToNull(values.get(field)));
            }
        }
        if (changed.isEmpty()) {
            return form(200, session, barcode, values, null, null, Notice.ok("Nothing changed."));
        }
        PatronCommands.PatronPatch patch;
        try {
            patch = PatronInput.patch(changed);
        } catch (ProblemException e) {
            return form(400, session, barcode, values, errors(e), null, Notice.error("Not changed: check the fields marked below."));
        }
        Outcome<Views.PatronInfo> out = engine.run(new PatronCommands.UpdatePatron(ctx, barcode, patch));
        if (out instanceof Outcome.Refused<Views.PatronInfo> r) {
            return refused(session, barcode, values, r, "Not changed");
        }
        return Forms.seeOther("/patrons/" + Fmt.path(barcode) + "?done=updated");
    }

    private Response refused(ConsoleSession session, String barcode, Map<String, String> values, Outcome.Refused<?> r, String what) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (r.context() instanceof PatronViews.FieldProblem fp) {
            errors.put(fp.field(), fp.reason());
        } else if (r.reason() == RefusalReason.DUPLICATE) {
            errors.put("barcode", r.message());
        }
        int status = errors.isEmpty() || r.reason() == RefusalReason.DUPLICATE ? DeskPages.status(r.reason()) : 400;
        return form(status, session, barcode, values, errors, null, Notice.refused(r.reason(), what + ": " + r.message()));
    }

    private Response form(int status, ConsoleSession session, String barcode, Map<String, String> values, Map<String, String> errors,
                          List<Views.PatronView> duplicates, Notice notice) {
        String title = barcode == null ? "New patron" : "Edit patron " + barcode;
        return Forms.html(status, pages.render("patronForm.jte", new PatronFormPage(pages.chrome(title, "patrons", session),
                Forms.newRequestKey(), barcode, values, errors, duplicates, notice)));
    }

    /** The patron's values as the form shows them. */
    static Map<String, String> current(Views.PatronView p) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("name", p.name());
        v.put("category", p.category());
        v.put("home_library", p.homeLibrary());
        v.put("email", p.email());
        v.put("phone", p.phone());
        v.put("address", p.address());
        v.put("expires", date(p.expires()));
        v.put("birth_date", date(p.birthDate()));
        v.put("notice_preference", p.noticePreference() == null ? null : p.noticePreference().name().toLowerCase(Locale.ROOT));
        v.put("language", p.language());
        v.values().removeIf(Objects::isNull);
        return v;
    }

    private static String date(LocalDate d) {
        return d == null ? null : d.toString();
    }

    /** The form's values of {@code fields} (absent fields left out); each at most a few KiB (the body is limited anyway). */
    private static Map<String, String> values(MultivaluedMap<String, String> form, List<String> fields) {
        Map<String, String> v = new LinkedHashMap<>();
        for (String f : fields) {
            String value = form.getFirst(f);
            if (value != null) {
                v.put(f, value);
            }
        }
        return v;
    }

    private static Map<String, String> errors(ProblemException e) {
        Map<String, String> out = new LinkedHashMap<>();
        PatronInput.errors(e).forEach(er -> out.putIfAbsent(er.field(), er.reason()));
        return out;
    }

    /** A field as typed, null when left empty (an empty date or e-mail is no date or e-mail). */
    private static String field(Map<String, String> values, String name) {
        return blankToNull(values.get(name));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
