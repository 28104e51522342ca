package org.stackbridge.core.policy;

import java.util.Optional;

/** A hold request to decide: the patron's standing, the rule for the title at the pickup library, and duplicates. */
public record HoldCase(PatronStanding standing, Optional<CirculationRule> rule, boolean alreadyHoldsTitle) {
}
