package org.stackbridge.core.policy;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.stackbridge.core.outcome.PatronFlag;

/**
 * One named business rule: it looks at a subject (a patron's standing, a renewal, a hold request) and
 * either lets it pass or refuses with a typed {@link Refusal}. {@code flags} are the patron-status flags
 * (SIP2 patron status, NCIP privileges) the rule raises when it refuses, so the status a kiosk sees is
 * computed by the very rules that decide.
 *
 * @param name   stable, human-readable name (shown in {@link EligibilityPolicies#allCurrentPolicies()})
 * @param decide the decision; empty means the rule has no objection
 * @param flags  patron flags raised when the rule refuses
 */
public record EligibilityRule<S>(String name, Function<S, Optional<Refusal>> decide, Function<S, Set<PatronFlag>> flags) {

    public static <S> EligibilityRule<S> of(String name, Function<S, Optional<Refusal>> decide) {
        return new EligibilityRule<>(name, decide, s -> Set.of());
    }

    public Optional<Refusal> check(S subject) {
        return decide.apply(subject);
    }

    /** The same rule over a larger subject that contains this rule's subject. */
    public <T> EligibilityRule<T> on(Function<T, S> part) {
        return new EligibilityRule<>(name, t -> decide.apply(part.apply(t)), t -> flags.apply(part.apply(t)));
    }

    /** The same decision raising other flags (e.g. an expired card denies charging in one list, holds in another). */
    public EligibilityRule<S> raising(Set<PatronFlag> raised) {
        Set<PatronFlag> copy = Set.copyOf(raised);
        return new EligibilityRule<>(name, decide, s -> copy);
    }
}
