package org.stackbridge.adapter.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stackbridge.core.policy.RuleBuilder.rule;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.command.Command;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Library;
import org.stackbridge.core.model.Loan;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.policy.PolicyTable;
import org.stackbridge.core.port.EventSink;
import org.stackbridge.core.service.CirculationEngine;
import org.stackbridge.core.service.EngineSettings;
import org.stackbridge.core.service.LocalCirculationPort;
import org.stackbridge.core.testing.TestClock;

/** A rule table with no fallback: only books have a rule, so a DVD has none. */
class NoPolicyScenariosTest {

    private final TestClock clock = new TestClock(World.START);
    private final InMemoryStore store = new InMemoryStore();
    private LocalCirculationPort port;
    private final RequestContext ctx = new RequestContext(Channel.SIP2, "kiosk", "kiosk-1", "MAIN", "MAIN", null, null);

    @BeforeEach
    void setUp() {
        CirculationEngine engine = new CirculationEngine(clock, EngineSettings.defaults(),
                () -> new PolicyTable(List.of(rule().scope(null, null, "BOOK").build())));
        port = new LocalCirculationPort(engine, store, EventSink.NONE);
        store.runNow(tx -> {
            tx.libraries().save(Library.of("MAIN", "Main"));
            Patron p1 = tx.patrons().insert(new Patron(0, "P1", null, "One", "ADULT", null, null, null, LocalDate.of(2099, 1, 1), "MAIN", false));
            Patron p2 = tx.patrons().insert(new Patron(0, "P2", null, "Two", "ADULT", null, null, null, LocalDate.of(2099, 1, 1), "MAIN", false));
            BibRecord bib = tx.bibs().insert(new BibRecord(0, "b1", "Film", null, null, null, null, null));
            Item dvd = tx.items().insert(new Item(0, "D1", bib.id(), "DVD", "MAIN", "MAIN", null, null, BigDecimal.TEN, ItemStatus.CHECKED_OUT, null, null));
            tx.items().insert(new Item(0, "D2", bib.id(), "DVD", "MAIN", "MAIN", null, null, BigDecimal.TEN, ItemStatus.AVAILABLE, null, null));
            // an old loan, from before the rules changed
            tx.loans().insert(new Loan(0, dvd.id(), p2.id(), "MAIN", Instant.parse("2026-01-01T10:00:00Z"),
                    Instant.parse("2026-01-15T23:59:59Z"), null, 0, Channel.DESK, null));
            return p1;
        });
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private <R> Outcome<R> run(Command<R> c) throws Exception {
        return port.execute(c).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void assertRefusedWithoutChange(Command<?> c, RefusalReason reason) throws Exception {
        Map<String, Object> before = store.snapshot();
        Outcome<?> o = run(c);
        assertTrue(o instanceof Outcome.Refused<?> r && r.reason() == reason, c + " -> " + o);
        assertEquals(before, store.snapshot(), c + " changed storage");
    }

    @Test
    void checkoutWithoutARuleIsRefused() throws Exception {
        assertRefusedWithoutChange(new Commands.CheckOut(ctx, "P1", "D2", null, false, false, false), RefusalReason.NO_POLICY);
    }

    @Test
    void offlineCheckoutWithoutARuleIsRefusedWithoutReturningTheEarlierLoan() throws Exception {
        assertRefusedWithoutChange(new Commands.CheckOut(ctx, "P1", "D1", null, false, true, false), RefusalReason.NO_POLICY);
    }

    @Test
    void renewalWithoutARuleIsRefused() throws Exception {
        assertRefusedWithoutChange(new Commands.Renew(ctx, "P2", "D1", null), RefusalReason.NO_POLICY);
    }

    @Test
    void checkinWithoutARuleStillReturnsTheItemWithoutFine() throws Exception {
        Outcome<Views.CheckedIn> o = run(new Commands.CheckIn(ctx, "D1", false));
        assertTrue(o.isSuccess(), o.toString());
        assertTrue(o.value().fine().isZero());
        assertTrue(o.value().wasCheckedOut());
    }

    @Test
    void holdsWithoutARuleAreNotAllowed() throws Exception {
        assertRefusedWithoutChange(new Commands.PlaceHold(ctx, "P1", null, "b1", "MAIN", null), RefusalReason.HOLDS_NOT_ALLOWED);
    }
}
