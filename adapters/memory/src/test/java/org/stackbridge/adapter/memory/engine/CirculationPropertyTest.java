package org.stackbridge.adapter.memory.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stackbridge.core.policy.RuleBuilder.rule;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stackbridge.adapter.memory.World;
import org.stackbridge.core.command.Command;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.Hold;
import org.stackbridge.core.model.HoldStatus;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Loan;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.testing.SeededCases;

/**
 * Random circulation sequences keep the engine's invariants. Reproduce a failure with -Dsb.seed=&lt;base&gt;;
 * each assertion names the seed of its run.
 */
class CirculationPropertyTest {

    private static final long BASE_SEED = SeededCases.BASE_SEED;
    private static final int MAX_LOANS = 3;
    private static final int STEPS = 150;
    private static final String[] PATRONS = {"P1", "P2", "P3", "P4"};
    private static final String[] ITEMS = {"I1", "I2", "I3", "I4", "I5", "I6", "I7", "I8"};
    private static final String[] BIBS = {"b1", "b2", "b3"};

    private static World world(long seed) {
        World w = new World();
        w.rule(rule().maxLoans(MAX_LOANS).renewals(2, 7).build());
        for (String p : PATRONS) {
            w.patron(p);
        }
        List<BibRecord> bibs = new ArrayList<>();
        for (String b : BIBS) {
            bibs.add(w.bib(b));
        }
        for (int i = 0; i < ITEMS.length; i++) {
            w.item(ITEMS[i], bibs.get(i % bibs.size()), "BOOK", i % 4 == 3 ? "BRANCH" : "MAIN");
        }
        return w;
    }

    private static <T> T pick(Random r, T[] values) {
        return values[r.nextInt(values.length)];
    }

    private static Command<?> randomCommand(World w, Random r, boolean allowOffline) {
        RequestContext ctx = r.nextInt(4) == 0 ? w.at("BRANCH") : w.ctx();
        String patron = pick(r, PATRONS);
        String item = pick(r, ITEMS);
        return switch (r.nextInt(14)) {
            case 0, 1, 2 -> new Commands.CheckOut(ctx, patron, item, null, false, allowOffline && r.nextInt(6) == 0, false);
            case 3, 4 -> new Commands.CheckIn(r.nextInt(5) == 0 ? ctx.withOccurredAt(w.clock.instant().minus(Duration.ofHours(r.nextInt(200)))) : ctx,
                    item, false);
            case 5 -> new Commands.Renew(ctx, patron, item, null);
            case 6 -> new Commands.RenewAll(ctx, patron, null);
            case 7 -> new Commands.PlaceHold(ctx, patron, r.nextBoolean() ? item : null, pick(r, BIBS), r.nextBoolean() ? "MAIN" : "BRANCH",
                    r.nextInt(4) == 0 ? java.time.LocalDate.of(2026, 3, 2).plusDays(r.nextInt(40)) : null);
            case 8 -> new Commands.CancelHold(ctx, patron, null, pick(r, BIBS));
            case 9 -> new Commands.ChangeHold(ctx, patron, null, pick(r, BIBS), r.nextBoolean() ? "MAIN" : "BRANCH", null);
            case 10 -> new Commands.UpdateItem(ctx, item, ItemStatus.values()[r.nextInt(ItemStatus.values().length)], null, null);
            case 11 -> r.nextBoolean() ? new Commands.BlockPatron(ctx, patron, "random", false) : new Commands.UnblockPatron(ctx, patron);
            default -> new Commands.PayFee(ctx, patron, org.stackbridge.core.model.Money.of("0.25", "USD"), null, null, "cash");
        };
    }

    @SuppressWarnings("unchecked")
    private static void assertInvariants(World w, long seed, int step, Command<?> last, boolean limitHolds) {
        Map<String, Object> db = w.snapshot();
        List<Loan> loans = (List<Loan>) db.get("loans");
        List<Item> items = (List<Item>) db.get("items");
        List<Hold> holds = (List<Hold>) db.get("holds");
        List<Patron> patrons = (List<Patron>) db.get("patrons");
        String where = "seed=" + seed + " step=" + step + " after " + last;
        Map<Long, Integer> openPerItem = new HashMap<>();
        Map<Long, Integer> openPerPatron = new HashMap<>();
        for (Loan l : loans) {
            if (l.isOpen()) {
                openPerItem.merge(l.itemId(), 1, Integer::sum);
                openPerPatron.merge(l.patronId(), 1, Integer::sum);
                assertTrue(!l.dueAt().isBefore(l.issuedAt()), () -> where + ": due before issued " + l);
            }
        }
        openPerItem.forEach((item, n) -> assertEquals(1, n, () -> where + ": item " + item + " has " + n + " open loans"));
        if (limitHolds) {
            for (Patron p : patrons) {
                int n = openPerPatron.getOrDefault(p.id(), 0);
                assertTrue(n <= MAX_LOANS, () -> where + ": patron " + p.barcode() + " has " + n + " loans");
            }
        }
        for (Item i : items) {
            boolean onLoan = openPerItem.containsKey(i.id());
            // a lent item may be declared lost while the loan stays open
            boolean consistent = onLoan ? i.status() == ItemStatus.CHECKED_OUT || i.status() == ItemStatus.LOST
                    : i.status() != ItemStatus.CHECKED_OUT;
            assertTrue(consistent, () -> where + ": item " + i.barcode() + " " + i.status()
                    + (onLoan ? " with" : " without") + " an open loan");
            assertEquals(i.status() == ItemStatus.IN_TRANSIT, i.inTransitTo() != null, () -> where + ": transit destination of " + i);
        }
        for (org.stackbridge.core.model.Fee f : (List<org.stackbridge.core.model.Fee>) db.get("fees")) {
            assertTrue(f.remaining().signum() >= 0 && f.remaining().compareTo(f.amount().amount()) <= 0, () -> where + ": fee " + f);
        }
        Map<Long, Integer> trapsPerItem = new HashMap<>();
        for (Hold h : holds) {
            if (!h.status().isOpen()) {
                continue;
            }
            if (h.status() == HoldStatus.WAITING) {
                assertEquals(null, h.trappedItemId(), () -> where + ": waiting hold with an item " + h);
                continue;
            }
            Item trapped = items.stream().filter(i -> i.id() == h.trappedItemId()).findFirst().orElseThrow();
            trapsPerItem.merge(trapped.id(), 1, Integer::sum);
            ItemStatus expected = h.status() == HoldStatus.READY ? ItemStatus.ON_HOLD_SHELF : ItemStatus.IN_TRANSIT;
            assertEquals(expected, trapped.status(), () -> where + ": " + h + " but item " + trapped);
            if (h.status() == HoldStatus.READY) {
                assertEquals(h.pickupLibrary(), trapped.currentLibrary(), () -> where + ": ready hold away from pickup " + h);
                assertTrue(h.shelfExpiresOn() != null, () -> where + ": ready hold without shelf expiry " + h);
            } else {
                assertEquals(h.pickupLibrary(), trapped.inTransitTo(), () -> where + ": in-transit hold going elsewhere " + h);
            }
        }
        trapsPerItem.forEach((item, n) -> assertEquals(1, n, () -> where + ": item " + item + " trapped by " + n + " holds"));
        for (Item i : items) {
            if (i.status() == ItemStatus.ON_HOLD_SHELF) {
                assertTrue(trapsPerItem.containsKey(i.id()), () -> where + ": item on the hold shelf for nobody " + i);
            }
        }
        // every read view can be built from any reachable state, and agrees with storage
        for (Patron p : patrons) {
            org.stackbridge.core.outcome.Views.PatronInfo info = w.info(p.barcode());
            long open = loans.stream().filter(l -> l.isOpen() && l.patronId() == p.id()).count();
            assertEquals(open, info.loans().size(), () -> where + ": loan count of " + p.barcode());
            long openHolds = holds.stream().filter(h -> h.status().isOpen() && h.patronId() == p.id()).count();
            assertEquals(openHolds, info.holds().size(), () -> where + ": hold count of " + p.barcode());
        }
        for (Item i : items) {
            assertEquals(i.status(), w.itemInfo(i.barcode()).status(), where);
        }
    }

    @Test
    void onlineCirculationNeverExceedsTheLoanLimitOrLendsAnItemTwice() {
        SeededCases.run("CirculationPropertyTest.onlineCirculationNeverExceedsTheLoanLimitOrLendsAnItemTwice", BASE_SEED, 30, this::onlineCirculationNeverExceedsTheLoanLimitOrLendsAnItemTwiceCase);
    }

    private void onlineCirculationNeverExceedsTheLoanLimitOrLendsAnItemTwiceCase(long seed) {
        Random r = new Random(seed);
        try (World w = world(seed)) {
            for (int step = 0; step < STEPS; step++) {
                Command<?> c = randomCommand(w, r, false);
                Outcome<?> o = w.run(c);
                final int s = step;
                assertTrue(!(o instanceof Outcome.Refused<?> f) || f.reason() != RefusalReason.SYSTEM_ERROR,
                        () -> "seed=" + seed + " step=" + s + " " + c + " failed: " + o);
                assertInvariants(w, seed, step, c, true);
                w.advance(Duration.ofHours(r.nextInt(30)));
            }
        }
    }

    @Test
    void offlineTransactionsNeverLeaveTwoOpenLoansForAnItem() {
        SeededCases.run("CirculationPropertyTest.offlineTransactionsNeverLeaveTwoOpenLoansForAnItem", BASE_SEED + 1000, 30, this::offlineTransactionsNeverLeaveTwoOpenLoansForAnItemCase);
    }

    private void offlineTransactionsNeverLeaveTwoOpenLoansForAnItemCase(long seed) {
        Random r = new Random(seed);
        try (World w = world(seed)) {
            for (int step = 0; step < STEPS; step++) {
                Command<?> c = randomCommand(w, r, true);
                Outcome<?> o = w.run(c);
                final int s = step;
                assertTrue(!(o instanceof Outcome.Refused<?> f) || f.reason() != RefusalReason.SYSTEM_ERROR,
                        () -> "seed=" + seed + " step=" + s + " " + c + " failed: " + o);
                assertInvariants(w, seed, step, c, false);
                w.advance(Duration.ofHours(r.nextInt(30)));
            }
        }
    }
}
