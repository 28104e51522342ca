package org.stackbridge.core.policy;

/**
 * A renewal to decide: the borrower's standing, the rule the loan runs under, how often it was renewed,
 * and whether another patron's hold wants the item.
 */
public record RenewalCase(PatronStanding standing, CirculationRule rule, int renewals, boolean wantedByAnother) {
}
