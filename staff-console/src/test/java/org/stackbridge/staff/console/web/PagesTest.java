package org.stackbridge.staff.console.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.model.StaffRole;
import org.stackbridge.core.outcome.PatronFlag;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.staff.auth.StaffSession;
import org.stackbridge.staff.console.auth.ConsoleSession;
import org.stackbridge.staff.console.page.ConsolePages;

/** The precompiled templates render, escape what the engine holds, and carry the CSRF token in every form. */
class PagesTest {

    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
    private final Pages pages = new Pages(true);
    private final ConsoleSession session = new ConsoleSession(new StaffSession("tim", StaffRole.TECHNICIAN, "MAIN", "MAIN",
            T0.plusSeconds(3600)), "csrf-token-123");

    private Views.PatronInfo patron(String name) {
        Views.PatronView view = new Views.PatronView(1, "P\"1", name, "ADULT", null, null, null, LocalDate.of(2030, 1, 1), "MAIN", "MAIN");
        Money zero = Money.of("0.00", "USD");
        return new Views.PatronInfo(view, Set.of(PatronFlag.TOO_MANY_ITEMS_OVERDUE), Views.PinCheck.NOT_CHECKED, zero, zero,
                List.of(new Views.LoanLine("I1", "<img src=x onerror=alert(1)>", T0, T0.minusSeconds(86_400), 0, true)),
                List.of(), List.of(), List.of(), 10, false);
    }

    @Test
    void patronNamesTitlesAndBarcodesAreEscaped() {
        String html = pages.render("desk.jte", new ConsolePages.DeskPage(pages.chrome("Desk", "desk", session), "key-0123456789abcdef",
                "P\"1", patron("<script>alert('x')</script>Mallory"), null));
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;Mallory") || html.contains("&lt;script&gt;alert('x')&lt;/script&gt;Mallory"),
                html);
        assertFalse(html.contains("<script>alert"), "no script from the name");
        assertFalse(html.contains("<img src=x"), "no markup from a title");
        assertFalse(html.contains("value=\"P\"1\""), "attribute values are escaped");
        assertTrue(html.contains("class=\"overdue\""), "the overdue loan is marked");
        assertTrue(html.contains("too many items overdue"));
    }

    @Test
    void everyFormOfASignedInPageCarriesTheCsrfToken() {
        String html = pages.render("desk.jte", new ConsolePages.DeskPage(pages.chrome("Desk", "desk", session), "key-0123456789abcdef",
                "P1", patron("Ada"), null));
        long forms = html.split("<form", -1).length - 1;
        long posts = html.split("method=\"post\"", -1).length - 1;
        long tokens = html.split("name=\"_csrf\" value=\"csrf-token-123\"", -1).length - 1;
        assertTrue(posts >= 3, html);
        assertTrue(forms >= posts);
        assertTrue(tokens == posts, posts + " post forms, " + tokens + " tokens");
        assertFalse(html.contains("<script>"), "no inline script (CSP)");
        assertFalse(html.contains(" style=\""), "no inline style (CSP)");
    }
}
