package org.stackbridge.adapter.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.stackbridge.core.command.Command;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.CirculationEvent;
import org.stackbridge.core.model.Fee;
import org.stackbridge.core.model.FeeType;
import org.stackbridge.core.model.Hold;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.Library;
import org.stackbridge.core.model.Loan;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.policy.CirculationRule;
import org.stackbridge.core.security.PinHashing;
import org.stackbridge.core.security.PinVerifier;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.core.service.EngineSettings;
import org.stackbridge.core.testing.TestClock;

/**
 * A small library world for engine scenarios: institution MAIN with branches MAIN and BRANCH, a second
 * institution OTHER, a fixed clock starting Monday 2026-03-02 10:00 UTC, and the in-memory engine.
 */
public final class World implements AutoCloseable {

    public static final Instant START = Instant.parse("2026-03-02T10:00:00Z");
    public static final String PIN = "1234";

    public final TestClock clock = new TestClock(START);
    public final List<CirculationEvent> published = new CopyOnWriteArrayList<>();
    public final InMemoryCirculation circ;

    public World() {
        this(EngineSettings.defaults());
    }

    public World(EngineSettings settings) {
        this(settings, SecretHasher::verify);
    }

    /** A world whose engine checks PINs with {@code slowPinCheck} behind its PIN cache (tests count the calls). */
    public World(EngineSettings settings, PinVerifier.SlowCheck slowPinCheck) {
        this(settings, slowPinCheck, null);
    }

    /** As above, PINs hashed on {@code hashing} off the store's threads, as in the gateway (null: in the transaction). */
    public World(EngineSettings settings, PinVerifier.SlowCheck slowPinCheck, PinHashing hashing) {
        circ = new InMemoryCirculation(clock, settings, published::addAll, new PinVerifier(clock, settings.pins(), slowPinCheck), hashing);
        circ.library("MAIN", "MAIN");
        circ.library("BRANCH", "MAIN");
        circ.library("OTHER", "OTHER");
    }

    // ------------------------------------------------------------ seeding

    public Patron patron(String barcode) {
        return circ.patron(barcode, PIN, "ADULT", "MAIN");
    }

    public Patron patron(String barcode, String category, String library) {
        return circ.patron(barcode, PIN, category, library);
    }

    public Patron patron(String barcode, LocalDate expires, boolean cardLost) {
        return circ.patron(new Patron(0, barcode, circ.hasher().hash(PIN), "Patron " + barcode, "ADULT", null, null, null,
                expires, "MAIN", cardLost));
    }

    public BibRecord bib(String controlNumber) {
        return circ.bib(controlNumber, "Title " + controlNumber, "Author");
    }

    public Item item(String barcode, BibRecord bib) {
        return circ.item(barcode, bib, "BOOK", "MAIN");
    }

    public Item item(String barcode, BibRecord bib, String type, String library) {
        return circ.item(barcode, bib, type, library);
    }

    public World rule(CirculationRule rule) {
        circ.rule(rule);
        return this;
    }

    public Library calendar(String code, String institution, ZoneId zone, Set<DayOfWeek> closedWeekdays, Set<LocalDate> closedDates) {
        Library lib = new Library(code, code + " library", institution, zone, closedWeekdays, closedDates);
        circ.store().runNow(tx -> {
            tx.libraries().save(lib);
            return null;
        });
        return lib;
    }

    public void advance(Duration d) {
        clock.advance(d);
    }

    public void advanceDays(long days) {
        clock.advance(Duration.ofDays(days));
    }

    // ------------------------------------------------------------ contexts and commands

    public RequestContext at(String library) {
        return new RequestContext(Channel.SIP2, "kiosk", "kiosk-1", "MAIN", library, null, null);
    }

    public RequestContext ctx() {
        return at("MAIN");
    }

    public Commands.CheckOut checkout(String patron, String item) {
        return new Commands.CheckOut(ctx(), patron, item, null, false, false, false);
    }

    public Commands.CheckIn checkin(String item) {
        return new Commands.CheckIn(ctx(), item, false);
    }

    public Commands.CheckIn checkinAt(String library, String item) {
        return new Commands.CheckIn(at(library), item, false);
    }

    public Commands.Renew renew(String patron, String item) {
        return new Commands.Renew(ctx(), patron, item, null);
    }

    public Commands.PlaceHold titleHold(String patron, String bib, String pickup) {
        return new Commands.PlaceHold(ctx(), patron, null, bib, pickup, null);
    }

    public Commands.PlaceHold itemHold(String patron, String item, String pickup) {
        return new Commands.PlaceHold(ctx(), patron, item, null, pickup, null);
    }

    public Commands.AssessFee assess(String patron, String amount) {
        return new Commands.AssessFee(ctx(), patron, FeeType.MANUAL, Money.of(amount, "USD"), null, "manual " + amount);
    }

    /** Manual fees for the patron, one an hour from now on (so oldest-first order is theirs); their ids. */
    public List<Long> assessHourly(String patron, String... amounts) {
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < amounts.length; i++) {
            if (i > 0) {
                advance(Duration.ofHours(1));
            }
            ids.add(ok(assess(patron, amounts[i])).feeId());
        }
        return ids;
    }

    public Commands.PayFee pay(String patron, String amount, Long feeId, String transactionId) {
        return new Commands.PayFee(ctx(), patron, Money.of(amount, "USD"), feeId, transactionId, "cash");
    }

    public Commands.LookupPatron lookup(String patron) {
        return new Commands.LookupPatron(ctx(), patron, null);
    }

    public Views.PatronInfo info(String patron) {
        return ok(lookup(patron));
    }

    public Views.ItemInfo itemInfo(String item) {
        return ok(new Commands.LookupItem(ctx(), item));
    }

    // ------------------------------------------------------------ running

    public <R> Outcome<R> run(Command<R> command) {
        try {
            return circ.port().execute(command).toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("command did not complete: " + command, e);
        }
    }

    public <R> R ok(Command<R> command) {
        Outcome<R> outcome = run(command);
        if (outcome instanceof Outcome.Refused<R> r) {
            fail(command + " was refused: " + r.reason() + " " + r.message());
        }
        return outcome.value();
    }

    public <R> Outcome.Refused<R> refused(Command<R> command, RefusalReason reason) {
        Outcome<R> outcome = run(command);
        if (!(outcome instanceof Outcome.Refused<R> r)) {
            throw new AssertionError(command + " succeeded, expected " + reason + ": " + outcome);
        }
        assertEquals(reason, r.reason(), () -> command + ": " + r.message());
        assertTrue(r.message() != null && !r.message().isBlank(), "a refusal carries a human message");
        return r;
    }

    /** Asserts the refusal and that no table changed, not even the event log. */
    public <R> Outcome.Refused<R> refusedWithoutChange(Command<R> command, RefusalReason reason) {
        Map<String, Object> before = circ.store().snapshot();
        Outcome.Refused<R> r = refused(command, reason);
        assertEquals(before, circ.store().snapshot(), () -> "refused " + command + " changed storage");
        return r;
    }

    public Map<String, Object> snapshot() {
        return circ.store().snapshot();
    }

    // ------------------------------------------------------------ reading storage

    public Item storedItem(String barcode) {
        return circ.store().runNow(tx -> tx.items().byBarcode(barcode).orElseThrow());
    }

    public List<Loan> openLoans(String patronBarcode) {
        return circ.store().runNow(tx -> tx.loans().openForPatron(tx.patrons().byBarcode(patronBarcode).orElseThrow().id()));
    }

    @SuppressWarnings("unchecked")
    public List<Loan> allLoans() {
        return (List<Loan>) circ.store().snapshot().get("loans");
    }

    public java.util.Optional<Loan> openLoanFor(String itemBarcode) {
        return circ.store().runNow(tx -> tx.loans().openForItem(tx.items().byBarcode(itemBarcode).orElseThrow().id()));
    }

    public List<Fee> openFees(String patronBarcode) {
        return circ.store().runNow(tx -> tx.fees().openForPatron(tx.patrons().byBarcode(patronBarcode).orElseThrow().id()));
    }

    public Hold hold(long id) {
        return circ.store().runNow(tx -> tx.holds().byId(id).orElseThrow());
    }

    public List<CirculationEvent> events() {
        return circ.store().runNow(tx -> tx.events().between(Instant.EPOCH, Instant.parse("9999-01-01T00:00:00Z"), Integer.MAX_VALUE));
    }

    @Override
    public void close() {
        circ.close();
    }
}
