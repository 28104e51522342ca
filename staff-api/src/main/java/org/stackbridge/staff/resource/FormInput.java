package org.stackbridge.staff.resource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.stackbridge.core.ill.IllViews;
import org.stackbridge.core.model.Money;
import org.stackbridge.staff.problem.Problem;
import org.stackbridge.staff.problem.ProblemException;

/**
 * The staff API's checks of request fields for callers outside its resources (the staff console's forms), so a form
 * field and a JSON field are held to the same rules: barcodes, money, notes, dates, the ILL partner and the borrowing
 * request's title. Collects every invalid field; {@link #errors()} names them (empty: all valid).
 */
public final class FormInput {

    /** Longest staff note or reason accepted. */
    public static final int MAX_NOTE = Fields.MAX_NOTE;
    /** Longest ILL note accepted. */
    public static final int MAX_ILL_NOTE = IllResource.MAX_NOTE;

    private final Fields fields = new Fields();
    private final Listing listing = new Listing();

    /** A required barcode or code, stripped. */
    public String barcode(String name, String value) {
        return fields.barcode(name, value);
    }

    /** A positive amount ({@code "1.25"}: at most two decimals) in {@code currency}; null when invalid. */
    public Money money(String name, String amount, String currency) {
        Fields one = new Fields();
        Money money = one.money(name, new Fields.MoneyBody(amount, currency));
        try {
            one.check();
        } catch (ProblemException e) {
            // a form has the amount and the currency as fields of their own
            for (Problem.FieldError error : e.problem().errors()) {
                String field = error.field().equals(name + ".amount") ? name : error.field().equals(name + ".currency") ? "currency" : error.field();
                fields.error(field, error.reason());
            }
        }
        return money;
    }

    /** A required note or reason of at most {@link #MAX_NOTE} characters. */
    public String note(String name, String value) {
        return fields.note(name, value);
    }

    /** An optional text of at most {@code max} characters; null when blank. */
    public String optional(String name, String value, int max) {
        return fields.optional(name, value, max);
    }

    /** An optional date ({@code 2026-12-24}); null when blank or invalid (then reported). */
    public LocalDate date(String name, String value) {
        return value == null || value.isBlank() ? null : listing.date(name, value);
    }

    /** A partner agency a borrowing request may go to (one configured for NCIP). */
    public String illPartner(String name, String value, IllPartners partners) {
        String partner = fields.barcode(name, value);
        if (partner != null && !partner.isBlank() && partner.length() <= Fields.MAX_BARCODE) {
            partners.refusal(partner).ifPresent(reason -> fields.error(name, reason));
        }
        return partner;
    }

    /**
     * The title of a borrowing request: a local record ({@code biblio}, answered as null here) or a citation (title,
     * optional author and ISBN), never both; as {@code POST /ill/requests} decides.
     */
    public IllViews.Citation illCitation(String biblio, String title, String author, String isbn) {
        return IllResource.citation(fields, blankToNull(biblio), blankToNull(title), blankToNull(author), blankToNull(isbn));
    }

    /** Every invalid field, in the order found. */
    public List<Problem.FieldError> errors() {
        List<Problem.FieldError> out = new ArrayList<>();
        for (Runnable check : List.<Runnable>of(fields::check, listing::check)) {
            try {
                check.run();
            } catch (ProblemException e) {
                out.addAll(e.problem().errors());
            }
        }
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
