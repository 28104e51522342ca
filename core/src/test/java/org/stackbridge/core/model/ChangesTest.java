package org.stackbridge.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChangesTest {

    private static final long BASE_SEED = Long.getLong("sb.seed", 20261207L);

    @Test
    void onlyChangedFieldsAreRecordedAndReadBack() {
        Changes c = new Changes().field("name", "Ann", "Ann").field("email", null, "a@b.org").field("phone", "555", null);
        String detail = c.detail("updated");
        assertEquals("updated {email: null -> \"a@b.org\"; phone: \"555\" -> null}", detail);
        Changes.Parsed parsed = Changes.parse(detail);
        assertEquals("updated", parsed.summary());
        assertEquals(List.of(new Changes.Change("email", null, "a@b.org"), new Changes.Change("phone", "555", null)), parsed.changes());
    }

    @Test
    void quotesBracesArrowsAndNewlinesInValuesSurviveTheRoundTrip() {
        Changes c = new Changes().field("address", "1 \"Main\" St {x}", "2 Side St -> left;\nflat 3\\b").field("note", "} ; ->", "{");
        Changes.Parsed parsed = Changes.parse(c.detail(""));
        assertEquals("", parsed.summary());
        assertEquals(c.changes(), parsed.changes());
    }

    @Test
    void textWithoutAChangeBlockIsAllSummary() {
        for (String detail : List.of("cardRetained=false", "odd {not a block}", "{email: \"unterminated}", "")) {
            Changes.Parsed p = Changes.parse(detail);
            assertEquals(detail, p.summary());
            assertTrue(p.changes().isEmpty(), detail);
        }
        assertEquals("", Changes.parse(null).summary());
    }

    @Test
    void randomValuesRoundTrip() {
        Random r = new Random(BASE_SEED);
        String alphabet = "ab \"{}\\;:->\n\u00e9";
        int cases = 500;
        for (int i = 0; i < cases; i++) {
            Changes c = new Changes();
            int fields = 1 + r.nextInt(4);
            for (int f = 0; f < fields; f++) {
                c.field("f" + f, r.nextInt(5) == 0 ? null : random(r, alphabet), r.nextInt(5) == 0 ? null : random(r, alphabet));
            }
            String summary = r.nextBoolean() ? "" : "did " + i;
            Changes.Parsed p = Changes.parse(c.detail(summary));
            long seed = BASE_SEED;
            int n = i;
            assertEquals(c.changes(), p.changes(), () -> "seed=" + seed + " case " + n + ": " + c.detail(summary));
            if (!c.isEmpty()) {
                assertEquals(summary, p.summary(), () -> "seed=" + seed + " case " + n);
            }
        }
        System.out.println("ChangesTest: " + cases + " random change records round-tripped (seed " + BASE_SEED + ")");
    }

    private static String random(Random r, String alphabet) {
        StringBuilder sb = new StringBuilder();
        for (int i = r.nextInt(8); i > 0; i--) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
