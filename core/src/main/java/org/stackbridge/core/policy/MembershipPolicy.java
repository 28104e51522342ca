package org.stackbridge.core.policy;

import java.time.LocalDate;
import java.time.Period;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The patron categories a patron may belong to, and how long a membership runs when renewed. A category with a
 * configured period renews by that period; one without renews to the date staff give, or by {@link #DEFAULT_PERIOD}.
 * A renewal runs on from the current expiry date while the membership is still running, else from today.
 *
 * @param categories the known categories; empty means any category is accepted
 * @param periods    the membership period of each category that has one
 */
public record MembershipPolicy(Set<String> categories, Map<String, Period> periods) {

    /** The membership period when the category has none and staff give no date. */
    public static final Period DEFAULT_PERIOD = Period.ofYears(1);

    /** Any category, no category periods. */
    public static final MembershipPolicy ANY = new MembershipPolicy(Set.of(), Map.of());

    public MembershipPolicy {
        categories = Set.copyOf(Objects.requireNonNull(categories, "categories"));
        periods = Map.copyOf(Objects.requireNonNull(periods, "periods"));
    }

    public boolean knows(String category) {
        return categories.isEmpty() || categories.contains(category);
    }

    public Optional<Period> period(String category) {
        return Optional.ofNullable(periods.get(category));
    }

    /** A renewal's outcome: the new expiry date, or why it is refused (naming the offending input). */
    public sealed interface Renewal permits Renewed, Refused {
    }

    public record Renewed(LocalDate until) implements Renewal {
    }

    public record Refused(String field, String reason) implements Renewal {
    }

    /**
     * The expiry date a renewal gives.
     *
     * @param current   the membership's current expiry (null: none)
     * @param requested the date staff asked for, or null
     */
    public Renewal renew(String category, LocalDate today, LocalDate current, LocalDate requested) {
        LocalDate base = current != null && !current.isBefore(today) ? current : today;
        Optional<Period> period = period(category);
        if (period.isPresent()) {
            if (requested != null) {
                return new Refused("until", "category " + category + " renews by its period " + period.get() + "; leave until out");
            }
            return new Renewed(base.plus(period.get()));
        }
        if (requested != null) {
            return requested.isAfter(today) ? new Renewed(requested) : new Refused("until", "must be after today (" + today + ")");
        }
        return new Renewed(base.plus(DEFAULT_PERIOD));
    }

    /** The expiry date that ends a membership now: yesterday, so the card is expired today. */
    public static LocalDate expiredAsOf(LocalDate today) {
        return today.minusDays(1);
    }
}
