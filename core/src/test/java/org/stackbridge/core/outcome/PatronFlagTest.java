package org.stackbridge.core.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PatronFlagTest {

    /** SIP2 2.00, Patron Status Request response: the 14 patron-status positions in order. */
    private static final List<String> SIP2_POSITIONS = List.of(
            "charge privileges denied", "renewal privileges denied", "recall privileges denied", "hold privileges denied",
            "card reported lost", "too many items charged", "too many items overdue", "too many renewals",
            "too many claims of items returned", "too many items lost", "excessive outstanding fines",
            "excessive outstanding fees", "recall overdue", "too many items billed");

    @Test
    void flagsAreTheFourteenSip2PositionsInOrder() {
        PatronFlag[] flags = PatronFlag.values();
        assertEquals(14, flags.length);
        for (int i = 0; i < flags.length; i++) {
            assertEquals(i, flags[i].sip2Position());
            assertEquals(SIP2_POSITIONS.get(i), flags[i].name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        }
    }
}
