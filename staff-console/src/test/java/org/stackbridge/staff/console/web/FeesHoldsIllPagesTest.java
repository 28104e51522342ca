package org.stackbridge.staff.console.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.ill.IllViews;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.FeeType;
import org.stackbridge.core.model.IllRole;
import org.stackbridge.core.model.IllState;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.model.StaffRole;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.staff.auth.StaffSession;
import org.stackbridge.staff.console.auth.ConsoleSession;
import org.stackbridge.staff.console.page.FeesHoldsIllPages;

/** The fee, receipt and ILL templates: what the engine holds is escaped, every form carries the CSRF token and its own request key. */
class FeesHoldsIllPagesTest {

    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
    private static final String EVIL = "<script>alert('x')</script>";
    private final Pages pages = new Pages(true);
    private final ConsoleSession session = new ConsoleSession(new StaffSession("tim", StaffRole.TECHNICIAN, "MAIN", "MAIN",
            T0.plusSeconds(3600)), "csrf-token-123");

    private static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    private static Views.FeeDetail fee(long id, String owed, String paid, Views.DisputeView dispute) {
        return new Views.FeeDetail(id, FeeType.MANUAL, "open", usd("5.00"), usd(owed), usd(paid), usd("0.00"), usd("0.00"), null, EVIL,
                T0, T0, dispute != null && "open".equals(dispute.state()), dispute);
    }

    private String feesPage() {
        Views.PatronView patron = new Views.PatronView(1, "P1", EVIL + "Mallory", "ADULT", null, null, null, LocalDate.of(2030, 1, 1), "MAIN",
                "MAIN");
        Views.DisputeView open = new Views.DisputeView(9, 2, "P1", "open", EVIL, T0, "tim", null, null, null, usd("5.00"), usd("8.00"));
        Views.FeeList list = new Views.FeeList(patron, List.of(fee(1, "3.00", "2.00", null), fee(2, "5.00", "0.00", open)), 1, 100, 2,
                usd("8.00"), usd("3.00"));
        return pages.render("fees.jte", new FeesHoldsIllPages.FeesPage(pages.chrome("Fees", "patrons", session), "key-0123456789abcdef",
                "P1", list, null, 7L));
    }

    @Test
    void theFeesPageEscapesWhatTheLedgerHoldsAndOffersWhatEachFeeAllows() {
        String html = feesPage();
        assertFalse(html.contains(EVIL), "no markup from a name, description or dispute note");
        assertTrue(html.contains("&lt;script&gt;"), html);
        assertTrue(html.contains("/console/patrons/P1/fees/1/refund"), "paid: refundable");
        assertFalse(html.contains("/console/patrons/P1/fees/2/refund"), "nothing paid: no refund");
        assertTrue(html.contains("/console/patrons/P1/fees/2/disputes/9/resolution"), "an open dispute is resolved");
        assertTrue(html.contains("/console/patrons/P1/fees/1/disputes\""), "a fee without dispute may be disputed");
        assertFalse(html.contains("/console/patrons/P1/fees/2/disputes\""), "one open dispute per fee");
        assertTrue(html.contains("/console/patrons/P1/fees/receipts/7"), "the receipt of the payment just taken");
    }

    @Test
    void everyFeeFormCarriesTheCsrfTokenAndARequestKeyOfItsOwn() {
        String html = feesPage();
        long posts = html.split("method=\"post\"", -1).length - 1;
        long tokens = html.split("name=\"_csrf\" value=\"csrf-token-123\"", -1).length - 1;
        assertEquals(posts, tokens);
        Matcher keys = Pattern.compile("name=\"request_key\" value=\"([^\"]+)\"").matcher(html);
        Set<String> seen = new HashSet<>();
        int count = 0;
        while (keys.find()) {
            count++;
            assertTrue(keys.group(1).matches("[A-Za-z0-9_-]{16,64}"), keys.group(1));
            seen.add(keys.group(1));
        }
        assertEquals(posts - 1, count, "every form but sign-out has a request key");
        assertEquals(count, seen.size(), "no two forms share a key");
        assertFalse(html.contains(" style=\""), "no inline style (CSP)");
    }

    @Test
    void aReceiptAndAnIllTimelineShowTextNotMarkup() {
        Views.Receipt receipt = new Views.Receipt(7, "R-7", "MAIN", "Main Library", "P1", EVIL, List.of(new Views.ReceiptLine(1, FeeType.MANUAL,
                EVIL, null, usd("5.00"), usd("2.00"))), usd("2.00"), "card", EVIL, usd("3.00"), "tim", T0);
        String r = pages.render("feeReceipt.jte", new FeesHoldsIllPages.ReceiptPage(pages.chrome("Receipt", "patrons", session), receipt));
        assertFalse(r.contains(EVIL));
        assertTrue(r.contains("class=\"receipt printable\""), "printable at 80 mm");

        IllViews.IllRequestView v = new IllViews.IllRequestView(3, IllRole.LENDING, IllState.REQUESTED, "reshare", "RS-1", "ILL-PARTNER",
                "I6", EVIL, "MAIN", T0, T0);
        IllViews.Detail d = new IllViews.Detail(v, List.of(new IllViews.Transition(T0, "NEW", "REQUESTED", "reshare", Channel.NCIP, EVIL)));
        String ill = pages.render("illRequest.jte", new FeesHoldsIllPages.IllRequestPage(pages.chrome("ILL", "ill", session),
                "key-0123456789abcdef", d, List.of(IllState.PICKED, IllState.CANCELLED), null));
        assertFalse(ill.contains(EVIL));
        assertTrue(ill.contains("<option value=\"PICKED\">") && ill.contains("<option value=\"CANCELLED\">"), ill);
    }
}
