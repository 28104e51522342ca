package org.stackbridge.adapter.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.stackbridge.core.command.Command;
import org.stackbridge.core.command.Commands.CheckIn;
import org.stackbridge.core.command.Commands.CheckOut;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.CirculationEvent;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Library;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.service.LocalCirculationPort;

/**
 * Several writers in one storage (4 on PostgreSQL; H2 has one): each terminal's commands, all sent at once without
 * waiting for answers, still commit in the order they were sent, while different terminals' commands are spread over
 * the writers. Were a terminal's commands spread too, a checkin would now and then run before its checkout (answering
 * "was not checked out") and leave the loan open.
 */
interface WritersOrderContract {

    int TERMINALS = 16;
    int ITEMS_PER_TERMINAL = 12;
    /** Each item is checked out and in this many times by its terminal. */
    int CYCLES = 2;

    /** A fresh database; the storage is opened with {@link #writers()} writers. */
    JdbcSettings database();

    /** How many writers the storage must run (what {@link JdbcSettings#writerCount()} gives for the database). */
    int writers();

    @Test
    @Timeout(180)
    default void eachTerminalsCommandsCommitInTheOrderTheyWereSent() throws Exception {
        try (JdbcStorage storage = JdbcStorage.open(database().withWriters(4))) {
            assertEquals(writers(), storage.statsPerWriter().size());
            seed(storage);
            LocalCirculationPort port = TwoGatewaysCheckoutContract.gateway(storage);
            List<CompletableFuture<? extends Outcome<?>>> futures = new ArrayList<>();
            List<String> sent = new ArrayList<>();
            // every terminal's whole sequence is in flight at once, the terminals' sequences interleaved
            for (int c = 0; c < CYCLES; c++) {
                for (int k = 0; k < ITEMS_PER_TERMINAL; k++) {
                    for (int t = 0; t < TERMINALS; t++) {
                        RequestContext ctx = terminal(t);
                        String item = item(t, k);
                        futures.add(send(port, new CheckOut(ctx, "P" + t, item, null, false, false, false)));
                        sent.add("checkout " + item);
                        futures.add(send(port, new CheckIn(ctx, item, false)));
                        sent.add("checkin " + item);
                    }
                }
            }
            for (int n = 0; n < futures.size(); n++) {
                Outcome<?> outcome = futures.get(n).get(120, TimeUnit.SECONDS);
                assertInstanceOf(Outcome.Success.class, outcome, sent.get(n) + ": " + outcome);
                Object result = ((Outcome.Success<?>) outcome).result();
                if (result instanceof Views.CheckedOut out) {
                    assertFalse(out.renewal(), sent.get(n) + " ran as a renewal: its checkin ran before it");
                } else {
                    assertTrue(((Views.CheckedIn) result).wasCheckedOut(), sent.get(n) + " ran before its checkout");
                }
            }
            for (int t = 0; t < TERMINALS; t++) {
                for (int k = 0; k < ITEMS_PER_TERMINAL; k++) {
                    String barcode = item(t, k);
                    List<EventType> types = storage.read(tx -> tx.events().forItem(tx.items().byBarcode(barcode).orElseThrow().id(), 100)
                            .stream().map(CirculationEvent::type).toList()).get(30, TimeUnit.SECONDS);
                    List<EventType> expected = new ArrayList<>();
                    for (int c = 0; c < CYCLES; c++) {
                        expected.addAll(List.of(EventType.CHECKOUT, EventType.CHECKIN));
                    }
                    assertEquals(expected, types, barcode + ": events in the order of their ids");
                }
            }
            long open = storage.read(tx -> ((JdbcStoreTx) tx).sql().count("SELECT COUNT(*) FROM loan WHERE open_item_id IS NOT NULL"))
                    .get(30, TimeUnit.SECONDS);
            assertEquals(0, open, "every loan was returned");
            // the terminals' commands were really spread: every writer committed some
            List<JdbcStorage.WriterStats> perWriter = storage.statsPerWriter();
            assertTrue(perWriter.stream().allMatch(s -> s.committedUnits() > 0), "units per writer: " + perWriter);
        }
    }

    @Test
    @Timeout(120)
    default void aRepeatedRequestKeySentAgainAtOnceActsOnceAndRepeatsTheFirstAnswer() throws Exception {
        try (JdbcStorage storage = JdbcStorage.open(database().withWriters(4))) {
            seed(storage);
            LocalCirculationPort port = TwoGatewaysCheckoutContract.gateway(storage);
            List<CompletableFuture<? extends Outcome<?>>> futures = new ArrayList<>();
            for (int t = 0; t < TERMINALS; t++) {
                // each terminal sends its checkout, and the same request again (a retransmission), without waiting
                RequestContext ctx = terminal(t).withRequestKey("AY1-checkout");
                for (int copy = 0; copy < 2; copy++) {
                    futures.add(send(port, new CheckOut(ctx, "P" + t, item(t, 0), null, false, false, false)));
                }
            }
            for (int t = 0; t < TERMINALS; t++) {
                Outcome<?> first = futures.get(2 * t).get(60, TimeUnit.SECONDS);
                Outcome<?> repeat = futures.get(2 * t + 1).get(60, TimeUnit.SECONDS);
                assertInstanceOf(Outcome.Success.class, first, "terminal " + t);
                assertEquals(first, repeat, "terminal " + t + ": the retransmission gets the first answer");
                String barcode = item(t, 0);
                List<EventType> types = storage.read(tx -> tx.events().forItem(tx.items().byBarcode(barcode).orElseThrow().id(), 100)
                        .stream().map(CirculationEvent::type).toList()).get(30, TimeUnit.SECONDS);
                assertEquals(List.of(EventType.CHECKOUT), types, barcode + " was checked out once");
            }
        }
    }

    private static <R> CompletableFuture<Outcome<R>> send(LocalCirculationPort port, Command<R> command) {
        return port.execute(command).toCompletableFuture();
    }

    private static RequestContext terminal(int t) {
        return RequestContext.of(Channel.SIP2, "kiosk-" + t, "MAIN");
    }

    private static String item(int terminal, int k) {
        return "T" + terminal + "-" + k;
    }

    private static void seed(JdbcStorage storage) throws Exception {
        storage.write(tx -> {
            tx.libraries().save(Library.of("MAIN", "Main library"));
            BibRecord bib = tx.bibs().insert(new BibRecord(0, "bib-1", "Shared title", null, null, null, null, null));
            for (int t = 0; t < TERMINALS; t++) {
                tx.patrons().insert(new Patron(0, "P" + t, null, "Patron " + t, "ADULT", null, null, null, LocalDate.of(2099, 1, 1),
                        "MAIN", false));
                for (int k = 0; k < ITEMS_PER_TERMINAL; k++) {
                    tx.items().insert(new Item(0, item(t, k), bib.id(), "BOOK", "MAIN", "MAIN", "Stacks", null, new BigDecimal("10.00"),
                            ItemStatus.AVAILABLE, null, null));
                }
            }
            return null;
        }).get(30, TimeUnit.SECONDS);
    }
}
