package org.stackbridge.ncip.service;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.ill.IllCommands;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.ncip.binding.v2.AuthenticationInput;
import org.stackbridge.ncip.binding.v2.Problem;
import org.stackbridge.ncip.binding.v2.UserId;
import org.stackbridge.ncip.mapping.NcipProblems;
import org.stackbridge.ncip.mapping.NcipValues;

/** Shared bits of the service classes. */
final class Support {

    private Support() {
    }

    static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }

    static Problem refusal(String service, Outcome<?> out, String user, String item, String request) {
        return NcipProblems.fromRefusal(service, (Outcome.Refused<?>) out, new NcipProblems.Subject(user, item, request));
    }

    /**
     * The item an answer about a request names: the one the request names or is trapped on, else a copy of its title
     * (the first on the shelf, or the first at all); null when neither is known. ILL clients read ItemId in every answer.
     */
    static CompletionStage<Views.ItemInfo> itemOf(NcipExchange ex, String barcode, String bibControlNumber) {
        if (barcode != null) {
            return ex.execute(new Commands.LookupItem(ex.context(), barcode)).thenApply(o -> o.isSuccess() ? o.value() : null);
        }
        if (bibControlNumber == null) {
            return done(null);
        }
        return ex.execute(new IllCommands.LookupTitle(ex.context(), bibControlNumber, 0, 20)).thenApply(o -> {
            if (!o.isSuccess() || o.value().items().isEmpty()) {
                return null;
            }
            List<Views.ItemInfo> items = o.value().items();
            return items.stream().filter(i -> i.status() == ItemStatus.AVAILABLE).findFirst().orElse(items.get(0));
        });
    }

    /** The user's barcode from UserId, or from a Barcode Id / User Id AuthenticationInput. */
    static String userBarcode(UserId id, java.util.List<AuthenticationInput> auth) {
        String v = NcipValues.userValue(id);
        return v != null ? v : NcipValues.credentials(auth).barcode();
    }

    static String secret(java.util.List<AuthenticationInput> auth) {
        return NcipValues.credentials(auth).secret();
    }
}
