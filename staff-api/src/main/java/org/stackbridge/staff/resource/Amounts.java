package org.stackbridge.staff.resource;

import java.math.BigDecimal;
import java.util.Currency;
import org.stackbridge.core.model.Money;

/** Money in request bodies: {@code {"amount": "1.25", "currency": "USD"}}, the amount as a string with at most two decimals. */
final class Amounts {

    /** A money value as the API reads it; both fields are required. */
    public record MoneyBody(String amount, String currency) {
    }

    private Amounts() {
    }

    /** The money of {@code name}, or null (with an error in {@code f}) when invalid; null body: null. */
    static Money money(Fields f, String name, MoneyBody body) {
        if (body == null) {
            return null;
        }
        BigDecimal amount = null;
        if (body.amount() == null || !body.amount().matches("\\d{1,9}(\\.\\d{1,2})?")) {
            f.error(name + ".amount", "must be a decimal string with at most two decimals, e.g. \"12.50\"");
        } else {
            amount = new BigDecimal(body.amount());
        }
        Currency currency = null;
        if (body.currency() == null || !body.currency().matches("[A-Z]{3}")) {
            f.error(name + ".currency", "must be an ISO 4217 code, e.g. \"USD\"");
        } else {
            try {
                currency = Currency.getInstance(body.currency());
            } catch (IllegalArgumentException e) {
                f.error(name + ".currency", "is not an ISO 4217 currency");
            }
        }
        return amount == null || currency == null ? null : new Money(amount, currency);
    }
}
