package org.stackbridge.adapter.memory.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.stackbridge.adapter.memory.InMemoryCirculation;
import org.stackbridge.adapter.memory.World;
import org.stackbridge.core.command.Command;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.FeeType;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.port.StoreTx;
import org.stackbridge.core.port.TransactionRunner;
import org.stackbridge.core.service.CirculationEngine;
import org.stackbridge.core.service.EngineSettings;
import org.stackbridge.core.service.LocalCirculationPort;
import org.stackbridge.core.testing.TestClock;

/** The port turns every failure into a typed outcome and keeps storage consistent. */
class PortBehaviourTest {

    /** A command no built-in handler knows. */
    record Explode(RequestContext context, String patronBarcode) implements Command<String> {
    }

    private static <R> Outcome<R> await(CompletionStage<Outcome<R>> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void anUnsupportedCommandIsRefusedAsAnInvalidRequest() throws Exception {
        try (World w = new World()) {
            Outcome<String> o = await(w.circ.port().execute(new Explode(w.ctx(), "P1")));
            assertEquals(RefusalReason.INVALID_REQUEST, ((Outcome.Refused<String>) o).reason());
        }
    }

    @Test
    void aHandlerThatFailsHalfwayLeavesNothingBehindAndAnswersSystemError() throws Exception {
        try (World w = new World()) {
            w.patron("P1");
            w.circ.engine().register(Explode.class, (cmd, tx) -> {
                tx.store().fees().insert(new org.stackbridge.core.model.Fee(0, 1, FeeType.MANUAL, Money.of("1", "USD"),
                        new java.math.BigDecimal("1.00"), null, null, "half", tx.now()));
                tx.log(cmd.context(), org.stackbridge.core.model.EventType.FEE_ASSESSED, "MAIN", 1L, null, "half");
                throw new IllegalStateException("boom");
            });
            Map<String, Object> before = w.snapshot();
            Outcome<String> o = await(w.circ.port().execute(new Explode(w.ctx().withRequestKey("x"), "P1")));
            Outcome.Refused<String> r = (Outcome.Refused<String>) o;
            assertEquals(RefusalReason.SYSTEM_ERROR, r.reason());
            // the class name stays in the log: refusal texts reach patrons' screens
            assertEquals("System error; nothing was changed.", r.message());
            assertEquals(before, w.snapshot());
            assertTrue(w.published.isEmpty(), "nothing is published for a rolled-back transaction");
        }
    }

    @Test
    void aFailingEventSinkDoesNotFailTheCommand() throws Exception {
        TestClock clock = new TestClock(World.START);
        try (InMemoryCirculation circ = new InMemoryCirculation(clock, EngineSettings.defaults(), events -> {
            throw new IllegalStateException("broker down");
        })) {
            circ.library("MAIN", "MAIN");
            circ.patron("P1", "1234", "ADULT", "MAIN");
            RequestContext ctx = RequestContext.of(Channel.API, "staff", "MAIN");
            Outcome<Views.FeeAssessed> o = await(circ.port().execute(
                    new Commands.AssessFee(ctx, "P1", FeeType.MANUAL, Money.of("1.00", "USD"), null, null)));
            assertTrue(o.isSuccess(), o.toString());
        }
    }

    @Test
    void aRunnerThatThrowsIsASystemErrorNotAnException() throws Exception {
        TestClock clock = new TestClock(World.START);
        CirculationEngine engine = new CirculationEngine(clock, EngineSettings.defaults(),
                () -> new org.stackbridge.core.policy.PolicyTable(List.of(InMemoryCirculation.DEFAULT_RULE)));
        TransactionRunner broken = new TransactionRunner() {
            @Override
            public <T> CompletableFuture<T> write(Function<StoreTx, T> work) {
                throw new IllegalStateException("pool closed");
            }

            @Override
            public <T> CompletableFuture<T> read(Function<StoreTx, T> work) {
                return CompletableFuture.failedFuture(new java.io.UncheckedIOException(new java.io.IOException("disk")));
            }

            @Override
            public void close() {
            }
        };
        LocalCirculationPort port = new LocalCirculationPort(engine, broken, org.stackbridge.core.port.EventSink.NONE);
        RequestContext ctx = RequestContext.of(Channel.SIP2, "kiosk", "MAIN");
        Outcome<Views.CheckedIn> write = await(port.execute(new Commands.CheckIn(ctx, "I1", false)));
        assertEquals(RefusalReason.SYSTEM_ERROR, ((Outcome.Refused<Views.CheckedIn>) write).reason());
        Outcome<Views.PatronInfo> read = await(port.execute(new Commands.LookupPatron(ctx, "P1", null)));
        Outcome.Refused<Views.PatronInfo> r = (Outcome.Refused<Views.PatronInfo>) read;
        assertEquals(RefusalReason.SYSTEM_ERROR, r.reason());
        assertFalse(r.message().contains("Exception"), r.message());
    }

    @Test
    void terminalLoginChecksTheStoredHash() {
        try (World w = new World()) {
            w.circ.account("sc1", "s3cret", "MAIN", "kiosk");
            Views.TerminalLogin ok = w.ok(new Commands.AuthenticateTerminal(w.ctx(), "sc1", "s3cret"));
            assertEquals("MAIN", ok.institution());
            assertEquals("kiosk", ok.profile());
            w.refused(new Commands.AuthenticateTerminal(w.ctx(), "sc1", "wrong"), RefusalReason.INVALID_CREDENTIALS);
            w.refused(new Commands.AuthenticateTerminal(w.ctx(), "nobody", "s3cret"), RefusalReason.INVALID_CREDENTIALS);
            w.refused(new Commands.AuthenticateTerminal(w.ctx(), null, null), RefusalReason.INVALID_CREDENTIALS);
            assertTrue(!new Commands.AuthenticateTerminal(w.ctx(), "sc1", "s3cret").toString().contains("s3cret"));
        }
    }

    @Test
    void commandsNeverPrintPins() {
        RequestContext ctx = RequestContext.of(Channel.SIP2, "kiosk", "MAIN");
        for (Object c : List.of(new Commands.CheckOut(ctx, "P1", "I1", "9876", true, false, false),
                new Commands.LookupPatron(ctx, "P1", "9876"), new Commands.Renew(ctx, "P1", "I1", "9876"),
                new Commands.RenewAll(ctx, "P1", "9876"))) {
            assertTrue(!c.toString().contains("9876"), c.toString());
        }
    }

    @Test
    void commandsFromManyCallersAllComplete() throws Exception {
        try (World w = new World()) {
            w.patron("P1");
            w.item("I1", w.bib("b1"));
            List<CompletableFuture<Outcome<Views.CheckedOut>>> all = new java.util.ArrayList<>();
            for (int i = 0; i < 50; i++) {
                all.add(w.circ.port().execute(w.checkout("P1", "I1")).toCompletableFuture());
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            long fresh = all.stream().map(CompletableFuture::join).filter(o -> o.isSuccess() && !o.value().renewal()).count();
            assertEquals(1, fresh, "one loan, then renewals or refusals");
            assertEquals(1, w.allLoans().size());
        }
    }
}
