package org.stackbridge.core.testing;

import java.util.function.LongConsumer;

/**
 * Runs a seeded property over many cases inside one test method: case {@code i} gets seed {@code base + i}, so a
 * failing seed printed by the case's assertion message reproduces it with {@code -Dsb.seed=<seed - i>} or directly.
 * Prints how many cases it checked.
 */
public final class SeededCases {

    /** The base seed of every property test: {@code -Dsb.seed=<n>} overrides it. */
    public static final long BASE_SEED = Long.getLong("sb.seed", 20260302L);

    private SeededCases() {
    }

    /** Runs {@code count} cases with seeds {@code base + 1 .. base + count}; returns how many ran. */
    public static int run(String property, long base, int count, LongConsumer oneCase) {
        int checked = 0;
        for (int i = 1; i <= count; i++) {
            oneCase.accept(base + i);
            checked++;
        }
        System.out.println(property + ": checked " + checked + " seeded cases from base seed " + base);
        return checked;
    }
}
