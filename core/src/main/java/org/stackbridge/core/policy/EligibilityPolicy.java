package org.stackbridge.core.policy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.stackbridge.core.outcome.PatronFlag;

/**
 * The named rules one decision asks, in order. The first refusal decides (its reason is what the caller
 * gets); {@link #flags} asks every rule, because patron status shows all that is wrong at once.
 */
public record EligibilityPolicy<S>(String name, List<EligibilityRule<S>> rules) {

    public EligibilityPolicy {
        rules = List.copyOf(rules);
    }

    @SafeVarargs
    public static <S> EligibilityPolicy<S> of(String name, EligibilityRule<S>... rules) {
        return new EligibilityPolicy<>(name, List.of(rules));
    }

    /** This policy's rules followed by more, under a new name. */
    @SafeVarargs
    public final EligibilityPolicy<S> then(String newName, EligibilityRule<S>... more) {
        List<EligibilityRule<S>> all = new ArrayList<>(rules);
        all.addAll(List.of(more));
        return new EligibilityPolicy<>(newName, all);
    }

    /** The same rules over a larger subject. */
    public <T> EligibilityPolicy<T> on(String newName, java.util.function.Function<T, S> part) {
        return new EligibilityPolicy<>(newName, rules.stream().map(r -> r.<T>on(part)).toList());
    }

    public Optional<Refusal> firstRefusal(S subject) {
        for (EligibilityRule<S> rule : rules) {
            Optional<Refusal> refusal = rule.check(subject);
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return Optional.empty();
    }

    /** Every refusal, in rule order (a desk override lets several through at once). */
    public List<Refusal> refusals(S subject) {
        List<Refusal> out = new ArrayList<>();
        for (EligibilityRule<S> rule : rules) {
            rule.check(subject).ifPresent(out::add);
        }
        return out;
    }

    /** The flags of every rule that refuses. */
    public Set<PatronFlag> flags(S subject) {
        Set<PatronFlag> out = EnumSet.noneOf(PatronFlag.class);
        for (EligibilityRule<S> rule : rules) {
            if (rule.check(subject).isPresent()) {
                out.addAll(rule.flags().apply(subject));
            }
        }
        return out;
    }

    public List<String> ruleNames() {
        return rules.stream().map(EligibilityRule::name).toList();
    }
}
