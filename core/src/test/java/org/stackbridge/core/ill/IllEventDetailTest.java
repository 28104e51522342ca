package org.stackbridge.core.ill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.model.IllRequest;
import org.stackbridge.core.model.IllRole;
import org.stackbridge.core.model.IllState;

class IllEventDetailTest {

    private static final IllRequest REQUEST = new IllRequest(42, IllRole.BORROWING, IllState.REQUESTED, "re share", "x 1", 7L, null, null,
            "Solaris", "MAIN", Instant.EPOCH, Instant.EPOCH);

    @Test
    void whatIsWrittenReadsBack() {
        IllEventDetail written = IllEventDetail.of(REQUEST, "REQUESTED", IllState.SHIPPED_TO_US, "two\nlines");
        String text = written.format();
        assertEquals("ill=42 BORROWING REQUESTED->SHIPPED_TO_US partner=re_share ext=x_1 note=two lines", text);
        IllEventDetail read = IllEventDetail.parse(text).orElseThrow();
        assertEquals(new IllEventDetail(42, IllRole.BORROWING, "REQUESTED", IllState.SHIPPED_TO_US, "re_share", "x_1", "two lines"), read);
    }

    @Test
    void theCreationIsMarkedNew() {
        IllEventDetail created = IllEventDetail.parse(IllEventDetail.of(REQUEST, IllEventDetail.CREATED, IllState.REQUESTED, null).format())
                .orElseThrow();
        assertTrue(created.creation());
        assertEquals(null, created.note());
    }

    @Test
    void eventsStoredBeforePartnerAndExtWereWrittenStillRead() {
        IllEventDetail old = IllEventDetail.parse("ill=3 LENDING NEW->REQUESTED").orElseThrow();
        assertEquals(3, old.requestId());
        assertEquals(IllRole.LENDING, old.role());
        assertTrue(old.creation());
        assertEquals(null, old.partner());
    }

    @Test
    void otherDetailsAreNotIllTransitions() {
        assertEquals(Optional.empty(), IllEventDetail.parse("loan=1 due=2026-03-02T10:00:00Z"));
        assertEquals(Optional.empty(), IllEventDetail.parse(null));
        assertEquals(Optional.empty(), IllEventDetail.parse("ill=3 LENDING NEW->NO_SUCH_STATE"));
    }
}
