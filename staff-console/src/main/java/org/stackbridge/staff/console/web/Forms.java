package org.stackbridge.staff.console.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.stackbridge.staff.console.auth.ConsoleSessions;
import org.stackbridge.staff.console.server.ConsoleHttpEndpoint;

/** Small helpers the page resources share: form field checks, HTML answers and cookies. */
final class Forms {

    static final int MAX_BARCODE = 64;

    private Forms() {
    }

    /** A scanned barcode, stripped of surrounding spaces; null when empty, too long or holding control characters. */
    static String barcode(String value) {
        if (value == null) {
            return null;
        }
        String b = value.strip();
        if (b.isEmpty() || b.length() > MAX_BARCODE || b.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return null;
        }
        return b;
    }

    static String newRequestKey() {
        return ConsoleSessions.randomToken();
    }

    static Response html(int status, String body) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8")).entity(body).build();
    }

    static Response seeOther(String path) {
        return Response.seeOther(java.net.URI.create(ConsoleHttpEndpoint.PATH + path)).build();
    }

    /** A cookie only the console's pages get back: HttpOnly, SameSite=Strict, Secure under TLS; maxAge -1 = until the browser closes. */
    static NewCookie cookie(String name, String value, boolean secure, int maxAge) {
        return new NewCookie.Builder(name).value(value).path(ConsoleHttpEndpoint.PATH).httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT).maxAge(maxAge).build();
    }

    /** Longest free text (a note, a location, a call number) a form may carry. */
    static final int MAX_TEXT = 255;

    /** An optional free-text field, stripped; null when blank. */
    static String optionalText(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Whether an optional free-text field is too long or holds control characters. */
    static boolean badText(String value) {
        String v = optionalText(value);
        return v != null && (v.length() > MAX_TEXT || v.chars().anyMatch(Character::isISOControl));
    }

    /** An optional amount typed as {@code 12.50} (at most two decimals) in {@code currency}; null when blank or malformed. */
    static org.stackbridge.core.model.Money money(String value, java.util.Currency currency) {
        String v = optionalText(value);
        if (v == null || !v.matches("\\d{1,9}(\\.\\d{1,2})?")) {
            return null;
        }
        return new org.stackbridge.core.model.Money(new java.math.BigDecimal(v), currency);
    }
}
