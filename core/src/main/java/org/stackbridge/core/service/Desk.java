package org.stackbridge.core.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.Fee;
import org.stackbridge.core.model.FeeType;
import org.stackbridge.core.model.Hold;
import org.stackbridge.core.model.HoldStatus;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Library;
import org.stackbridge.core.model.Loan;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.policy.CirculationRule;
import org.stackbridge.core.policy.FeeBlockPolicy;
import org.stackbridge.core.policy.HoldSuspensionPolicy;
import org.stackbridge.core.policy.PatronStanding;
import org.stackbridge.core.policy.PolicyTable;
import org.stackbridge.core.port.StoreTx;

/**
 * What every desk of the engine shares: finding patrons and items in the caller's institution, the rule in
 * effect, a patron's standing for the eligibility policies, the hold queue, and the item view.
 */
abstract class Desk {

    protected final EngineSettings settings;
    private final Supplier<PolicyTable> policies;

    Desk(EngineSettings settings, Supplier<PolicyTable> policies) {
        this.settings = settings;
        this.policies = policies;
    }

    PolicyTable policies() {
        return policies.get();
    }

    /** Finds a patron visible in the caller's institution. */
    public Optional<Patron> findPatron(EngineTx tx, RequestContext ctx, String barcode) {
        if (barcode == null || barcode.isBlank()) {
            return Optional.empty();
        }
        return tx.store().patrons().byBarcode(barcode).filter(p -> inInstitution(tx, ctx, p.homeLibrary()));
    }

    /** Finds an item visible in the caller's institution. */
    public Optional<Item> findItem(EngineTx tx, RequestContext ctx, String barcode) {
        if (barcode == null || barcode.isBlank()) {
            return Optional.empty();
        }
        return tx.store().items().byBarcode(barcode).filter(i -> inInstitution(tx, ctx, i.homeLibrary()));
    }

    /**
     * The refusal for a patron barcode that names no live patron: a replaced card's barcode answers "card reported
     * lost" (never the patron's account), anything else "unknown patron".
     */
    <T> org.stackbridge.core.outcome.Outcome<T> unknownPatron(EngineTx tx, String barcode) {
        return unknownPatron(tx, barcode, null);
    }

    /** As {@link #unknownPatron(EngineTx, String)}, the refusal carrying {@code context} (e.g. the item asked for). */
    <T> org.stackbridge.core.outcome.Outcome<T> unknownPatron(EngineTx tx, String barcode, java.io.Serializable context) {
        if (barcode != null && !barcode.isBlank() && tx.store().patrons().lostCard(barcode.strip()).isPresent()) {
            return org.stackbridge.core.outcome.Outcome.refused(org.stackbridge.core.outcome.RefusalReason.CARD_LOST,
                    "Card reported lost; it was replaced by a new card", context);
        }
        return org.stackbridge.core.outcome.Outcome.refused(org.stackbridge.core.outcome.RefusalReason.UNKNOWN_PATRON, "Unknown patron", context);
    }

    static Views.BlockLine blockLine(org.stackbridge.core.model.PatronBlock b) {
        return new Views.BlockLine(b.id(), b.source(), b.borrow(), b.renew(), b.request(), b.reason(), b.type(), b.note(), b.placedBy(),
                b.created(), b.expires());
    }

    boolean inInstitution(EngineTx tx, RequestContext ctx, String libraryCode) {
        if (ctx.institution() == null) {
            return true;
        }
        return tx.store().libraries().find(libraryCode).map(l -> l.institution().equals(ctx.institution())).orElse(false);
    }

    Library circulationLibrary(EngineTx tx, RequestContext ctx, Item item) {
        if (ctx.library() != null) {
            Optional<Library> l = tx.store().libraries().find(ctx.library());
            if (l.isPresent()) {
                return l.get();
            }
        }
        return library(tx, item.currentLibrary());
    }

    public Library library(EngineTx tx, String code) {
        return tx.store().libraries().find(code).orElseGet(() -> Library.of(code, code));
    }

    Optional<CirculationRule> rule(String library, String category, String itemType) {
        return policies.get().find(library, category, itemType);
    }

    /** What the eligibility policies know about a patron at {@code at}, under the rule in effect (if any). */
    PatronStanding standing(EngineTx tx, Patron p, Instant at, Optional<CirculationRule> rule) {
        StoreTx s = tx.store();
        List<Loan> loans = s.loans().openForPatron(p.id());
        List<Fee> fees = s.fees().openForPatron(p.id());
        BigDecimal owed = fees.stream().map(Fee::remaining).reduce(BigDecimal.ZERO, BigDecimal::add);
        boolean fines = fees.stream().anyMatch(f -> f.type() == FeeType.OVERDUE);
        LocalDate today = at.atZone(library(tx, p.homeLibrary()).zone()).toLocalDate();
        java.util.Set<Long> disputed = s.fees().openDisputesForPatron(p.id()).stream().map(org.stackbridge.core.model.FeeDispute::feeId)
                .collect(java.util.stream.Collectors.toSet());
        return new PatronStanding(p, at, today, s.patrons().blocks(p.id()), loans.size(), loans.stream().filter(l -> l.isOverdue(at)).count(),
                new Money(owed, settings.currency()), fines, rule.map(CirculationRule::maxLoans).orElse(0), settings.feeLimit(),
                settings.maxOverdue(), FeeBlockPolicy.blockingBalance(fees, disputed, settings.currency()));
    }

    public Money balance(EngineTx tx, long patronId) {
        BigDecimal sum = tx.store().fees().openForPatron(patronId).stream().map(Fee::remaining).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Money(sum, settings.currency());
    }

    public Views.PatronView patronView(EngineTx tx, Patron p) {
        return new Views.PatronView(p.id(), p.barcode(), p.name(), p.category(), p.email(), p.phone(), p.address(), p.expires(),
                p.homeLibrary(), library(tx, p.homeLibrary()).institution(), p.birthDate(), p.noticePreference(), p.language(), p.cardLost());
    }


    public Views.ItemInfo itemInfo(EngineTx tx, Item item) {
        StoreTx s = tx.store();
        Optional<Loan> loan = s.loans().openForItem(item.id());
        String borrower = loan.flatMap(l -> s.patrons().byId(l.patronId())).map(Patron::barcode).orElse(null);
        return itemInfo(tx, item, loan, borrower);
    }

    /** The item's view when the caller already knows its open loan (if any) and that loan's borrower barcode. */
    Views.ItemInfo itemInfo(EngineTx tx, Item item, Optional<Loan> loan, String borrower) {
        StoreTx s = tx.store();
        BibRecord bib = s.bibs().headingById(item.bibId()).orElse(null);
        List<Hold> queue = s.holds().openForBib(item.bibId()).stream().filter(h -> h.acceptsItem(item.id())).toList();
        Optional<Hold> trapping = s.holds().openTrappingItem(item.id());
        Library home = library(tx, item.homeLibrary());
        return new Views.ItemInfo(item.id(), item.barcode(), bib == null ? null : bib.controlNumber(), bib == null ? "" : bib.title(),
                bib == null ? null : bib.author(), bib == null ? null : bib.isbn(), item.itemType(), item.status(), item.homeLibrary(),
                item.currentLibrary(), home.institution(), item.location(), item.callNumber(),
                item.price() == null ? null : new Money(item.price(), settings.currency()),
                loan.map(Loan::dueAt).orElse(null), borrower, queue.size(),
                trapping.map(Hold::pickupLibrary).orElse(null), item.inTransitTo(),
                trapping.map(Hold::shelfExpiresOn).orElse(null), item.isIllTemporary());
    }

    String title(EngineTx tx, long bibId) {
        return tx.store().bibs().headingById(bibId).map(BibRecord::title).orElse("");
    }

    static String describe(ItemStatus status) {
        return status.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    static long nz(Long v) {
        return v == null ? -1 : v;
    }

    static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    int queuePosition(EngineTx tx, Hold hold) {
        List<Hold> queue = tx.store().holds().openForBib(hold.bibId());
        for (int i = 0; i < queue.size(); i++) {
            if (queue.get(i).id() == hold.id()) {
                return i + 1;
            }
        }
        return 0;
    }

    /** The first open hold this item could fill, trapped or waiting, in queue order. */
    Optional<Hold> firstHoldFor(EngineTx tx, Item item) {
        return tx.store().holds().openForBib(item.bibId()).stream()
                .filter(h -> h.acceptsItem(item.id()))
                .filter(h -> (h.status() == HoldStatus.WAITING && notExpired(tx, h) && !passedOver(tx, h))
                        || (h.trappedItemId() != null && h.trappedItemId() == item.id() && !shelfExpired(tx, h)))
                .findFirst();
    }


    /** A ready hold not collected by its shelf expiry date no longer holds the item. */
    boolean shelfExpired(EngineTx tx, Hold h) {
        return h.status() == HoldStatus.READY && h.shelfExpiresOn() != null
                && h.shelfExpiresOn().isBefore(tx.today(library(tx, h.pickupLibrary())));
    }

    Optional<Hold> firstWaitingHoldFor(EngineTx tx, Item item) {
        return tx.store().holds().openForBib(item.bibId()).stream()
                .filter(h -> h.status() == HoldStatus.WAITING && h.acceptsItem(item.id()) && notExpired(tx, h) && !passedOver(tx, h))
                .findFirst();
    }

    /** A suspended hold is passed over until its suspension ends ({@link HoldSuspensionPolicy}). */
    boolean passedOver(EngineTx tx, Hold h) {
        return HoldSuspensionPolicy.passedOver(h, tx.today(library(tx, h.pickupLibrary())));
    }

    /** A waiting hold past its expiry date no longer claims items (the patron no longer needs it). */
    boolean notExpired(EngineTx tx, Hold h) {
        return h.expiresOn() == null || !h.expiresOn().isBefore(tx.today(library(tx, h.pickupLibrary())));
    }

}
