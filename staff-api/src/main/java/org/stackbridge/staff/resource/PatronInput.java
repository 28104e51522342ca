package org.stackbridge.staff.resource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.PatronCommands;
import org.stackbridge.core.command.PatronCommands.PatronField;
import org.stackbridge.core.model.BlockType;
import org.stackbridge.core.model.NoticePreference;
import org.stackbridge.staff.problem.Problem;
import org.stackbridge.staff.problem.ProblemException;

/**
 * The checks of what staff type about a patron, in one place for the staff API and the staff console: a new patron,
 * a partial change, a PIN, a block, a desk override's reason. Each method answers the engine's command values or
 * throws a 400 {@link ProblemException} whose {@code errors} name every invalid field (API names: {@code home_library},
 * {@code birth_date}).
 */
public final class PatronInput {

    static final int MAX_NAME = 255;
    static final int MAX_CODE = 64;
    static final int MAX_EMAIL = 255;
    static final int MAX_PHONE = 64;
    static final int MAX_ADDRESS = 1000;
    static final int MAX_NOTE = 1000;
    public static final int MIN_PIN = 4;
    public static final int MAX_PIN = 64;
    static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    static final Pattern PHONE = Pattern.compile("[0-9 +()./-]+");
    static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*");

    private PatronInput() {
    }

    /** A typed staff block as entered: type, the reason shown to the patron, the staff note, when it ends (null: until lifted). */
    public record Block(BlockType type, String reason, String note, Instant expires) {
    }

    /** A new patron's fields, checked; a 400 naming every invalid field otherwise. */
    public static PatronCommands.PatronDetails details(PatronsResource.NewPatron body) {
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
        if (body.pin() != null) {
            pin(f, body.pin());
        }
        f.check();
        return new PatronCommands.PatronDetails(barcode, name, category, library, email, phone, address, expires, birth, notice, language);
    }

    /**
     * A partial change: {@code values} maps API field names ({@code name}, {@code home_library} ...) to the new text;
     * a null value clears an optional field. Fields not in the map stay as they are.
     */
    public static PatronCommands.PatronPatch patch(Map<String, String> values) {
        Fields f = new Fields();
        PatronCommands.PatronPatch patch = patch(f, values);
        f.check();
        return patch;
    }

    static PatronCommands.PatronPatch patch(Fields f, Map<String, String> values) {
        Set<PatronField> set = EnumSet.noneOf(PatronField.class);
        Map<String, PatronField> byLabel = new HashMap<>();
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
        for (Map.Entry<String, String> e : values.entrySet()) {
            PatronField field = byLabel.get(e.getKey());
            if (field == null) {
                f.error(e.getKey(), e.getKey().equals("barcode") ? "replace the card with POST /patrons/{barcode}/card"
                        : e.getKey().equals("pin") ? "set the PIN with PUT /patrons/{barcode}/pin" : "unknown field");
                continue;
            }
            String text = e.getValue();
            if (text == null && !field.clearable()) {
                f.error(field.label(), "required; cannot be cleared");
                continue;
            }
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
        return new PatronCommands.PatronPatch(set, name, category, library, email, phone, address, expires, birth, notice, language);
    }

    /** A PIN staff set: {@value #MIN_PIN}-{@value #MAX_PIN} visible ASCII characters without {@code |}; a 400 naming {@code pin} otherwise. */
    public static String pin(String value) {
        Fields f = new Fields();
        String pin = pin(f, value);
        f.check();
        return pin;
    }

    /** A staff block (not {@code kiosk}: those come from SIP2 01 only). */
    public static Block block(PatronsResource.NewBlock body) {
        Fields.requireBody(body);
        Fields f = new Fields();
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
        return new Block(type, reason, note, expires);
    }

    /** A desk override of a refused checkout: the reason is required, at most {@value Fields#MAX_NOTE} characters. */
    public static Commands.CheckoutOverride checkoutOverride(String field, String reason) {
        Fields f = new Fields();
        String r = f.note(field, reason);
        f.check();
        return new Commands.CheckoutOverride(r);
    }

    /** The field errors of a 400 thrown by these checks (empty for any other problem). */
    public static List<Problem.FieldError> errors(ProblemException e) {
        List<Problem.FieldError> errors = e.problem().errors();
        return errors == null ? List.of() : errors;
    }

    // ---------------------------------------------------------------- one field each

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

    static LocalDate date(Fields f, String name, String value) {
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
}
