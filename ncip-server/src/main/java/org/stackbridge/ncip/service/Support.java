package org.stackbridge.ncip.service;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.stackbridge.core.outcome.Outcome;
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

    /** The user's barcode from UserId, or from a Barcode Id / User Id AuthenticationInput. */
    static String userBarcode(UserId id, java.util.List<AuthenticationInput> auth) {
        String v = NcipValues.userValue(id);
        return v != null ? v : NcipValues.credentials(auth).barcode();
    }

    static String secret(java.util.List<AuthenticationInput> auth) {
        return NcipValues.credentials(auth).secret();
    }
}
