package org.stackbridge.core.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The rule table. Resolution keeps the rules whose keys all match, then prefers the most specific one;
 * ties are broken by key weight (library over category over item type), then by the later rule.
 */
public final class PolicyTable {

    private final List<CirculationRule> rules;

    public PolicyTable(List<CirculationRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public List<CirculationRule> rules() {
        return rules;
    }

    public Optional<CirculationRule> find(String library, String category, String itemType) {
        return Optional.ofNullable(resolve(library, category, itemType).rule());
    }

    /** The rule in effect, or an explanation of why none applies. */
    public Resolution resolve(String library, String category, String itemType) {
        List<Candidate> matching = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            CirculationRule r = rules.get(i);
            if (r.matches(library, category, itemType)) {
                matching.add(new Candidate(r, i));
            }
        }
        matching.sort(Comparator.comparingInt((Candidate c) -> c.rule.specificity())
                .thenComparingInt(c -> weight(c.rule))
                .thenComparingInt(c -> c.index)
                .reversed());
        List<String> why = new ArrayList<>();
        for (Candidate c : matching) {
            why.add("rule #" + (c.index + 1) + " " + c.rule.scope() + " from " + c.rule.source()
                    + " matches with " + c.rule.specificity() + " specific key(s)");
        }
        if (matching.isEmpty()) {
            why.add("no rule matches (" + library + ", " + category + ", " + itemType + "); add a wildcard rule (*, *, *)");
            return new Resolution(null, why);
        }
        why.add("chosen: rule #" + (matching.get(0).index + 1) + " " + matching.get(0).rule.scope()
                + " (most specific; ties go to library, then category, then item type, then the later rule)");
        return new Resolution(matching.get(0).rule, why);
    }

    private static int weight(CirculationRule r) {
        return (r.library() == null ? 0 : 4) + (r.category() == null ? 0 : 2) + (r.itemType() == null ? 0 : 1);
    }

    private record Candidate(CirculationRule rule, int index) {
    }

    /** The chosen rule (null when none matches) and the reasoning, one line per candidate. */
    public record Resolution(CirculationRule rule, List<String> explanation) {
    }
}
