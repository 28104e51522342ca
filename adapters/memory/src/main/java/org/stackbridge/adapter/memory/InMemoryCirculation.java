package org.stackbridge.adapter.memory;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Library;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.model.TerminalAccount;
import org.stackbridge.core.policy.CirculationRule;
import org.stackbridge.core.policy.ClosedDayStrategy;
import org.stackbridge.core.policy.PeriodUnit;
import org.stackbridge.core.policy.PolicyTable;
import org.stackbridge.core.port.EventSink;
import org.stackbridge.core.security.PinHashing;
import org.stackbridge.core.security.PinVerifier;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.core.service.CirculationEngine;
import org.stackbridge.core.service.EngineSettings;
import org.stackbridge.core.service.LocalCirculationPort;

/**
 * The engine on in-memory storage, with helpers to seed data: what listener and route tests run against.
 * Uses a fast PIN hash so tests stay quick.
 */
public final class InMemoryCirculation implements AutoCloseable {

    /** A default rule: 14-day loans, 2 renewals, 10 loans, 0.25 a day after 2 grace days capped at 5.00. */
    public static final CirculationRule DEFAULT_RULE = new CirculationRule(null, null, null, 14, PeriodUnit.DAYS, 2, 14, 10,
            new BigDecimal("0.25"), 2, new BigDecimal("5.00"), true, 7, ClosedDayStrategy.NEXT_OPEN_DAY, "test default");

    private final InMemoryStore store = new InMemoryStore();
    private final List<CirculationRule> rules = new ArrayList<>();
    private final CirculationEngine engine;
    private final LocalCirculationPort port;
    private final SecretHasher hasher = new SecretHasher(1_000);

    public InMemoryCirculation(Clock clock) {
        this(clock, EngineSettings.defaults(), EventSink.NONE);
    }

    public InMemoryCirculation(Clock clock, EngineSettings settings, EventSink sink) {
        this(clock, settings, sink, new PinVerifier(clock, settings.pins()));
    }

    /** An engine checking PINs with {@code pins}, e.g. one whose slow check a test counts. */
    public InMemoryCirculation(Clock clock, EngineSettings settings, EventSink sink, PinVerifier pins) {
        this(clock, settings, sink, pins, null);
    }

    /** As above, hashing PINs on {@code hashing} off the store's threads, as the gateway does (null: in the transaction). */
    public InMemoryCirculation(Clock clock, EngineSettings settings, EventSink sink, PinVerifier pins, PinHashing hashing) {
        rules.add(DEFAULT_RULE);
        this.engine = new CirculationEngine(clock, settings, () -> new PolicyTable(rules), pins);
        this.port = new LocalCirculationPort(engine, store, sink, hashing);
    }

    public InMemoryStore store() {
        return store;
    }

    public CirculationEngine engine() {
        return engine;
    }

    public LocalCirculationPort port() {
        return port;
    }

    public SecretHasher hasher() {
        return hasher;
    }

    /** Rules are read on every command, so tests may add them at any time; later rules win ties. */
    public InMemoryCirculation rule(CirculationRule rule) {
        rules.add(rule);
        return this;
    }

    public Library library(String code, String institution) {
        Library lib = new Library(code, code + " library", institution, null, null, null);
        store.runNow(tx -> {
            tx.libraries().save(lib);
            return null;
        });
        return lib;
    }

    public Patron patron(String barcode, String pin, String category, String library) {
        return store.runNow(tx -> tx.patrons().insert(new Patron(0, barcode, pin == null ? null : hasher.hash(pin),
                "Patron " + barcode, category, barcode + "@example.org", "555-0100", "1 Main St", LocalDate.of(2099, 1, 1),
                library, false)));
    }

    public Patron patron(Patron p) {
        return store.runNow(tx -> tx.patrons().insert(p));
    }

    public BibRecord bib(String controlNumber, String title, String author) {
        return store.runNow(tx -> tx.bibs().insert(new BibRecord(0, controlNumber, title, author, null, null, null, null)));
    }

    public Item item(String barcode, BibRecord bib, String itemType, String library) {
        return store.runNow(tx -> tx.items().insert(new Item(0, barcode, bib.id(), itemType, library, library, "Stacks",
                "QA76 " + barcode, new BigDecimal("25.00"), ItemStatus.AVAILABLE, null, null)));
    }

    public TerminalAccount account(String login, String password, String institution, String profile) {
        TerminalAccount a = new TerminalAccount(login, hasher.hash(password), institution, profile);
        store.runNow(tx -> {
            tx.accounts().save(a);
            return null;
        });
        return a;
    }

    @Override
    public void close() {
        store.close();
    }
}
