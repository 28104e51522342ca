package org.stackbridge.staff.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.ill.IllViews;
import org.stackbridge.core.model.Money;
import org.stackbridge.staff.problem.Problem;

/** The staff API's field rules as the console's forms get them: the same limits, each invalid field named once. */
class FormInputTest {

    private static List<String> fields(FormInput in) {
        return in.errors().stream().map(Problem.FieldError::field).toList();
    }

    @Test
    void anAmountWithThreeDecimalsOrNoneIsNamedAsTheFormsFieldAndAGoodOneIsMoney() {
        FormInput in = new FormInput();
        assertNull(in.money("amount", "1.234", "USD"));
        assertEquals(List.of("amount"), fields(in));
        assertTrue(in.errors().get(0).reason().contains("at most two decimals"));

        FormInput zero = new FormInput();
        zero.money("amount", "0", "USD");
        assertEquals(List.of("amount"), fields(zero), "a payment of nothing");

        FormInput currency = new FormInput();
        currency.money("amount", "2.50", "usd");
        assertEquals(List.of("currency"), fields(currency));

        FormInput ok = new FormInput();
        Money m = ok.money("amount", " 2.50 ", "USD");
        assertEquals("2.50", m.amount().toPlainString());
        assertEquals(List.of(), ok.errors());
    }

    @Test
    void aReasonIsRequiredAndLimitedAsInTheApi() {
        FormInput in = new FormInput();
        in.note("reason", "  ");
        in.note("note", "x".repeat(FormInput.MAX_NOTE + 1));
        assertEquals("x", new FormInput().note("reason", " x "));
        assertEquals(List.of("reason", "note"), fields(in));
    }

    @Test
    void aBorrowingRequestGoesOnlyToAConfiguredPartnerForARecordOrACitationNotBoth() {
        IllPartners partners = IllPartners.of(Set.of("reshare", "relais"));
        FormInput in = new FormInput();
        in.illPartner("partner", "elsewhere", partners);
        assertEquals(List.of("partner"), fields(in));
        assertTrue(in.errors().get(0).reason().contains("configured: relais, reshare"), in.errors().toString());

        FormInput none = new FormInput();
        none.illPartner("partner", "reshare", IllPartners.none());
        assertEquals("no NCIP partner agency is configured", none.errors().get(0).reason());

        FormInput both = new FormInput();
        assertNull(both.illCitation("b1", "Solaris", null, null));
        assertEquals(List.of("biblio"), fields(both));

        FormInput neither = new FormInput();
        neither.illCitation(" ", "", null, null);
        assertEquals(List.of("title"), fields(neither));

        FormInput cited = new FormInput();
        IllViews.Citation c = cited.illCitation("", " Solaris ", "Lem", null);
        assertEquals("Solaris", c.title());
        assertEquals("Lem", c.author());
        assertEquals(List.of(), cited.errors());
        assertNull(new FormInput().illCitation("b1", null, null, null), "a local record: no citation");
    }

    @Test
    void aDateIsOptionalButMustBeADate() {
        FormInput in = new FormInput();
        assertNull(in.date("expiration_date", ""));
        assertEquals("2026-12-24", in.date("expiration_date", "2026-12-24").toString());
        assertEquals(List.of(), in.errors());
        in.date("expiration_date", "24.12.2026");
        assertEquals(List.of("expiration_date"), fields(in));
    }
}
