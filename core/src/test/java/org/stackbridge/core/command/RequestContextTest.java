package org.stackbridge.core.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.model.Channel;

class RequestContextTest {

    @Test
    void libraryDefaultsToTheInstitutionAndActorToTheChannel() {
        RequestContext ctx = new RequestContext(Channel.NCIP, null, null, "MAIN", " ", null, null);
        assertEquals("MAIN", ctx.library());
        assertEquals("ncip", ctx.actor());
    }

    @Test
    void keyScopeSeparatesChannelsAndActors() {
        RequestContext a = RequestContext.of(Channel.SIP2, "kiosk1", "MAIN");
        assertNotEquals(a.keyScope(), RequestContext.of(Channel.SIP2, "kiosk2", "MAIN").keyScope());
        assertNotEquals(a.keyScope(), RequestContext.of(Channel.NCIP, "kiosk1", "MAIN").keyScope());
    }

    @Test
    void withersChangeOneField() {
        RequestContext a = RequestContext.of(Channel.SIP2, "kiosk1", "MAIN");
        Instant t = Instant.parse("2026-03-02T10:00:00Z");
        RequestContext b = a.withRequestKey("k").withOccurredAt(t).withLibrary("BRANCH");
        assertEquals("k", b.requestKey());
        assertEquals(t, b.occurredAt());
        assertEquals("BRANCH", b.library());
        assertEquals(a.institution(), b.institution());
        assertEquals(a.terminal(), b.terminal());
    }
}
