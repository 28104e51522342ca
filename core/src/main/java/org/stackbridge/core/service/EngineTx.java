package org.stackbridge.core.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.CirculationEvent;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.Library;
import org.stackbridge.core.port.StoreTx;

/**
 * A storage transaction seen by command handlers: the stores, the clock, and the events logged so far
 * (published after commit).
 */
public final class EngineTx {

    private final StoreTx store;
    private final Clock clock;
    private final List<CirculationEvent> logged = new ArrayList<>();

    public EngineTx(StoreTx store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public StoreTx store() {
        return store;
    }

    public Instant now() {
        return clock.instant();
    }

    /** The time the command takes effect: its offline time if given, else now; never later than now. */
    public Instant effectiveTime(RequestContext ctx) {
        Instant now = clock.instant();
        // A terminal with a fast clock must not date returns or loans in the future.
        return ctx.occurredAt() != null && ctx.occurredAt().isBefore(now) ? ctx.occurredAt() : now;
    }

    public LocalDate today(Library library) {
        return clock.instant().atZone(library.zone()).toLocalDate();
    }

    public CirculationEvent log(RequestContext ctx, EventType type, String library, Long patronId, Long itemId, String detail) {
        CirculationEvent e = store.events().append(new CirculationEvent(0, clock.instant(), type, ctx.actor(), ctx.channel(),
                ctx.terminal(), library, patronId, itemId, detail));
        logged.add(e);
        return e;
    }

    public List<CirculationEvent> logged() {
        return List.copyOf(logged);
    }
}
