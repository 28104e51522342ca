package org.stackbridge.adapter.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.command.Commands.CheckIn;
import org.stackbridge.core.command.Commands.CheckOut;
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
import org.stackbridge.core.policy.CirculationRule;
import org.stackbridge.core.policy.ClosedDayStrategy;
import org.stackbridge.core.policy.PeriodUnit;
import org.stackbridge.core.policy.PolicyTable;
import org.stackbridge.core.port.EventSink;
import org.stackbridge.core.service.CirculationEngine;
import org.stackbridge.core.service.EngineSettings;
import org.stackbridge.core.service.LocalCirculationPort;

/**
 * Two gateways (two {@link JdbcStorage} instances, each with its own pools and writer) share one database
 * and are hammered with checkouts of the same items by different patrons. The database constraint plus
 * the writer's conflict retry must leave exactly one loan per item per round.
 */
interface TwoGatewaysCheckoutContract {

    int PATRONS = 12;
    int ITEMS = 10;
    int ROUNDS = 3;
    Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    CirculationRule RULE = new CirculationRule(null, null, null, 14, PeriodUnit.DAYS, 0, 14, 1_000, new BigDecimal("0.25"), 2,
            new BigDecimal("5.00"), true, 7, ClosedDayStrategy.NEXT_OPEN_DAY, "test");

    /** Settings of the one database both gateways use. */
    JdbcSettings sharedDatabase();

    static LocalCirculationPort gateway(JdbcStorage storage) {
        CirculationEngine engine = new CirculationEngine(Clock.fixed(NOW, ZoneOffset.UTC), EngineSettings.defaults(),
                () -> new PolicyTable(List.of(RULE)));
        return new LocalCirculationPort(engine, storage, EventSink.NONE);
    }

    @Test
    default void concurrentCheckoutsOfTheSameItemsFromTwoGatewaysMakeExactlyOneLoanEach() throws Exception {
        race(sharedDatabase(), p -> "kiosk-" + (p % 2));
    }

    /**
     * The same race with every patron at a terminal of its own, and four writers per gateway (on PostgreSQL; H2 runs one):
     * the terminals' checkouts spread over all writers of both gateways, so the same item is fought over by writers of
     * one process as well as across the two, and each item still goes to exactly one patron.
     */
    @Test
    default void manyTerminalsOverFourWritersPerGatewayStillLendEachItemOnce() throws Exception {
        JdbcSettings settings = sharedDatabase().withWriters(4);
        List<JdbcStorage> opened = race(settings, p -> "kiosk-" + p);
        for (JdbcStorage gateway : opened) {
            List<JdbcStorage.WriterStats> perWriter = gateway.statsPerWriter();
            assertEquals(settings.writerCount(), perWriter.size());
            assertTrue(perWriter.stream().allMatch(s -> s.committedUnits() > 0), "every writer took part: " + perWriter);
        }
    }

    /** Runs the race with patron p at terminal {@code terminalOf(p)}; returns both (closed) storages for their counters. */
    private static List<JdbcStorage> race(JdbcSettings settings, java.util.function.IntFunction<String> terminalOf) throws Exception {
        try (JdbcStorage a = JdbcStorage.open(settings); JdbcStorage b = JdbcStorage.open(settings)) {
            seed(a);
            LocalCirculationPort[] gateways = {gateway(a), gateway(b)};
            long successes = 0;
            for (int round = 0; round < ROUNDS; round++) {
                // every patron tries every item, alternating gateways, all in flight at once
                List<CompletableFuture<Outcome<Views.CheckedOut>>> futures = new ArrayList<>();
                List<String[]> asked = new ArrayList<>();
                for (int p = 0; p < PATRONS; p++) {
                    for (int i = 0; i < ITEMS; i++) {
                        LocalCirculationPort port = gateways[(p + i + round) % 2];
                        RequestContext ctx = RequestContext.of(Channel.SIP2, terminalOf.apply(p), "MAIN");
                        futures.add(port.execute(new CheckOut(ctx, "P" + p, "I" + i, null, false, false, false)).toCompletableFuture());
                        asked.add(new String[] {"P" + p, "I" + i});
                    }
                }
                Map<String, String> borrowerOf = new HashMap<>();
                for (int k = 0; k < futures.size(); k++) {
                    Outcome<Views.CheckedOut> outcome = futures.get(k).get(60, TimeUnit.SECONDS);
                    String patron = asked.get(k)[0];
                    String item = asked.get(k)[1];
                    if (outcome instanceof Outcome.Success<Views.CheckedOut>) {
                        String previous = borrowerOf.put(item, patron);
                        assertEquals(null, previous, "round " + round + ": " + item + " lent to " + previous + " and " + patron);
                    } else {
                        Outcome.Refused<Views.CheckedOut> refused = (Outcome.Refused<Views.CheckedOut>) outcome;
                        assertEquals(RefusalReason.ITEM_CHECKED_OUT_TO_OTHER, refused.reason(),
                                "round " + round + " " + patron + "/" + item + ": " + refused.message());
                    }
                }
                assertEquals(ITEMS, borrowerOf.size(), "round " + round + ": every item lent once");
                successes += borrowerOf.size();
                for (Map.Entry<String, String> e : borrowerOf.entrySet()) {
                    Loan open = a.read(tx -> tx.loans().openForItem(tx.items().byBarcode(e.getKey()).orElseThrow().id()))
                            .get(30, TimeUnit.SECONDS).orElseThrow();
                    Patron borrower = a.read(tx -> tx.patrons().byId(open.patronId())).get(30, TimeUnit.SECONDS).orElseThrow();
                    assertEquals(e.getValue(), borrower.barcode(), "the loan row belongs to the acknowledged borrower");
                }
                // return everything through both gateways for the next round
                List<CompletableFuture<Outcome<Views.CheckedIn>>> checkins = new ArrayList<>();
                for (int i = 0; i < ITEMS; i++) {
                    RequestContext ctx = RequestContext.of(Channel.SIP2, "kiosk-0", "MAIN");
                    checkins.add(gateways[i % 2].execute(new CheckIn(ctx, "I" + i, false)).toCompletableFuture());
                }
                for (CompletableFuture<Outcome<Views.CheckedIn>> f : checkins) {
                    assertTrue(f.get(60, TimeUnit.SECONDS) instanceof Outcome.Success, "checkin failed: " + f.get());
                }
            }
            long loanRows = countLoans(a);
            assertEquals(successes, loanRows, "one loan row per acknowledged checkout, no duplicates");
            assertEquals(ROUNDS * ITEMS, successes);
            org.slf4j.LoggerFactory.getLogger(TwoGatewaysCheckoutContract.class).info("writers A {} / writers B {}", a.statsPerWriter(),
                    b.statsPerWriter());
            return List.of(a, b);
        }
    }

    private static long countLoans(JdbcStorage storage) throws Exception {
        return storage.read(tx -> ((JdbcStoreTx) tx).sql().count("SELECT COUNT(*) FROM loan")).get(30, TimeUnit.SECONDS);
    }

    private static void seed(JdbcStorage storage) throws Exception {
        storage.write(tx -> {
            tx.libraries().save(Library.of("MAIN", "Main library"));
            for (int p = 0; p < PATRONS; p++) {
                tx.patrons().insert(new Patron(0, "P" + p, null, "Patron " + p, "ADULT", null, null, null, LocalDate.of(2099, 1, 1),
                        "MAIN", false));
            }
            BibRecord bib = tx.bibs().insert(new BibRecord(0, "bib-1", "Shared title", null, null, null, null, null));
            for (int i = 0; i < ITEMS; i++) {
                tx.items().insert(new Item(0, "I" + i, bib.id(), "BOOK", "MAIN", "MAIN", "Stacks", null, new BigDecimal("10.00"),
                        ItemStatus.AVAILABLE, null, null));
            }
            return null;
        }).get(30, TimeUnit.SECONDS);
    }
}
