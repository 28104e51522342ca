package org.stackbridge.core.policy;

/** Unit of a loan or renewal period. */
public enum PeriodUnit {
    DAYS, HOURS
}
