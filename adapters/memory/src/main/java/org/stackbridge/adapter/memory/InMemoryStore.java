package org.stackbridge.adapter.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.CirculationEvent;
import org.stackbridge.core.model.Fee;
import org.stackbridge.core.model.FeeCredit;
import org.stackbridge.core.model.FeeDispute;
import org.stackbridge.core.model.Hold;
import org.stackbridge.core.model.IllRequest;
import org.stackbridge.core.model.IllRole;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.Library;
import org.stackbridge.core.model.Loan;
import org.stackbridge.core.model.LostCard;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.model.PatronBlock;
import org.stackbridge.core.model.TerminalAccount;
import org.stackbridge.core.port.Bibs;
import org.stackbridge.core.port.EventLog;
import org.stackbridge.core.port.Fees;
import org.stackbridge.core.port.Holds;
import org.stackbridge.core.port.IllRequests;
import org.stackbridge.core.port.Items;
import org.stackbridge.core.port.Libraries;
import org.stackbridge.core.port.Loans;
import org.stackbridge.core.model.PatronSearch;
import org.stackbridge.core.port.Patrons;
import org.stackbridge.core.port.RequestKeys;
import org.stackbridge.core.port.RuleStore;
import org.stackbridge.core.port.StaffAccounts;
import org.stackbridge.core.port.StoreConflictException;
import org.stackbridge.core.port.StoreTx;
import org.stackbridge.core.port.TerminalAccounts;
import org.stackbridge.core.port.TransactionRunner;

/**
 * Storage in memory for tests and throw-away demos. One transaction at a time, run on a single thread;
 * a failed unit of work is undone. Not durable.
 *
 * <p>Longer than our usual 400 lines on purpose: it is the one object that is every role port of a transaction
 * ({@link StoreTx}), each a few lines over the shared {@link MemoryTable}s and one undo log. Split into a class
 * per port, each would need the tables and the undo log handed in, and the rule that every write is undoable
 * would no longer be visible in one place.
 */
public final class InMemoryStore implements TransactionRunner, StoreTx {

    private static final int MAX_CONFLICT_RETRIES = 3;

    private final UndoLog undo = new UndoLog();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "memory-store");
        t.setDaemon(true);
        return t;
    });

    private final Map<String, Library> libraries = new HashMap<>();
    // Secondary indexes, so lookups by barcode or owner do not scan every row.
    private static final java.util.function.Function<Patron, Object> PATRON_BARCODE = Patron::barcode;
    private static final java.util.function.Function<PatronBlock, Object> BLOCK_PATRON = PatronBlock::patronId;
    private static final java.util.function.Function<BibRecord, Object> BIB_CONTROL = BibRecord::controlNumber;
    /** Each bib under each of its standard identifiers (OCLC, ISBN, ISSN, LCCN). */
    private static final java.util.function.Function<BibRecord, Object> BIB_IDENTIFIERS = org.stackbridge.core.model.BibIdentifier::of;
    private static final java.util.function.Function<Item, Object> ITEM_BARCODE = Item::barcode;
    private static final java.util.function.Function<Item, Object> ITEM_BIB = Item::bibId;
    private static final java.util.function.Function<Loan, Object> OPEN_LOAN_ITEM = l -> l.isOpen() ? l.itemId() : null;
    private static final java.util.function.Function<Loan, Object> OPEN_LOAN_PATRON = l -> l.isOpen() ? l.patronId() : null;
    private static final java.util.function.Function<Hold, Object> OPEN_HOLD_BIB = h -> h.status().isOpen() ? h.bibId() : null;
    private static final java.util.function.Function<Hold, Object> OPEN_HOLD_PATRON = h -> h.status().isOpen() ? h.patronId() : null;
    private static final java.util.function.Function<Hold, Object> OPEN_HOLD_TRAPPED =
            h -> h.status().isOpen() && h.trappedItemId() != null ? h.trappedItemId() : null;
    private static final java.util.function.Function<Fee, Object> OPEN_FEE_PATRON = f -> f.isOpen() ? f.patronId() : null;
    private static final java.util.function.Function<FeeCredit, Object> CREDIT_REFERENCE =
            c -> c.reference() == null ? null : c.channel() + "\u0000" + c.reference();
    private static final java.util.function.Function<FeeCredit, Object> CREDIT_PATRON = FeeCredit::patronId;
    private static final java.util.function.Function<FeeDispute, Object> DISPUTE_PATRON = FeeDispute::patronId;

    private final MemoryTable<Patron> patrons = new MemoryTable<Patron>(undo).indexBy(PATRON_BARCODE);
    private final MemoryTable<PatronBlock> blocks = new MemoryTable<PatronBlock>(undo).indexBy(BLOCK_PATRON);
    private final MemoryTable<BibRecord> bibs = new MemoryTable<BibRecord>(undo).indexBy(BIB_CONTROL).indexBy(BIB_IDENTIFIERS);
    private final MemoryTable<Item> items = new MemoryTable<Item>(undo).indexBy(ITEM_BARCODE).indexBy(ITEM_BIB);
    private final MemoryTable<Loan> loans = new MemoryTable<Loan>(undo).indexBy(OPEN_LOAN_ITEM).indexBy(OPEN_LOAN_PATRON);
    private final MemoryTable<Hold> holds = new MemoryTable<Hold>(undo).indexBy(OPEN_HOLD_BIB).indexBy(OPEN_HOLD_PATRON)
            .indexBy(OPEN_HOLD_TRAPPED);
    private final MemoryTable<Fee> fees = new MemoryTable<Fee>(undo).indexBy(OPEN_FEE_PATRON);
    private final MemoryTable<FeeCredit> credits = new MemoryTable<FeeCredit>(undo).indexBy(CREDIT_REFERENCE).indexBy(CREDIT_PATRON);
    private final MemoryTable<FeeDispute> disputes = new MemoryTable<FeeDispute>(undo).indexBy(DISPUTE_PATRON);
    private static final java.util.function.Function<CirculationEvent, Object> EVENT_PATRON = CirculationEvent::patronId;
    private static final java.util.function.Function<CirculationEvent, Object> EVENT_ITEM = CirculationEvent::itemId;
    private static final java.util.function.Function<LostCard, Object> LOST_CARD_BARCODE = LostCard::barcode;
    private static final java.util.function.Function<LostCard, Object> LOST_CARD_PATRON = LostCard::patronId;
    private final MemoryTable<CirculationEvent> events = new MemoryTable<CirculationEvent>(undo).indexBy(EVENT_PATRON).indexBy(EVENT_ITEM);
    private final MemoryTable<LostCard> lostCards = new MemoryTable<LostCard>(undo).indexBy(LOST_CARD_BARCODE).indexBy(LOST_CARD_PATRON);
    private final MemoryTable<IllRequest> ill = new MemoryTable<>(undo);
    private final Map<String, byte[]> keys = new HashMap<>();
    private final Map<String, Instant> keyTimes = new HashMap<>();
    private final UndoableMap.TerminalAccountMap accounts = new UndoableMap.TerminalAccountMap(undo);
    private final InMemoryAdministration.Rules rules = new InMemoryAdministration.Rules(undo);
    private final InMemoryAdministration.Codes codes = new InMemoryAdministration.Codes(undo);
    private final InMemoryAdministration.Revision revision = new InMemoryAdministration.Revision(undo);
    private final InMemoryAdministration.Profiles profiles = new InMemoryAdministration.Profiles(undo);
    private final UndoableMap.StaffAccountMap staff = new UndoableMap.StaffAccountMap(undo);
    private final UndoableMap.ConsoleSessionMap consoleSessions = new UndoableMap.ConsoleSessionMap(undo);
    private final UndoableMap.StaffTokenMap staffTokens = new UndoableMap.StaffTokenMap(undo);
    private static final java.util.function.Function<org.stackbridge.core.model.LoanMark, Object> MARK_LOAN =
            org.stackbridge.core.model.LoanMark::loanId;
    private static final java.util.function.Function<org.stackbridge.core.model.LoanMark, Object> MARK_PATRON =
            m -> m.patronId() + "\u0000" + m.kind();
    private final MemoryTable<org.stackbridge.core.model.LoanMark> marks =
            new MemoryTable<org.stackbridge.core.model.LoanMark>(undo).indexBy(MARK_LOAN).indexBy(MARK_PATRON);

    @Override
    public <T> CompletableFuture<T> write(Function<StoreTx, T> work) {
        return CompletableFuture.supplyAsync(() -> runNow(work), thread);
    }

    @Override
    public <T> CompletableFuture<T> read(Function<StoreTx, T> work) {
        return write(work);
    }

    /** Runs a unit of work on the caller's thread; for setup code in tests. */
    public synchronized <T> T runNow(Function<StoreTx, T> work) {
        for (int attempt = 0; ; attempt++) {
            undo.clear();
            try {
                T result = work.apply(this);
                undo.clear();
                return result;
            } catch (StoreConflictException e) {
                undo.rollback();
                if (attempt >= MAX_CONFLICT_RETRIES) {
                    throw e;
                }
            } catch (RuntimeException | Error e) {
                undo.rollback();
                throw e;
            }
        }
    }

    @Override
    public void close() {
        thread.shutdown();
    }

    /** A copy of every table, so tests can prove that a refused command changed nothing. */
    synchronized Map<String, Object> snapshot() {
        Map<String, Object> copy = new java.util.LinkedHashMap<>();
        copy.put("libraries", new HashMap<>(libraries));
        copy.put("patrons", patrons.rows());
        copy.put("blocks", blocks.rows());
        copy.put("lostCards", lostCards.rows());
        copy.put("bibs", bibs.rows());
        copy.put("items", items.rows());
        copy.put("loans", loans.rows());
        copy.put("holds", holds.rows());
        copy.put("fees", fees.rows());
        copy.put("credits", credits.rows());
        copy.put("disputes", disputes.rows());
        copy.put("events", events.rows());
        copy.put("ill", ill.rows());
        copy.put("requestKeys", new java.util.TreeSet<>(keys.keySet()));
        copy.put("accounts", accounts.all());
        copy.put("staff", staff.all());
        copy.put("rules", rules.stored());
        for (org.stackbridge.core.model.CodeKind kind : org.stackbridge.core.model.CodeKind.values()) {
            copy.put("codes " + kind, codes.all(kind));
        }
        copy.put("revision", revision.current());
        copy.put("terminalProfiles", profiles.all());
        copy.put("loanMarks", marks.rows());
        return copy;
    }

    // --------------------------------------------------------------- StoreTx

    @Override
    public Libraries libraries() {
        return new Libraries() {
            @Override
            public Optional<Library> find(String code) {
                return Optional.ofNullable(libraries.get(code));
            }

            @Override
            public List<Library> all() {
                return libraries.values().stream().sorted(Comparator.comparing(Library::code)).toList();
            }

            @Override
            public void save(Library library) {
                Library previous = libraries.put(library.code(), library);
                undo.record(() -> {
                    if (previous == null) {
                        libraries.remove(library.code());
                    } else {
                        libraries.put(library.code(), previous);
                    }
                });
            }
        };
    }

    @Override
    public Patrons patrons() {
        return new Patrons() {
            @Override
            public Optional<Patron> byBarcode(String barcode) {
                return patrons.where(PATRON_BARCODE, barcode).stream().findFirst();
            }

            @Override
            public Optional<Patron> byId(long id) {
                return patrons.get(id);
            }

            @Override
            public Patron insert(Patron patron) {
                if (byBarcode(patron.barcode()).isPresent()) {
                    throw new StoreConflictException("duplicate patron barcode " + patron.barcode(), null);
                }
                Patron stored = patron.withId(patrons.nextId());
                patrons.put(stored.id(), stored);
                return stored;
            }

            @Override
            public void update(Patron patron) {
                patrons.put(patron.id(), patron);
            }

            @Override
            public List<Patron> page(long afterId, int limit) {
                return patrons.after(afterId, limit);
            }

            @Override
            public List<PatronBlock> blocks(long patronId) {
                return blocks.where(BLOCK_PATRON, patronId);
            }

            @Override
            public PatronBlock addBlock(PatronBlock block) {
                PatronBlock stored = block.withId(blocks.nextId());
                blocks.put(stored.id(), stored);
                return stored;
            }

            @Override
            public void removeBlock(long blockId) {
                blocks.remove(blockId);
            }

            @Override
            public List<Patron> search(PatronSearch search, int offset, int limit) {
                return patrons.stream().filter(search::matches)
                        .sorted(java.util.Comparator.comparing((Patron p) -> PatronSearch.fold(p.name())).thenComparingLong(Patron::id))
                        .skip(Math.max(0, offset)).limit(Math.max(0, limit)).toList();
            }

            @Override
            public Optional<LostCard> lostCard(String barcode) {
                return lostCards.where(LOST_CARD_BARCODE, barcode).stream().findFirst();
            }

            @Override
            public void addLostCard(LostCard card) {
                if (lostCard(card.barcode()).isPresent()) {
                    throw new StoreConflictException("duplicate lost card " + card.barcode(), null);
                }
                lostCards.put(lostCards.nextId(), card);
            }

            @Override
            public void removeLostCards(long patronId) {
                for (Long id : lostCards.idsWhere(LOST_CARD_PATRON, patronId)) {
                    lostCards.remove(id);
                }
            }
        };
    }

    @Override
    public Bibs bibs() {
        return new Bibs() {
            @Override
            public Optional<BibRecord> byId(long id) {
                return bibs.get(id);
            }

            @Override
            public Optional<BibRecord> byControlNumber(String controlNumber) {
                return bibs.where(BIB_CONTROL, controlNumber).stream().findFirst();
            }

            @Override
            public List<BibRecord> byIdentifier(org.stackbridge.core.model.BibIdentifier id) {
                if (id.type() == org.stackbridge.core.model.BibIdentifier.Type.LOCAL) {
                    return byControlNumber(id.value()).map(List::of).orElse(List.of());
                }
                return bibs.where(BIB_IDENTIFIERS, id);
            }

            @Override
            public BibRecord insert(BibRecord bib) {
                if (byControlNumber(bib.controlNumber()).isPresent()) {
                    throw new StoreConflictException("duplicate control number " + bib.controlNumber(), null);
                }
                BibRecord stored = bib.withId(bibs.nextId());
                bibs.put(stored.id(), stored);
                return stored;
            }

            @Override
            public void update(BibRecord bib) {
                bibs.put(bib.id(), bib);
            }

            @Override
            public List<BibRecord> page(long afterId, int limit) {
                return bibs.after(afterId, limit);
            }

            @Override
            public long count() {
                return bibs.stream().count();
            }
        };
    }

    @Override
    public Items items() {
        return new Items() {
            @Override
            public Optional<Item> byBarcode(String barcode) {
                return items.where(ITEM_BARCODE, barcode).stream().findFirst();
            }

            @Override
            public Optional<Item> byId(long id) {
                return items.get(id);
            }

            @Override
            public List<Item> byBib(long bibId) {
                return items.where(ITEM_BIB, bibId);
            }

            @Override
            public Item insert(Item item) {
                if (byBarcode(item.barcode()).isPresent()) {
                    throw new StoreConflictException("duplicate item barcode " + item.barcode(), null);
                }
                Item stored = item.withId(items.nextId());
                items.put(stored.id(), stored);
                return stored;
            }

            @Override
            public void update(Item item) {
                items.put(item.id(), item);
            }

            @Override
            public void delete(long itemId) {
                items.remove(itemId);
            }

            @Override
            public List<Item> page(long afterId, int limit) {
                return items.after(afterId, limit);
            }
        };
    }

    @Override
    public Loans loans() {
        return new Loans() {
            @Override
            public Optional<Loan> openForItem(long itemId) {
                return loans.where(OPEN_LOAN_ITEM, itemId).stream().findFirst();
            }

            @Override
            public List<Loan> openForPatron(long patronId) {
                return loans.where(OPEN_LOAN_PATRON, patronId);
            }

            @Override
            public Optional<Loan> byId(long id) {
                return loans.get(id);
            }

            @Override
            public Loan insert(Loan loan) {
                if (openForItem(loan.itemId()).isPresent()) {
                    throw new StoreConflictException("item " + loan.itemId() + " already has an open loan", null);
                }
                Loan stored = loan.withId(loans.nextId());
                loans.put(stored.id(), stored);
                return stored;
            }

            @Override
            public void update(Loan loan) {
                // the same rule as the database constraint: re-opening must not make a second open loan
                if (loan.isOpen() && loans.where(OPEN_LOAN_ITEM, loan.itemId()).stream().anyMatch(l -> l.id() != loan.id())) {
                    throw new StoreConflictException("item " + loan.itemId() + " already has an open loan", null);
                }
                loans.put(loan.id(), loan);
            }

            @Override
            public List<Loan> openPage(long afterId, int limit) {
                return loans.after(afterId, Integer.MAX_VALUE).stream().filter(Loan::isOpen).limit(limit).toList();
            }
        };
    }

    @Override
    public Holds holds() {
        return new Holds() {
            @Override
            public Optional<Hold> byId(long id) {
                return holds.get(id);
            }

            @Override
            public List<Hold> openForBib(long bibId) {
                return holds.where(OPEN_HOLD_BIB, bibId).stream()
                        .sorted(Comparator.comparing(Hold::placedAt).thenComparingLong(Hold::id)).toList();
            }

            @Override
            public List<Hold> openForPatron(long patronId) {
                return holds.where(OPEN_HOLD_PATRON, patronId).stream()
                        .sorted(Comparator.comparing(Hold::placedAt).thenComparingLong(Hold::id)).toList();
            }

            @Override
            public Optional<Hold> openTrappingItem(long itemId) {
                return holds.where(OPEN_HOLD_TRAPPED, itemId).stream().findFirst();
            }

            @Override
            public List<Hold> openPage(long afterId, int limit) {
                return holds.after(afterId, Integer.MAX_VALUE).stream().filter(h -> h.status().isOpen()).limit(limit).toList();
            }

            @Override
            public Optional<Hold> lastTrapping(long itemId) {
                return holds.after(0, Integer.MAX_VALUE).stream().filter(h -> h.trappedItemId() != null && h.trappedItemId() == itemId)
                        .reduce((first, second) -> second);
            }

            @Override
            public Hold insert(Hold hold) {
                Hold stored = hold.withId(holds.nextId());
                holds.put(stored.id(), stored);
                return stored;
            }

            @Override
            public void update(Hold hold) {
                holds.put(hold.id(), hold);
            }
        };
    }

    @Override
    public Fees fees() {
        return new Fees() {
            @Override
            public List<Fee> openForPatron(long patronId) {
                return fees.where(OPEN_FEE_PATRON, patronId).stream()
                        .sorted(Comparator.comparing(Fee::createdAt).thenComparingLong(Fee::id)).toList();
            }

            @Override
            public Optional<Fee> byId(long id) {
                return fees.get(id);
            }

            @Override
            public Fee insert(Fee fee) {
                Fee stored = fee.withId(fees.nextId());
                fees.put(stored.id(), stored);
                return stored;
            }

            @Override
            public void update(Fee fee) {
                fees.put(fee.id(), fee);
            }

            @Override
            public FeeCredit insertCredit(FeeCredit credit) {
                if (credit.reference() != null && creditByReference(credit.channel(), credit.reference()).isPresent()) {
                    throw new StoreConflictException("duplicate transaction reference " + credit.reference(), null);
                }
                FeeCredit stored = credit.withId(credits.nextId());
                credits.put(stored.id(), stored);
                return stored;
            }

            @Override
            public Optional<FeeCredit> creditByReference(Channel channel, String reference) {
                return credits.where(CREDIT_REFERENCE, channel + "\u0000" + reference).stream().findFirst();
            }

            @Override
            public List<Fee> forPatron(long patronId) {
                return fees.stream().filter(f -> f.patronId() == patronId)
                        .sorted(Comparator.comparing(Fee::createdAt).thenComparingLong(Fee::id)).toList();
            }

            @Override
            public Optional<FeeCredit> creditById(long id) {
                return credits.get(id);
            }

            @Override
            public List<FeeCredit> creditsForPatron(long patronId) {
                return credits.where(CREDIT_PATRON, patronId).stream()
                        .sorted(Comparator.comparing(FeeCredit::at).thenComparingLong(FeeCredit::id)).toList();
            }

            @Override
            public List<FeeCredit> creditsAt(String library, Instant from, Instant to) {
                return credits.stream().filter(c -> library.equals(c.library()) && !c.at().isBefore(from) && c.at().isBefore(to))
                        .sorted(Comparator.comparing(FeeCredit::at).thenComparingLong(FeeCredit::id)).toList();
            }

            @Override
            public FeeDispute insertDispute(FeeDispute dispute) {
                FeeDispute stored = dispute.withId(disputes.nextId());
                disputes.put(stored.id(), stored);
                return stored;
            }

            @Override
            public void updateDispute(FeeDispute dispute) {
                disputes.put(dispute.id(), dispute);
            }

            @Override
            public Optional<FeeDispute> disputeById(long id) {
                return disputes.get(id);
            }

            @Override
            public List<FeeDispute> disputesForPatron(long patronId) {
                return disputes.where(DISPUTE_PATRON, patronId).stream().sorted(Comparator.comparingLong(FeeDispute::id)).toList();
            }

            @Override
            public List<FeeDispute> openDisputesForPatron(long patronId) {
                return disputesForPatron(patronId).stream().filter(FeeDispute::isOpen).toList();
            }
        };
    }

    @Override
    public EventLog events() {
        return new EventLog() {
            @Override
            public CirculationEvent append(CirculationEvent event) {
                CirculationEvent stored = event.withId(events.nextId());
                events.put(stored.id(), stored);
                return stored;
            }

            @Override
            public List<CirculationEvent> between(Instant from, Instant to, int limit) {
                return events.stream().filter(e -> !e.at().isBefore(from) && e.at().isBefore(to)).limit(limit).toList();
            }

            @Override
            public List<CirculationEvent> forItem(long itemId, int limit) {
                return events.where(EVENT_ITEM, itemId).stream().limit(limit).toList();
            }

            @Override
            public List<CirculationEvent> forPatron(long patronId, int offset, int limit) {
                return newestFirst(events.where(EVENT_PATRON, patronId), offset, limit);
            }

            @Override
            public List<CirculationEvent> forItemNewestFirst(long itemId, int offset, int limit) {
                return newestFirst(events.where(EVENT_ITEM, itemId), offset, limit);
            }

            private List<CirculationEvent> newestFirst(List<CirculationEvent> oldestFirst, int offset, int limit) {
                List<CirculationEvent> reversed = new ArrayList<>(oldestFirst);
                java.util.Collections.reverse(reversed);
                return reversed.stream().skip(Math.max(0, offset)).limit(Math.max(0, limit)).toList();
            }
        };
    }

    @Override
    public IllRequests ill() {
        return new IllRequests() {
            @Override
            public Optional<IllRequest> byId(long id) {
                return ill.get(id);
            }

            @Override
            public Optional<IllRequest> byExternalId(String partnerAgency, String externalId, IllRole role) {
                return ill.first(r -> r.role() == role && r.partnerAgency().equals(partnerAgency) && r.externalId().equals(externalId));
            }

            @Override
            public IllRequest insert(IllRequest request) {
                if (byExternalId(request.partnerAgency(), request.externalId(), request.role()).isPresent()) {
                    throw new StoreConflictException("duplicate ILL request " + request.externalId(), null);
                }
                IllRequest stored = request.withId(ill.nextId());
                ill.put(stored.id(), stored);
                return stored;
            }

            @Override
            public void update(IllRequest request) {
                ill.put(request.id(), request);
            }

            @Override
            public List<IllRequest> page(long afterId, int limit) {
                return ill.after(afterId, limit);
            }
        };
    }

    @Override
    public RequestKeys requestKeys() {
        return new RequestKeys() {
            @Override
            public Optional<byte[]> find(String scope, String key) {
                return Optional.ofNullable(keys.get(scope + "\u0000" + key));
            }

            @Override
            public void put(String scope, String key, byte[] outcome, Instant at) {
                String k = scope + "\u0000" + key;
                if (keys.containsKey(k)) {
                    throw new StoreConflictException("request key exists", null);
                }
                keys.put(k, outcome);
                keyTimes.put(k, at);
                undo.record(() -> {
                    keys.remove(k);
                    keyTimes.remove(k);
                });
            }

            @Override
            public Optional<String> newestIfSame(String scope, String base) {
                String prefix = scope + "\u0000";
                Instant newest = keyTimes.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).map(Map.Entry::getValue)
                        .max(Instant::compareTo).orElse(null);
                return keyTimes.entrySet().stream()
                        .filter(e -> e.getKey().startsWith(prefix) && e.getValue().equals(newest))
                        .map(e -> e.getKey().substring(prefix.length()))
                        .filter(k -> k.equals(base) || k.startsWith(base + "#"))
                        .findFirst();
            }

            @Override
            public int purgeBefore(Instant cutoff) {
                List<String> old = keyTimes.entrySet().stream().filter(e -> e.getValue().isBefore(cutoff)).map(Map.Entry::getKey).toList();
                old.forEach(k -> {
                    byte[] v = keys.remove(k);
                    Instant t = keyTimes.remove(k);
                    undo.record(() -> {
                        keys.put(k, v);
                        keyTimes.put(k, t);
                    });
                });
                return old.size();
            }
        };
    }

    @Override
    public TerminalAccounts accounts() {
        return accounts;
    }

    @Override
    public StaffAccounts staff() {
        return staff;
    }

    @Override
    public RuleStore rules() {
        return rules;
    }

    @Override
    public org.stackbridge.core.port.CodeLists codes() {
        return codes;
    }

    @Override
    public org.stackbridge.core.port.SettingsRevision revision() {
        return revision;
    }

    @Override
    public org.stackbridge.core.port.TerminalProfiles terminalProfiles() {
        return profiles;
    }

    /**
     * Closed loans and their anonymisation: the loan's patron id becomes 0 and its events' patron null (this store
     * computes no reports, so the category and borrower token are not kept).
     */
    @Override
    public org.stackbridge.core.port.LoanHistory loanHistory() {
        return new org.stackbridge.core.port.LoanHistory() {
            @Override
            public List<Long> patronsWithClosedLoans(java.time.Instant returnedBefore, long afterPatronId, int limit) {
                return loans.stream().filter(l -> !l.isOpen() && l.patronId() > afterPatronId && l.returnedAt().isBefore(returnedBefore))
                        .map(Loan::patronId).distinct().sorted().limit(Math.max(0, limit)).toList();
            }

            @Override
            public List<Loan> closedForPatron(long patronId, java.time.Instant returnedBefore) {
                return loans.stream().filter(l -> !l.isOpen() && l.patronId() == patronId
                        && (returnedBefore == null || l.returnedAt().isBefore(returnedBefore))).toList();
            }

            @Override
            public int anonymise(Loan loan, String patronCategory, String borrower) {
                loans.put(loan.id(), new Loan(loan.id(), loan.itemId(), 0, loan.library(), loan.issuedAt(), loan.dueAt(), loan.returnedAt(),
                        loan.renewals(), loan.channel(), loan.terminal()));
                String prefix = "loan=" + loan.id() + " ";
                int n = 0;
                for (CirculationEvent e : events.where(EVENT_PATRON, loan.patronId())) {
                    if (java.util.Objects.equals(e.itemId(), loan.itemId()) && e.detail() != null && e.detail().startsWith(prefix)
                            && java.util.Set.of(org.stackbridge.core.model.EventType.CHECKOUT,
                            org.stackbridge.core.model.EventType.CHECKOUT_OVERRIDE, org.stackbridge.core.model.EventType.RENEW,
                            org.stackbridge.core.model.EventType.CHECKIN).contains(e.type())) {
                        events.put(e.id(), new CirculationEvent(e.id(), e.at(), e.type(), e.actor(), e.channel(), e.terminal(), e.library(),
                                null, e.itemId(), e.detail()));
                        n++;
                    }
                }
                return n;
            }

            @Override
            public String pseudonym(long patronId, String candidate) {
                // no borrower token is kept here (no reports): nothing to remember
                return candidate;
            }

            @Override
            public void forgetPseudonym(long patronId) {
                // nothing remembered
            }
        };
    }

    @Override
    public org.stackbridge.core.port.ConsoleSessionStore consoleSessions() {
        return consoleSessions;
    }

    @Override
    public org.stackbridge.core.port.StaffTokenStore staffTokens() {
        return staffTokens;
    }

    @Override
    public org.stackbridge.core.port.LoanMarks loanMarks() {
        return new org.stackbridge.core.port.LoanMarks() {
            @Override
            public org.stackbridge.core.model.LoanMark insert(org.stackbridge.core.model.LoanMark mark) {
                if (marks.where(MARK_LOAN, mark.loanId()).stream().anyMatch(m -> m.kind() == mark.kind())) {
                    throw new StoreConflictException("loan " + mark.loanId() + " is already marked " + mark.kind(), null);
                }
                marks.put(marks.nextId(), mark);
                return mark;
            }

            @Override
            public List<org.stackbridge.core.model.LoanMark> forLoan(long loanId) {
                return marks.where(MARK_LOAN, loanId);
            }

            @Override
            public int countForPatron(long patronId, org.stackbridge.core.model.LoanMark.Kind kind) {
                return marks.where(MARK_PATRON, patronId + "\u0000" + kind).size();
            }
        };
    }
}
