package org.stackbridge.adapter.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.command.Commands.CheckIn;
import org.stackbridge.core.command.Commands.CheckOut;
import org.stackbridge.core.command.Commands.PlaceHold;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.Hold;
import org.stackbridge.core.model.HoldStatus;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Library;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.service.LocalCirculationPort;

/**
 * Two gateways on one PostgreSQL database check in several copies of a title at once while one patron waits
 * for it. Exactly one copy may be trapped for that hold; the others go back to the shelf. Without row locks on
 * the reads a decision rests on, both writers read the hold as waiting and the later update overwrites the
 * earlier (two copies on the hold shelf for one hold).
 */
class PostgresTwoGatewaysHoldIT {

    static final int ROUNDS = 8;
    static final int COPIES = 6;

    @Test
    void concurrentCheckinsOfCopiesTrapTheOneWaitingHoldOnce() throws Exception {
        JdbcSettings settings = TestPostgres.freshDatabase();
        try (JdbcStorage a = JdbcStorage.open(settings); JdbcStorage b = JdbcStorage.open(settings)) {
            LocalCirculationPort[] gateways = {TwoGatewaysCheckoutContract.gateway(a), TwoGatewaysCheckoutContract.gateway(b)};
            seed(a);
            RequestContext ctx = RequestContext.of(Channel.SIP2, "kiosk", "MAIN");
            for (int round = 0; round < ROUNDS; round++) {
                for (int c = 0; c < COPIES; c++) {
                    Outcome<Views.CheckedOut> out = gateways[c % 2].execute(new CheckOut(ctx, "B" + c, "R" + round + "-" + c, null, false,
                            false, false)).toCompletableFuture().get(30, TimeUnit.SECONDS);
                    assertTrue(out.isSuccess(), "checkout: " + out);
                }
                Outcome<Views.HoldPlaced> placed = gateways[0].execute(new PlaceHold(ctx, "H", null, "bib-" + round, "MAIN", null))
                        .toCompletableFuture().get(30, TimeUnit.SECONDS);
                long holdId = placed.value().holdId();

                List<CompletableFuture<Outcome<Views.CheckedIn>>> checkins = new ArrayList<>();
                for (int c = 0; c < COPIES; c++) {
                    checkins.add(gateways[c % 2].execute(new CheckIn(ctx, "R" + round + "-" + c, false)).toCompletableFuture());
                }
                List<String> trapped = new ArrayList<>();
                for (int c = 0; c < COPIES; c++) {
                    Outcome<Views.CheckedIn> in = checkins.get(c).get(60, TimeUnit.SECONDS);
                    assertTrue(in.isSuccess(), "checkin: " + in);
                    if (in.value().hold() != null) {
                        assertEquals(holdId, in.value().hold().holdId());
                        trapped.add("R" + round + "-" + c);
                    }
                }
                assertEquals(1, trapped.size(), "round " + round + ": copies reported as trapped for the one hold: " + trapped);
                Hold hold = a.read(tx -> tx.holds().byId(holdId).orElseThrow()).get(30, TimeUnit.SECONDS);
                assertEquals(HoldStatus.READY, hold.status());
                Item onShelf = a.read(tx -> tx.items().byId(hold.trappedItemId()).orElseThrow()).get(30, TimeUnit.SECONDS);
                assertEquals(trapped.get(0), onShelf.barcode(), "the hold names the copy its checkin reported");
                int round0 = round;
                long onHoldShelf = a.read(tx -> tx.items().byBib(tx.bibs().byControlNumber("bib-" + round0).orElseThrow().id())).get(30,
                        TimeUnit.SECONDS).stream().filter(i -> i.status() == ItemStatus.ON_HOLD_SHELF).count();
                assertEquals(1, onHoldShelf, "round " + round + ": one copy on the hold shelf");
            }
        }
    }

    private static void seed(JdbcStorage storage) throws Exception {
        storage.write(tx -> {
            tx.libraries().save(Library.of("MAIN", "Main library"));
            tx.patrons().insert(new Patron(0, "H", null, "Holder", "ADULT", null, null, null, LocalDate.of(2099, 1, 1), "MAIN", false));
            for (int c = 0; c < COPIES; c++) {
                tx.patrons().insert(new Patron(0, "B" + c, null, "Borrower " + c, "ADULT", null, null, null, LocalDate.of(2099, 1, 1),
                        "MAIN", false));
            }
            for (int r = 0; r < ROUNDS; r++) {
                BibRecord bib = tx.bibs().insert(new BibRecord(0, "bib-" + r, "Title " + r, null, null, null, null, null));
                for (int c = 0; c < COPIES; c++) {
                    tx.items().insert(new Item(0, "R" + r + "-" + c, bib.id(), "BOOK", "MAIN", "MAIN", "Stacks", null, new BigDecimal("10.00"),
                            ItemStatus.AVAILABLE, null, null));
                }
            }
            return null;
        }).get(30, TimeUnit.SECONDS);
    }
}
