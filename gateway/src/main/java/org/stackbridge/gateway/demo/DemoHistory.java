package org.stackbridge.gateway.demo;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.core.cataloguing.CatalogueCommands;
import org.stackbridge.core.command.Command;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.ill.IllCommands;
import org.stackbridge.core.ill.IllViews;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.FeeType;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.port.CirculationPort;
import org.stackbridge.core.port.TransactionRunner;
import org.stackbridge.gateway.Gateway;

/**
 * The demo library's past two months, replayed through the circulation engine as the product runs it: every loan,
 * return, renewal, hold, lost item and fee is a command of the kiosk (SIP2, terminal login {@code kiosk}), the desk
 * (the console's staff login) or the ReShare partner (NCIP), executed on an engine whose clock is set to the moment
 * it happened, so the event log, loans, fees and holds carry those times and the reports and the notice job read
 * them exactly as they read a real library's. All times are fixed offsets from the demo's start ({@code now}).
 *
 * <p>What it leaves for the notice job: loans due in two days (pre-due), overdue at each of the three levels (and a
 * DVD under its own shorter intervals), an item billed as lost, a damage fee and a late-return fine, a hold waiting on
 * the shelf and one whose shelf time ends tomorrow; some patrons take their notices on paper ({@link DemoData}) and
 * one card expires within the month. Replayed once: a second start on the same data finds P0001's history and adds
 * nothing.
 */
public final class DemoHistory {

    private static final Logger LOG = LoggerFactory.getLogger(DemoHistory.class);
    private static final long DAY = 86_400L;

    static final RequestContext KIOSK = new RequestContext(Channel.SIP2, DemoData.SIP2_LOGIN, DemoData.SIP2_LOGIN, "MAIN", "MAIN", null, null);
    static final RequestContext DESK = new RequestContext(Channel.DESK, DemoData.STAFF_LOGIN, "staff-console", "MAIN", "MAIN", null, null);
    static final RequestContext NCIP = new RequestContext(Channel.NCIP, DemoData.NCIP_PARTNER, DemoData.NCIP_PARTNER, "MAIN", "MAIN", null, null);

    private final CirculationPort port;
    private final ReplayClock clock;
    private final Instant now;
    private final List<Step> steps = new ArrayList<>();
    private final Set<String> failed = new HashSet<>();
    private int done;
    private int refused;

    private DemoHistory(CirculationPort port, ReplayClock clock, Instant now) {
        this.port = port;
        this.clock = clock;
        this.now = now;
    }

    /** A step of the history: a command at a time; {@code after} names the step it needs (skipped if that one failed). */
    private record Step(Instant at, String name, String after, Command<?> command) {
    }

    /** Replays the history on {@code gateway}'s storage unless it is there already; returns a summary line. */
    public static String replay(Gateway gateway, Instant now) {
        TransactionRunner storage = gateway.storage();
        Patron first = storage.read(tx -> tx.patrons().byBarcode("P0001")).join().orElseThrow();
        if (!storage.read(tx -> tx.events().forPatron(first.id(), 0, 1)).join().isEmpty()) {
            return "history already there";
        }
        ReplayClock clock = new ReplayClock(now);
        DemoHistory history = new DemoHistory(gateway.engineOn(clock), clock, now);
        List<Item> items = storage.read(tx -> tx.items().page(0, 1000)).join();
        history.plan(items);
        history.run();
        return history.done + " circulation steps over 62 days" + (history.refused == 0 ? "" : " (" + history.refused + " refused)");
    }

    private void plan(List<Item> all) {
        List<String> books = all.stream().filter(i -> i.barcode().startsWith("I") && "BOOK".equals(i.itemType())
                && i.status() == ItemStatus.AVAILABLE).map(Item::barcode).toList();
        List<String> dvds = all.stream().filter(i -> i.barcode().startsWith("I") && "DVD".equals(i.itemType())
                && i.status() == ItemStatus.AVAILABLE).map(Item::barcode).toList();
        int next = 0;

        // returned loans, one a day from 62 to 27 days ago: six in ten at the kiosk, three at the desk, one to the
        // ReShare partner over NCIP; kept 5 to 16 days, renewed at the kiosk now and then
        for (int k = 0; k < 36; k++) {
            String item = books.get(next++);
            String patron = String.format("P%04d", 1 + k % 14);
            int mod = k % 10;
            RequestContext out = mod < 6 ? KIOSK : mod < 9 ? DESK : NCIP;
            if (out == NCIP) {
                patron = "ILL-RESHARE";
            }
            Instant issued = at(62 - k, 10 + k % 8, 5 * k % 60);
            String loan = "loan " + item;
            checkOut(issued, loan, null, out, patron, item);
            if (k % 7 == 3 && out != NCIP) {
                add(issued.plusSeconds(10 * DAY + 3_600), "renew " + item, loan, new Commands.Renew(KIOSK, patron, item, null));
            }
            RequestContext back = out == NCIP ? NCIP : k % 3 == 0 ? DESK : KIOSK;
            add(issued.plusSeconds((5 + k % 12) * DAY + 2 * 3_600), "return " + item, loan, new Commands.CheckIn(back, item, false));
        }

        // open loans: due within the pre-due days (one patron on paper), overdue at levels 1, 2 and 3, a DVD overdue
        // under its own 1/7/14-day notices
        checkOut(at(20, 11, 0), "pre-due 1", null, KIOSK, "P0002", books.get(next++));
        checkOut(at(20, 15, 30), "pre-due 2", null, DESK, "P0005", books.get(next++));
        checkOut(at(26, 10, 15), "overdue-1 a", null, KIOSK, "P0003", books.get(next++));
        checkOut(at(26, 16, 40), "overdue-1 b", null, KIOSK, "P0010", books.get(next++));
        checkOut(at(41, 12, 5), "overdue-2", null, DESK, "P0004", books.get(next++));
        checkOut(at(56, 14, 20), "overdue-3 a", null, KIOSK, "P0006", books.get(next++));
        checkOut(at(56, 14, 25), "overdue-3 b", null, KIOSK, "P0015", books.get(next++));
        if (!dvds.isEmpty()) {
            checkOut(at(10, 17, 0), "dvd", null, KIOSK, "P0007", dvds.get(0));
        }

        // lost: borrowed two and a half weeks ago (not yet due), reported lost at the desk three days ago and billed
        // (the replacement and the processing fee)
        String lost = books.get(next++);
        checkOut(at(17, 10, 45), "lost", null, KIOSK, "P0008", lost);
        add(at(3, 11, 30), "mark lost", "lost", new CatalogueCommands.ChangeItem(DESK, lost, null, ItemStatus.LOST,
                "patron reports it lost", null, null));

        // fees: a damage charge at the desk two days ago, and a fine for a late return yesterday
        add(at(2, 12, 0), "damage fee", null, new Commands.AssessFee(DESK, "P0009", FeeType.DAMAGE, usd("3.50"), null,
                "Water damage to a returned book"));
        String late = books.get(next++);
        checkOut(at(27, 9, 50), "late", null, KIOSK, "P0011", late);
        add(at(1, 10, 5), "late return", "late", new Commands.CheckIn(KIOSK, late, false));

        // holds: one trapped at the desk yesterday (waiting on the shelf), one trapped at the kiosk six days ago (its
        // shelf time ends tomorrow)
        String held = books.get(next++);
        checkOut(at(12, 13, 0), "held loan", null, KIOSK, "P0012", held);
        add(at(5, 16, 0), "hold ready", "held loan", new Commands.PlaceHold(DESK, "P0013", held, null, "MAIN", null));
        add(at(1, 15, 10), "trap ready", "hold ready", new Commands.CheckIn(DESK, held, false));
        String expiring = books.get(next++);
        checkOut(at(15, 11, 20), "expiring loan", null, KIOSK, "P0014", expiring);
        add(at(9, 10, 0), "hold expiring", "expiring loan", new Commands.PlaceHold(KIOSK, "P0001", expiring, null, "MAIN", null));
        add(at(6, 9, 40), "trap expiring", "hold expiring", new Commands.CheckIn(KIOSK, expiring, false));

        // interlibrary loan: a title P0017 asked for through the partners' own request system arrived from ReShare
        // yesterday (NCIP AcceptItem): a temporary item on the hold shelf, and an "ILL item arrived" notice due
        add(at(1, 9, 15), "ill arrived", null, new IllCommands.ReceiveItem(NCIP, DemoData.NCIP_PARTNER, "RS-DEMO-0001", "P0017",
                "ILL-0001", new IllViews.Citation("The Library Book", "Orlean, Susan", "9781476740188", null), "MAIN", null, null,
                now.plusSeconds(21 * DAY)));
    }

    private void checkOut(Instant at, String name, String after, RequestContext ctx, String patron, String item) {
        add(at, name, after, new Commands.CheckOut(ctx, patron, item, null, false, false, true));
    }

    private void add(Instant at, String name, String after, Command<?> command) {
        steps.add(new Step(at, name, after, command));
    }

    private void run() {
        steps.sort(Comparator.comparing(Step::at));
        for (Step s : steps) {
            if (s.after() != null && failed.contains(s.after())) {
                failed.add(s.name());
                continue;
            }
            clock.set(s.at());
            Outcome<?> outcome;
            try {
                outcome = port.execute(s.command()).toCompletableFuture().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("demo history: " + s.name() + " at " + s.at() + " failed", e);
            }
            if (outcome.isSuccess()) {
                done++;
            } else {
                // a step the rules refuse (a patron over a limit that day) is left out with what depends on it
                refused++;
                failed.add(s.name());
                LOG.info("demo history: {} at {} refused: {}", s.name(), s.at(), outcome);
            }
        }
        clock.set(now);
    }

    /** {@code days} days before the demo's start, at {@code hour}:{@code minute} UTC of that day. */
    private Instant at(int days, int hour, int minute) {
        return now.atZone(ZoneOffset.UTC).toLocalDate().minusDays(days).atTime(hour, minute).toInstant(ZoneOffset.UTC);
    }

    private static Money usd(String amount) {
        return new Money(new BigDecimal(amount), Currency.getInstance("USD"));
    }

    /** The replaying engine's clock: the moment of the step being replayed. */
    static final class ReplayClock extends Clock {
        private volatile Instant instant;

        ReplayClock(Instant instant) {
            this.instant = instant;
        }

        void set(Instant at) {
            instant = at;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(instant, zone);
        }

        @Override
        public Instant instant() {
            return instant;
        }
    }
}
