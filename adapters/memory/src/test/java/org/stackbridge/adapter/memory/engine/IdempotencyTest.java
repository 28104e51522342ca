package org.stackbridge.adapter.memory.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.stackbridge.adapter.memory.World;
import org.stackbridge.core.command.Command;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.CreditType;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.FeeType;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;

/** A mutating command with a request key acts once; a repeat returns the first outcome. */
class IdempotencyTest {

    private World world;

    @BeforeEach
    void setUp() {
        world = new World();
        world.patron("P1");
        world.patron("P2");
        world.item("I1", world.bib("b1"));
        world.item("I2", world.bib("b2"));
        world.item("I3", world.bib("b3"));
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    private RequestContext keyed(String key) {
        return world.ctx().withRequestKey(key);
    }

    /** Every mutating command, keyed, against a prepared world (some need a loan or a fee first). */
    static Stream<Arguments> mutatingCommands() {
        return Stream.of(
                Arguments.of("checkout", (Function<World, Command<?>>) w ->
                        new Commands.CheckOut(w.ctx().withRequestKey("k"), "P1", "I1", null, false, false, false)),
                Arguments.of("checkin", (Function<World, Command<?>>) w -> {
                    w.ok(w.checkout("P1", "I1"));
                    return new Commands.CheckIn(w.ctx().withRequestKey("k"), "I1", false);
                }),
                Arguments.of("renew", (Function<World, Command<?>>) w -> {
                    w.ok(w.checkout("P1", "I1"));
                    return new Commands.Renew(w.ctx().withRequestKey("k"), "P1", "I1", null);
                }),
                Arguments.of("renew all", (Function<World, Command<?>>) w -> {
                    w.ok(w.checkout("P1", "I1"));
                    w.ok(w.checkout("P1", "I2"));
                    return new Commands.RenewAll(w.ctx().withRequestKey("k"), "P1", null);
                }),
                Arguments.of("place hold", (Function<World, Command<?>>) w ->
                        new Commands.PlaceHold(w.ctx().withRequestKey("k"), "P1", null, "b1", "MAIN", LocalDate.of(2026, 12, 31))),
                Arguments.of("cancel hold", (Function<World, Command<?>>) w -> {
                    w.ok(w.titleHold("P1", "b1", "MAIN"));
                    return new Commands.CancelHold(w.ctx().withRequestKey("k"), "P1", null, "b1");
                }),
                Arguments.of("change hold", (Function<World, Command<?>>) w -> {
                    w.ok(w.titleHold("P1", "b1", "MAIN"));
                    return new Commands.ChangeHold(w.ctx().withRequestKey("k"), "P1", null, "b1", "BRANCH", null);
                }),
                Arguments.of("pay", (Function<World, Command<?>>) w -> {
                    w.ok(w.assess("P1", "3.00"));
                    return new Commands.PayFee(w.ctx().withRequestKey("k"), "P1", Money.of("1.00", "USD"), null, null, "cash");
                }),
                Arguments.of("waive", (Function<World, Command<?>>) w -> {
                    long fee = w.ok(w.assess("P1", "3.00")).feeId();
                    return new Commands.WaiveFee(w.ctx().withRequestKey("k"), "P1", fee, Money.of("1.00", "USD"), CreditType.WAIVER, "x");
                }),
                Arguments.of("assess", (Function<World, Command<?>>) w ->
                        new Commands.AssessFee(w.ctx().withRequestKey("k"), "P1", FeeType.CARD_REPLACEMENT, Money.of("2.00", "USD"), null, null)),
                Arguments.of("block", (Function<World, Command<?>>) w ->
                        new Commands.BlockPatron(w.ctx().withRequestKey("k"), "P1", "why", false)),
                Arguments.of("unblock", (Function<World, Command<?>>) w -> {
                    w.ok(new Commands.BlockPatron(w.ctx(), "P1", "why", false));
                    return new Commands.UnblockPatron(w.ctx().withRequestKey("k"), "P1");
                }),
                Arguments.of("update item", (Function<World, Command<?>>) w ->
                        new Commands.UpdateItem(w.ctx().withRequestKey("k"), "I1", ItemStatus.MISSING, "Lost and found", null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutatingCommands")
    void aKeyedCommandRunTwiceActsOnceAndAnswersTheSame(String name, Function<World, Command<?>> prepare) {
        Command<?> command = prepare.apply(world);
        Outcome<?> first = world.run(command);
        assertTrue(first.isSuccess(), name + " should succeed: " + first);
        Map<String, Object> afterFirst = world.snapshot();
        int publishedAfterFirst = world.published.size();
        world.advanceDays(1);
        Outcome<?> second = world.run(command);
        assertEquals(first, second, name);
        assertEquals(afterFirst, world.snapshot(), name + " acted again");
        assertEquals(publishedAfterFirst, world.published.size(), name + " published events again");
    }

    @Test
    void withoutAKeyTheRepeatActsAgain() {
        world.ok(world.checkout("P1", "I1"));
        Views.CheckedIn first = world.ok(world.checkin("I1"));
        Views.CheckedIn second = world.ok(world.checkin("I1"));
        assertTrue(first.wasCheckedOut());
        assertTrue(!second.wasCheckedOut());
    }

    @Test
    void aKeyedRefusalIsRepeatedAndChangesNothing() {
        world.ok(world.checkout("P2", "I1"));
        Commands.CheckOut command = new Commands.CheckOut(keyed("r1"), "P1", "I1", null, false, false, false);
        Outcome.Refused<Views.CheckedOut> first = world.refused(command, RefusalReason.ITEM_CHECKED_OUT_TO_OTHER);
        Map<String, Object> before = world.snapshot();
        // even after the item comes back, the same key answers as the first time
        assertEquals(first, world.run(command));
        assertEquals(before, world.snapshot());
        world.ok(world.checkin("I1"));
        assertEquals(first, world.run(command));
        world.ok(new Commands.CheckOut(keyed("r2"), "P1", "I1", null, false, false, false));
    }

    @Test
    void keysOfDifferentCallersDoNotCollide() {
        world.ok(new Commands.CheckOut(keyed("same"), "P1", "I1", null, false, false, false));
        RequestContext otherKiosk = new RequestContext(Channel.SIP2, "kiosk-b", "kiosk-2", "MAIN", "MAIN", "same", null);
        Views.CheckedOut other = world.ok(new Commands.CheckOut(otherKiosk, "P2", "I2", null, false, false, false));
        assertEquals("I2", other.item().barcode());
        RequestContext ncip = new RequestContext(Channel.NCIP, "kiosk", null, "MAIN", "MAIN", "same", null);
        assertEquals("I3", world.ok(new Commands.CheckOut(ncip, "P2", "I3", null, false, false, false)).item().barcode());
        assertEquals(3, world.allLoans().size());
    }

    @Test
    void aKeyReusedForAnotherKindOfCommandIsRefusedNotMisanswered() {
        world.ok(new Commands.CheckOut(keyed("k1"), "P1", "I1", null, false, false, false));
        Map<String, Object> before = world.snapshot();
        Outcome<Views.CheckedIn> wrong = world.run(new Commands.CheckIn(keyed("k1"), "I1", false));
        assertTrue(wrong instanceof Outcome.Refused<Views.CheckedIn> r && r.reason() == RefusalReason.DUPLICATE,
                "a checkin must not be answered with the checkout's outcome: " + wrong);
        assertEquals(before, world.snapshot());
    }

    @Test
    void aKeyReusedForTheSameKindOfCommandWithOtherValuesIsRefused() {
        world.ok(new Commands.CheckOut(keyed("k2"), "P1", "I1", null, false, false, false));
        Map<String, Object> before = world.snapshot();
        world.refused(new Commands.CheckOut(keyed("k2"), "P1", "I2", null, false, false, false), RefusalReason.DUPLICATE);
        assertEquals(before, world.snapshot());
        // a resend that differs only in the PIN typed is the same request
        assertTrue(world.run(new Commands.CheckOut(keyed("k2"), "P1", "I1", World.PIN, false, false, false)).isSuccess());
        assertEquals(before, world.snapshot());
    }

    @Test
    void storedOutcomesExpireAfterTheirTimeToLive() throws Exception {
        world.ok(new Commands.CheckOut(keyed("old"), "P1", "I1", null, false, false, false));
        world.advanceDays(6);
        world.ok(new Commands.CheckOut(keyed("recent"), "P1", "I2", null, false, false, false));
        assertEquals(0, (int) world.circ.port().purgeExpiredRequestKeys().get(10, java.util.concurrent.TimeUnit.SECONDS));
        world.advanceDays(2);
        // the next keyed request sweeps out what is older than the 7-day default, on its own
        world.ok(new Commands.CheckOut(keyed("new"), "P2", "I3", null, false, false, false));
        world.ok(new Commands.LookupItem(world.ctx(), "I1"));
        @SuppressWarnings("unchecked")
        java.util.Set<String> keys = (java.util.Set<String>) world.snapshot().get("requestKeys");
        assertEquals(2, keys.size(), keys.toString());
        assertTrue(keys.stream().noneMatch(k -> k.endsWith("old")), keys.toString());
        // a repeat after the time to live acts again: here, a renewal
        assertTrue(world.ok(new Commands.CheckOut(keyed("old"), "P1", "I1", null, false, false, false)).renewal());
    }

    @Test
    void readCommandsIgnoreKeys() {
        Map<String, Object> before = world.snapshot();
        world.ok(new Commands.LookupPatron(keyed("read"), "P1", null));
        world.ok(new Commands.LookupItem(keyed("read"), "I1"));
        assertEquals(before, world.snapshot());
    }

    @Test
    void eventsArePublishedOnceAfterCommit() {
        world.ok(new Commands.CheckOut(keyed("e1"), "P1", "I1", null, false, false, false));
        world.ok(new Commands.CheckOut(keyed("e1"), "P1", "I1", null, false, false, false));
        List<EventType> published = world.published.stream().map(e -> e.type()).toList();
        assertEquals(List.of(EventType.CHECKOUT), published);
        assertEquals(world.events(), world.published);
        assertNotEquals(0, world.published.get(0).id());
    }
}
