package org.stackbridge.core.model;

import java.io.Serializable;
import java.time.Instant;

/** One entry of the append-only event log: who did what, where, when. */
public record CirculationEvent(long id, Instant at, EventType type, String actor, Channel channel, String terminal,
                               String library, Long patronId, Long itemId, String detail) implements Serializable {

    public CirculationEvent withId(long newId) {
        return new CirculationEvent(newId, at, type, actor, channel, terminal, library, patronId, itemId, detail);
    }
}
