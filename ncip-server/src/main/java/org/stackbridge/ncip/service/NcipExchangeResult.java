package org.stackbridge.ncip.service;

import java.util.function.Function;
import org.stackbridge.ncip.binding.v2.Problem;

/**
 * What admitting one request gives: the exchange the service runs in, or the Problem that refuses the
 * request before any service runs (unknown or unauthenticated agency, a ToAgencyId that is not ours).
 * Java 17 has no pattern {@code switch}; {@link #fold} is the exhaustive switch: every permitted type must
 * implement it, so a new alternative does not compile until each caller handles it.
 */
sealed interface NcipExchangeResult permits NcipExchangeResult.Admitted, NcipExchangeResult.Refused {

    /** Applies {@code admitted} or {@code refused}, whichever this result is. */
    <T> T fold(Function<NcipExchange, T> admitted, Function<Problem, T> refused);

    /** The partner is known (or open mode admits it) and the request addresses one of our libraries. */
    record Admitted(NcipExchange exchange) implements NcipExchangeResult {
        @Override
        public <T> T fold(Function<NcipExchange, T> admitted, Function<Problem, T> refused) {
            return admitted.apply(exchange);
        }
    }

    /** The request is refused with this Problem; no service runs. */
    record Refused(Problem problem) implements NcipExchangeResult {
        @Override
        public <T> T fold(Function<NcipExchange, T> admitted, Function<Problem, T> refused) {
            return refused.apply(problem);
        }
    }
}
