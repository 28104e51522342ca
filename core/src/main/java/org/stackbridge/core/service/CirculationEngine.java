package org.stackbridge.core.service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.stackbridge.core.command.Command;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.Commands.AssessFee;
import org.stackbridge.core.command.Commands.AuthenticateTerminal;
import org.stackbridge.core.command.Commands.BlockPatron;
import org.stackbridge.core.command.Commands.CancelHold;
import org.stackbridge.core.command.Commands.ChangeHold;
import org.stackbridge.core.command.Commands.CheckIn;
import org.stackbridge.core.command.Commands.CheckOut;
import org.stackbridge.core.command.Commands.ListBibItems;
import org.stackbridge.core.command.Commands.LookupItem;
import org.stackbridge.core.command.Commands.LookupPatron;
import org.stackbridge.core.command.Commands.PayFee;
import org.stackbridge.core.command.Commands.PlaceHold;
import org.stackbridge.core.command.Commands.Renew;
import org.stackbridge.core.command.Commands.RenewAll;
import org.stackbridge.core.command.Commands.UnblockPatron;
import org.stackbridge.core.command.Commands.UpdateItem;
import org.stackbridge.core.command.Commands.WaiveFee;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.CreditType;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.Fee;
import org.stackbridge.core.model.FeeCredit;
import org.stackbridge.core.model.FeeType;
import org.stackbridge.core.model.Hold;
import org.stackbridge.core.model.HoldStatus;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Library;
import org.stackbridge.core.model.Loan;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.model.PatronBlock;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.PatronFlag;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.outcome.Views.PinCheck;
import org.stackbridge.core.policy.CirculationRule;
import org.stackbridge.core.policy.DueDates;
import org.stackbridge.core.policy.Fines;
import org.stackbridge.core.policy.PolicyTable;
import org.stackbridge.core.port.StoreTx;
import org.stackbridge.core.security.SecretHasher;

/**
 * The circulation engine: pure decisions over the stores of one transaction. Every handler checks first
 * and writes only once it has decided to succeed, so a refusal leaves storage untouched.
 */
public final class CirculationEngine {

    /** Largest single amount accepted: far above any library charge, well inside every money column. */
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999.99");

    private final Clock clock;
    private final EngineSettings settings;
    private final Supplier<PolicyTable> policies;
    private final Map<Class<?>, CommandHandler<?, ?>> handlers = new HashMap<>();

    public CirculationEngine(Clock clock, EngineSettings settings, Supplier<PolicyTable> policies) {
        this.clock = clock;
        this.settings = settings;
        this.policies = policies;
        register(LookupPatron.class, this::lookupPatron);
        register(LookupItem.class, this::lookupItem);
        register(ListBibItems.class, this::listBibItems);
        register(CheckOut.class, this::checkOut);
        register(CheckIn.class, this::checkIn);
        register(Renew.class, this::renew);
        register(RenewAll.class, this::renewAll);
        register(PlaceHold.class, this::placeHold);
        register(CancelHold.class, this::cancelHold);
        register(ChangeHold.class, this::changeHold);
        register(PayFee.class, this::payFee);
        register(WaiveFee.class, this::waiveFee);
        register(AssessFee.class, this::assessFee);
        register(BlockPatron.class, this::blockPatron);
        register(UnblockPatron.class, this::unblockPatron);
        register(UpdateItem.class, this::updateItem);
        register(Commands.ExpireHolds.class, this::expireHolds);
        register(AuthenticateTerminal.class, this::authenticateTerminal);
        register(Commands.LookupLibrary.class, this::lookupLibrary);
    }

    /** Adds handlers for further commands (e.g. ILL); a class may be registered once. */
    public <C extends Command<R>, R> void register(Class<C> type, CommandHandler<C, R> handler) {
        if (handlers.putIfAbsent(type, handler) != null) {
            throw new IllegalStateException("handler already registered for " + type.getName());
        }
    }

    /**
     * Wraps the registered handler of a command type, so follow-up work (e.g. ILL state changes after a
     * check-out or check-in) runs in the same transaction.
     */
    @SuppressWarnings("unchecked")
    public <C extends Command<R>, R> void decorate(Class<C> type, java.util.function.UnaryOperator<CommandHandler<C, R>> wrapper) {
        CommandHandler<C, R> current = (CommandHandler<C, R>) handlers.get(type);
        if (current == null) {
            throw new IllegalStateException("no handler registered for " + type.getName());
        }
        handlers.put(type, wrapper.apply(current));
    }

    public boolean handles(Class<?> type) {
        return handlers.containsKey(type);
    }

    public Clock clock() {
        return clock;
    }

    public EngineSettings settings() {
        return settings;
    }

    public PolicyTable policies() {
        return policies.get();
    }

    @SuppressWarnings("unchecked")
    public <R> Outcome<R> handle(Command<R> command, EngineTx tx) {
        CommandHandler<Command<R>, R> h = (CommandHandler<Command<R>, R>) handlers.get(command.getClass());
        if (h == null) {
            return Outcome.refused(RefusalReason.INVALID_REQUEST, "unsupported command " + command.getClass().getSimpleName());
        }
        return h.handle(command, tx);
    }

    // ---------------------------------------------------------------- lookups

    private Outcome<Views.PatronInfo> lookupPatron(LookupPatron cmd, EngineTx tx) {
        Optional<Patron> p = findPatron(tx, cmd.context(), cmd.patronBarcode());
        if (p.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_PATRON, "Unknown patron");
        }
        PinCheck pin = cmd.pin() == null ? PinCheck.NOT_CHECKED
                : SecretHasher.verify(cmd.pin(), p.get().pinHash()) ? PinCheck.VALID : PinCheck.INVALID;
        return Outcome.success(patronInfo(tx, p.get(), pin));
    }

    private Outcome<Views.ItemInfo> lookupItem(LookupItem cmd, EngineTx tx) {
        Optional<Item> item = findItem(tx, cmd.context(), cmd.itemBarcode());
        return item.<Outcome<Views.ItemInfo>>map(i -> Outcome.success(itemInfo(tx, i)))
                .orElseGet(() -> Outcome.refused(RefusalReason.UNKNOWN_ITEM, "Unknown item"));
    }

    private Outcome<Views.BibItems> listBibItems(ListBibItems cmd, EngineTx tx) {
        List<Views.ItemInfo> infos = tx.store().items().byBib(cmd.bibId()).stream()
                .sorted(java.util.Comparator.comparingLong(Item::id))
                .map(i -> itemInfo(tx, i)).toList();
        return Outcome.success(new Views.BibItems(cmd.bibId(), infos));
    }

    // ---------------------------------------------------------------- checkout

    private Outcome<Views.CheckedOut> checkOut(CheckOut cmd, EngineTx tx) {
        RequestContext ctx = cmd.context();
        Optional<Patron> maybePatron = findPatron(tx, ctx, cmd.patronBarcode());
        if (maybePatron.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_PATRON, "Unknown patron");
        }
        Patron patron = maybePatron.get();
        Optional<Item> maybeItem = findItem(tx, ctx, cmd.itemBarcode());
        if (maybeItem.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_ITEM, "Unknown item");
        }
        Item found = maybeItem.get();
        Instant at = tx.effectiveTime(ctx);
        boolean offline = cmd.noBlock();
        if (!offline) {
            Outcome<Views.CheckedOut> pin = checkPin(cmd.pin(), cmd.pinRequired(), patron);
            if (pin != null) {
                return pin;
            }
        }
        StoreTx s = tx.store();
        Optional<Loan> current = s.loans().openForItem(found.id());
        if (current.isPresent() && current.get().patronId() == patron.id()) {
            Outcome<Views.Renewed> renewed = renewLoan(tx, ctx, patron, found, current.get(), offline);
            return renewed.map(r -> new Views.CheckedOut(r.item(), r.patron(), r.dueAt(), true, r.renewals(),
                    Money.zero(settings.currency()), offline));
        }
        if (current.isPresent() && !offline) {
            return Outcome.refused(RefusalReason.ITEM_CHECKED_OUT_TO_OTHER, "Item is checked out to another patron", itemInfo(tx, found));
        }
        Library library = circulationLibrary(tx, ctx, found);
        CirculationRule rule = rule(library.code(), patron.category(), found.itemType());
        if (rule == null) {
            return Outcome.refused(RefusalReason.NO_POLICY, "No circulation rule applies", itemInfo(tx, found));
        }
        if (current.isPresent()) {
            // Offline transactions must be accepted: return the earlier loan as of this time first.
            // (Decided only after the last possible refusal: a refusal must leave storage untouched.)
            closeLoan(tx, ctx, current.get(), found, at);
        }
        // Only closing an earlier loan writes the item; otherwise the row read above is current.
        final Item item = current.isPresent() ? s.items().byId(found.id()).orElseThrow() : found;
        Optional<Hold> ownHold = Optional.empty();
        if (!offline) {
            if (!rule.circulates()) {
                return Outcome.refused(RefusalReason.ITEM_NOT_CIRCULATING, "Item does not circulate", itemInfo(tx, item));
            }
            if (!item.status().circulates()) {
                return Outcome.refused(RefusalReason.ITEM_NOT_AVAILABLE, "Item is " + describe(item.status()), itemInfo(tx, item));
            }
            Outcome<Views.CheckedOut> blocked = borrowingBlocked(tx, patron, rule, at);
            if (blocked != null) {
                return blocked;
            }
            // An item set aside for another patron is theirs, wherever their hold sits in the queue.
            Optional<Hold> trappedFor = s.holds().openTrappingItem(item.id()).filter(h -> !shelfExpired(tx, h));
            if (trappedFor.isPresent() && trappedFor.get().patronId() != patron.id()) {
                return Outcome.refused(RefusalReason.ITEM_ON_HOLD_FOR_OTHER, "Item is on hold for another patron", itemInfo(tx, item));
            }
            Optional<Hold> head = firstHoldFor(tx, item);
            if (head.isPresent() && head.get().patronId() != patron.id()) {
                Optional<Hold> mine = s.holds().openForPatron(patron.id()).stream()
                        .filter(h -> h.bibId() == item.bibId() && h.acceptsItem(item.id())
                                && (h.status() == HoldStatus.WAITING || item.id() == nz(h.trappedItemId())))
                        .findFirst();
                boolean trappedForOther = head.get().trappedItemId() != null && head.get().trappedItemId() == item.id();
                if (trappedForOther || mine.isEmpty()) {
                    return Outcome.refused(RefusalReason.ITEM_ON_HOLD_FOR_OTHER, "Item is on hold for another patron", itemInfo(tx, item));
                }
            }
        }
        ownHold = s.holds().openForPatron(patron.id()).stream()
                .filter(h -> h.bibId() == item.bibId() && h.acceptsItem(item.id())
                        && (h.trappedItemId() == null || h.trappedItemId() == item.id()))
                .min(Comparator.comparing((Hold h) -> h.trappedItemId() == null ? 1 : 0));
        Instant due = DueDates.loanDue(at, rule.circulates() ? rule : withMinimalLoan(rule), library);
        Loan loan = s.loans().insert(new Loan(0, item.id(), patron.id(), library.code(), at, due, null, 0, ctx.channel(), ctx.terminal()));
        Item lent = new Item(item.id(), item.barcode(), item.bibId(), item.itemType(), item.homeLibrary(), library.code(),
                item.location(), item.callNumber(), item.price(), ItemStatus.CHECKED_OUT, null, item.illRequestId());
        s.items().update(lent);
        ownHold.ifPresent(h -> s.holds().update(h.withStatus(HoldStatus.FILLED)));
        // An offline loan may take an item trapped for someone else: their hold goes back to the queue.
        // A hold whose shelf time ran out simply expires.
        s.holds().openTrappingItem(item.id()).filter(h -> h.patronId() != patron.id())
                .ifPresent(h -> s.holds().update(shelfExpired(tx, h) ? h.withStatus(HoldStatus.EXPIRED) : h.untrapped()));
        tx.log(ctx, EventType.CHECKOUT, library.code(), patron.id(), item.id(),
                "loan=" + loan.id() + " due=" + due + (offline ? " offline" : ""));
        // The open loan of the item is the one just inserted, and its borrower is this patron.
        return Outcome.success(new Views.CheckedOut(itemInfo(tx, lent, Optional.of(loan), patron.barcode()), patronView(tx, patron), due, false, 0,
                Money.zero(settings.currency()), offline));
    }

    private static CirculationRule withMinimalLoan(CirculationRule r) {
        // Offline loans of non-circulating types still need a due date: one day.
        return new CirculationRule(r.library(), r.category(), r.itemType(), 1, r.loanUnit(), r.renewalsAllowed(),
                r.renewalPeriod(), r.maxLoans(), r.finePerDay(), r.graceDays(), r.fineCap(), r.holdsAllowed(),
                r.holdShelfDays(), r.closedDays(), r.source());
    }

    private Outcome<Views.CheckedOut> borrowingBlocked(EngineTx tx, Patron patron, CirculationRule rule, Instant at) {
        Library home = library(tx, patron.homeLibrary());
        if (patron.cardLost()) {
            return Outcome.refused(RefusalReason.CARD_LOST, "Patron card reported lost");
        }
        if (patron.isExpired(at.atZone(home.zone()).toLocalDate())) {
            return Outcome.refused(RefusalReason.PATRON_EXPIRED, "Patron card expired");
        }
        List<PatronBlock> blocks = tx.store().patrons().blocks(patron.id());
        for (PatronBlock b : blocks) {
            if (b.borrow() && b.activeAt(at)) {
                return Outcome.refused(RefusalReason.PATRON_BLOCKED, b.reason() == null || b.reason().isBlank() ? "Patron is blocked" : b.reason());
            }
        }
        List<Loan> loans = tx.store().loans().openForPatron(patron.id());
        if (rule.maxLoans() > 0 && loans.size() >= rule.maxLoans()) {
            return Outcome.refused(RefusalReason.TOO_MANY_LOANS, "Too many items checked out (limit " + rule.maxLoans() + ")");
        }
        long overdue = loans.stream().filter(l -> l.isOverdue(at)).count();
        if (settings.maxOverdue() > 0 && overdue >= settings.maxOverdue()) {
            return Outcome.refused(RefusalReason.PATRON_BLOCKED, "Too many overdue items");
        }
        Money balance = balance(tx, patron.id());
        if (settings.feeLimit().signum() > 0 && balance.amount().compareTo(settings.feeLimit()) >= 0) {
            return Outcome.refused(RefusalReason.EXCESSIVE_FINES, "Outstanding fines of " + balance.toPlainString() + " block borrowing");
        }
        return null;
    }

    private static <T> Outcome<T> checkPin(String pin, boolean required, Patron patron) {
        if (pin == null || pin.isEmpty()) {
            return required ? Outcome.refused(RefusalReason.PIN_REQUIRED, "PIN required") : null;
        }
        return SecretHasher.verify(pin, patron.pinHash()) ? null : Outcome.refused(RefusalReason.INVALID_PIN, "Invalid PIN");
    }

    // ---------------------------------------------------------------- checkin

    private Outcome<Views.CheckedIn> checkIn(CheckIn cmd, EngineTx tx) {
        RequestContext ctx = cmd.context();
        Optional<Item> maybeItem = findItem(tx, ctx, cmd.itemBarcode());
        if (maybeItem.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_ITEM, "Unknown item");
        }
        Item item = maybeItem.get();
        StoreTx s = tx.store();
        Instant at = tx.effectiveTime(ctx);
        Library here = circulationLibrary(tx, ctx, item);
        Optional<Loan> loan = s.loans().openForItem(item.id());
        Views.PatronView previous = null;
        Money fine = Money.zero(settings.currency());
        if (loan.isPresent()) {
            Patron borrower = s.patrons().byId(loan.get().patronId()).orElseThrow();
            previous = patronView(tx, borrower);
            // route() writes the item's final state in every branch, so closeLoan need not write it first
            fine = closeLoan(tx, ctx, loan.get(), borrower, item, at, false);
            item = item.withStatus(ItemStatus.AVAILABLE);
        }
        return Outcome.success(route(tx, ctx, item, here, loan.isPresent(), previous, fine, at));
    }

    /** Closes a loan as of {@code at}, assessing any overdue fine; returns the fine. */
    private Money closeLoan(EngineTx tx, RequestContext ctx, Loan loan, Item item, Instant at) {
        return closeLoan(tx, ctx, loan, tx.store().patrons().byId(loan.patronId()).orElseThrow(), item, at, true);
    }

    private Money closeLoan(EngineTx tx, RequestContext ctx, Loan loan, Patron borrower, Item item, Instant at, boolean writeItem) {
        StoreTx s = tx.store();
        Library loanLibrary = library(tx, loan.library());
        CirculationRule rule = rule(loanLibrary.code(), borrower.category(), item.itemType());
        Instant returned = at.isBefore(loan.issuedAt()) ? loan.issuedAt() : at;
        s.loans().update(loan.returned(returned));
        BigDecimal amount = rule == null ? BigDecimal.ZERO : Fines.overdueFine(loan.dueAt(), returned, rule, loanLibrary);
        Money fine = new Money(amount, settings.currency());
        if (amount.signum() > 0) {
            Fee fee = s.fees().insert(new Fee(0, borrower.id(), FeeType.OVERDUE, fine, fine.amount(), item.id(), loan.id(),
                    "Overdue: " + title(tx, item.bibId()), tx.now()));
            tx.log(ctx, EventType.FEE_ASSESSED, loanLibrary.code(), borrower.id(), item.id(), "fee=" + fee.id() + " overdue " + fine);
        }
        if (writeItem) {
            s.items().update(item.withStatus(ItemStatus.AVAILABLE));
        }
        tx.log(ctx, EventType.CHECKIN, ctx.library(), borrower.id(), item.id(), "loan=" + loan.id() + " returned=" + returned);
        return fine;
    }

    /** Decides where a returned item goes: a waiting hold, transit home, or back on the shelf. */
    private Views.CheckedIn route(EngineTx tx, RequestContext ctx, Item item, Library here, boolean wasOut,
                                  Views.PatronView previous, Money fine, Instant at) {
        StoreTx s = tx.store();
        Item placed = item.at(here.code());
        // After a return the item has no open loan: any was closed above. Views use the rows just written.
        Item after;
        if (item.isIllTemporary()) {
            after = placed.withStatus(ItemStatus.IN_PROCESS);
            s.items().update(after);
            if (!wasOut) {
                tx.log(ctx, EventType.CHECKIN, here.code(), null, item.id(), "not on loan");
            }
            return new Views.CheckedIn(itemInfo(tx, after, Optional.empty(), null), wasOut, previous, fine, null, Views.ReturnDestination.ILL_RETURN,
                    here.code(), at);
        }
        // An item already trapped for a hold and arriving at its pickup library goes to the shelf.
        Optional<Hold> trapped = s.holds().openTrappingItem(item.id());
        if (trapped.isPresent() && shelfExpired(tx, trapped.get())) {
            // Not collected in time: the hold expires and the item serves the next in the queue.
            s.holds().update(trapped.get().withStatus(HoldStatus.EXPIRED));
            tx.log(ctx, EventType.HOLD_CANCELLED, here.code(), trapped.get().patronId(), item.id(),
                    "hold=" + trapped.get().id() + " shelf expired " + trapped.get().shelfExpiresOn());
            trapped = Optional.empty();
        }
        Hold hold = trapped.orElseGet(() -> firstWaitingHoldFor(tx, item).orElse(null));
        Views.HoldTrap trap = null;
        Views.ReturnDestination dest;
        String destLibrary;
        if (hold != null && item.status() != ItemStatus.WITHDRAWN) {
            Patron holder = s.patrons().byId(hold.patronId()).orElseThrow();
            boolean local = hold.pickupLibrary().equals(here.code());
            Library pickup = library(tx, hold.pickupLibrary());
            if (local) {
                CirculationRule rule = rule(pickup.code(), holder.category(), item.itemType());
                int shelfDays = rule == null || rule.holdShelfDays() == 0 ? 7 : rule.holdShelfDays();
                LocalDate shelfExpiry = openDayOnOrAfter(pickup, tx.today(pickup).plusDays(shelfDays));
                s.holds().update(hold.trapped(item.id(), HoldStatus.READY, shelfExpiry));
                after = placed.withStatus(ItemStatus.ON_HOLD_SHELF);
                s.items().update(after);
                trap = new Views.HoldTrap(hold.id(), pickup.code(), false, holder.barcode(), holder.name(), shelfExpiry);
                dest = Views.ReturnDestination.HOLD_SHELF;
            } else {
                s.holds().update(hold.trapped(item.id(), HoldStatus.IN_TRANSIT, null));
                after = placed.inTransit(pickup.code());
                s.items().update(after);
                trap = new Views.HoldTrap(hold.id(), pickup.code(), true, holder.barcode(), holder.name(), null);
                dest = Views.ReturnDestination.TRANSIT_FOR_HOLD;
            }
            destLibrary = pickup.code();
            tx.log(ctx, EventType.HOLD_TRAPPED, here.code(), holder.id(), item.id(), "hold=" + hold.id() + " pickup=" + pickup.code());
        } else if (!item.homeLibrary().equals(here.code())) {
            after = placed.inTransit(item.homeLibrary());
            s.items().update(after);
            dest = Views.ReturnDestination.TRANSIT_HOME;
            destLibrary = item.homeLibrary();
        } else {
            after = placed.withStatus(ItemStatus.AVAILABLE);
            s.items().update(after);
            dest = Views.ReturnDestination.RESHELVE;
            destLibrary = here.code();
        }
        if (!wasOut) {
            tx.log(ctx, EventType.CHECKIN, here.code(), null, item.id(), "not on loan; " + dest);
        }
        return new Views.CheckedIn(itemInfo(tx, after, Optional.empty(), null), wasOut, previous, fine, trap, dest, destLibrary, at);
    }

    private static LocalDate openDayOnOrAfter(Library library, LocalDate day) {
        LocalDate d = day;
        for (int i = 0; i < 366 && !library.isOpen(d); i++) {
            d = d.plusDays(1);
        }
        return d;
    }

    // ---------------------------------------------------------------- renewals

    private Outcome<Views.Renewed> renew(Renew cmd, EngineTx tx) {
        RequestContext ctx = cmd.context();
        Optional<Patron> patron = findPatron(tx, ctx, cmd.patronBarcode());
        if (patron.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_PATRON, "Unknown patron");
        }
        Outcome<Views.Renewed> pin = checkPin(cmd.pin(), false, patron.get());
        if (pin != null) {
            return pin;
        }
        Optional<Item> item = findItem(tx, ctx, cmd.itemBarcode());
        if (item.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_ITEM, "Unknown item");
        }
        Optional<Loan> loan = tx.store().loans().openForItem(item.get().id());
        if (loan.isEmpty() || loan.get().patronId() != patron.get().id()) {
            return Outcome.refused(RefusalReason.ITEM_NOT_CHECKED_OUT, "Item is not checked out to this patron", itemInfo(tx, item.get()));
        }
        return renewLoan(tx, ctx, patron.get(), item.get(), loan.get(), false);
    }

    private Outcome<Views.RenewedAll> renewAll(RenewAll cmd, EngineTx tx) {
        RequestContext ctx = cmd.context();
        Optional<Patron> patron = findPatron(tx, ctx, cmd.patronBarcode());
        if (patron.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_PATRON, "Unknown patron");
        }
        Outcome<Views.RenewedAll> pin = checkPin(cmd.pin(), false, patron.get());
        if (pin != null) {
            return pin;
        }
        List<Views.Renewed> ok = new ArrayList<>();
        List<Views.RenewFailure> failed = new ArrayList<>();
        for (Loan loan : tx.store().loans().openForPatron(patron.get().id())) {
            Item item = tx.store().items().byId(loan.itemId()).orElseThrow();
            Outcome<Views.Renewed> r = renewLoan(tx, ctx, patron.get(), item, loan, false);
            if (r instanceof Outcome.Success<Views.Renewed> s) {
                ok.add(s.result());
            } else {
                Outcome.Refused<Views.Renewed> f = (Outcome.Refused<Views.Renewed>) r;
                failed.add(new Views.RenewFailure(item.barcode(), f.reason(), f.message()));
            }
        }
        return Outcome.success(new Views.RenewedAll(patronView(tx, patron.get()), ok, failed));
    }

    private Outcome<Views.Renewed> renewLoan(EngineTx tx, RequestContext ctx, Patron patron, Item item, Loan loan, boolean force) {
        Instant at = tx.effectiveTime(ctx);
        Library library = library(tx, loan.library());
        CirculationRule rule = rule(library.code(), patron.category(), item.itemType());
        if (rule == null) {
            return Outcome.refused(RefusalReason.NO_POLICY, "No circulation rule applies", itemInfo(tx, item));
        }
        if (!force) {
            Library home = library(tx, patron.homeLibrary());
            if (patron.isExpired(at.atZone(home.zone()).toLocalDate())) {
                return Outcome.refused(RefusalReason.PATRON_EXPIRED, "Patron card expired", itemInfo(tx, item));
            }
            for (PatronBlock b : tx.store().patrons().blocks(patron.id())) {
                if (b.renew() && b.activeAt(at)) {
                    return Outcome.refused(RefusalReason.PATRON_BLOCKED, "Renewals blocked: " + nullToEmpty(b.reason()), itemInfo(tx, item));
                }
            }
            if (loan.renewals() >= rule.renewalsAllowed()) {
                return Outcome.refused(RefusalReason.RENEWAL_LIMIT,
                        "Renewal limit reached (" + rule.renewalsAllowed() + ")", itemInfo(tx, item));
            }
            Optional<Hold> head = firstWaitingHoldFor(tx, item);
            if (head.isPresent() && head.get().patronId() != patron.id()) {
                return Outcome.refused(RefusalReason.RENEWAL_BLOCKED_BY_HOLD, "Item is on hold for another patron", itemInfo(tx, item));
            }
        }
        // Fines accrued so far are charged at renewal, as Koha does.
        BigDecimal accrued = Fines.overdueFine(loan.dueAt(), at, rule, library);
        if (accrued.signum() > 0) {
            Money fine = new Money(accrued, settings.currency());
            Fee fee = tx.store().fees().insert(new Fee(0, patron.id(), FeeType.OVERDUE, fine, accrued, item.id(), loan.id(),
                    "Overdue at renewal: " + title(tx, item.bibId()), tx.now()));
            tx.log(ctx, EventType.FEE_ASSESSED, library.code(), patron.id(), item.id(), "fee=" + fee.id() + " overdue " + fine);
        }
        // Renew from now, as Evergreen does, but never shorten the loan.
        Instant due = DueDates.renewalDue(at, rule, library);
        if (due.isBefore(loan.dueAt())) {
            due = loan.dueAt();
        }
        Loan renewed = loan.renewed(due);
        tx.store().loans().update(renewed);
        tx.log(ctx, EventType.RENEW, library.code(), patron.id(), item.id(), "loan=" + loan.id() + " due=" + due + " count=" + renewed.renewals());
        return Outcome.success(new Views.Renewed(itemInfo(tx, item), patronView(tx, patron), due, renewed.renewals()));
    }

    // ---------------------------------------------------------------- holds

    private Outcome<Views.HoldPlaced> placeHold(PlaceHold cmd, EngineTx tx) {
        RequestContext ctx = cmd.context();
        Optional<Patron> maybePatron = findPatron(tx, ctx, cmd.patronBarcode());
        if (maybePatron.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_PATRON, "Unknown patron");
        }
        Patron patron = maybePatron.get();
        Target target = target(tx, ctx, cmd.itemBarcode(), cmd.bibControlNumber());
        if (target == null) {
            return Outcome.refused(cmd.itemBarcode() != null ? RefusalReason.UNKNOWN_ITEM : RefusalReason.INVALID_REQUEST,
                    cmd.itemBarcode() != null ? "Unknown item" : "Unknown title");
        }
        String pickupCode = cmd.pickupLibrary() == null || cmd.pickupLibrary().isBlank() ? patron.homeLibrary() : cmd.pickupLibrary();
        Optional<Library> pickup = pickupLibrary(tx, ctx, pickupCode);
        if (pickup.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_LIBRARY, "Unknown pickup library " + pickupCode);
        }
        if (cmd.expiresOn() != null && cmd.expiresOn().isBefore(tx.today(pickup.get()))) {
            return Outcome.refused(RefusalReason.INVALID_REQUEST, "Hold expiry " + cmd.expiresOn() + " is in the past");
        }
        Instant at = tx.effectiveTime(ctx);
        if (patron.isExpired(tx.today(library(tx, patron.homeLibrary())))) {
            return Outcome.refused(RefusalReason.PATRON_EXPIRED, "Patron card expired");
        }
        for (PatronBlock b : tx.store().patrons().blocks(patron.id())) {
            if (b.request() && b.activeAt(at)) {
                return Outcome.refused(RefusalReason.PATRON_BLOCKED, "Holds blocked: " + nullToEmpty(b.reason()));
            }
        }
        String itemType = target.item != null ? target.item.itemType()
                : tx.store().items().byBib(target.bib.id()).stream().map(Item::itemType).findFirst().orElse(null);
        CirculationRule rule = rule(pickup.get().code(), patron.category(), itemType);
        if (rule == null || !rule.holdsAllowed()) {
            return Outcome.refused(RefusalReason.HOLDS_NOT_ALLOWED, "Holds are not allowed on this item");
        }
        boolean duplicate = tx.store().holds().openForPatron(patron.id()).stream().anyMatch(h -> h.bibId() == target.bib.id());
        if (duplicate) {
            return Outcome.refused(RefusalReason.DUPLICATE_HOLD, "Patron already has a hold on this title");
        }
        Hold hold = tx.store().holds().insert(new Hold(0, patron.id(), target.bib.id(), target.item == null ? null : target.item.id(),
                pickup.get().code(), at, cmd.expiresOn(), HoldStatus.WAITING, null, null, null));
        int position = queuePosition(tx, hold);
        tx.log(ctx, EventType.HOLD_PLACED, pickup.get().code(), patron.id(), target.item == null ? null : target.item.id(),
                "hold=" + hold.id() + " bib=" + target.bib.controlNumber());
        return Outcome.success(new Views.HoldPlaced(hold.id(), patronView(tx, patron), target.bib.controlNumber(), target.bib.title(),
                target.item == null ? null : target.item.barcode(), pickup.get().code(), position, hold.expiresOn(), false));
    }

    private Outcome<Views.HoldCancelled> cancelHold(CancelHold cmd, EngineTx tx) {
        RequestContext ctx = cmd.context();
        Optional<Patron> patron = findPatron(tx, ctx, cmd.patronBarcode());
        if (patron.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_PATRON, "Unknown patron");
        }
        Optional<Hold> hold = patronHold(tx, ctx, patron.get(), cmd.itemBarcode(), cmd.bibControlNumber());
        if (hold.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_HOLD, "No such hold");
        }
        Hold h = hold.get();
        StoreTx s = tx.store();
        s.holds().update(h.withStatus(HoldStatus.CANCELLED));
        if (h.trappedItemId() != null) {
            // The trapped item is released: back to its home shelf, or on its way there.
            Item item = s.items().byId(h.trappedItemId()).orElseThrow();
            if (item.status() == ItemStatus.ON_HOLD_SHELF || item.status() == ItemStatus.IN_TRANSIT) {
                s.items().update(item.currentLibrary().equals(item.homeLibrary()) && item.status() == ItemStatus.ON_HOLD_SHELF
                        ? item.withStatus(ItemStatus.AVAILABLE) : item.inTransit(item.homeLibrary()));
            }
        }
        BibRecord bib = s.bibs().byId(h.bibId()).orElseThrow();
        tx.log(ctx, EventType.HOLD_CANCELLED, h.pickupLibrary(), patron.get().id(), h.itemId(), "hold=" + h.id());
        return Outcome.success(new Views.HoldCancelled(h.id(), patronView(tx, patron.get()), bib.controlNumber(),
                cmd.itemBarcode()));
    }

    private Outcome<Views.HoldPlaced> changeHold(ChangeHold cmd, EngineTx tx) {
        RequestContext ctx = cmd.context();
        Optional<Patron> patron = findPatron(tx, ctx, cmd.patronBarcode());
        if (patron.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_PATRON, "Unknown patron");
        }
        Optional<Hold> hold = patronHold(tx, ctx, patron.get(), cmd.itemBarcode(), cmd.bibControlNumber());
        if (hold.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_HOLD, "No such hold");
        }
        String newPickup = blankToNull(cmd.pickupLibrary());
        if (newPickup != null && pickupLibrary(tx, ctx, newPickup).isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_LIBRARY, "Unknown pickup library " + newPickup);
        }
        Hold h = hold.get();
        if (h.status() != HoldStatus.WAITING && newPickup != null && !newPickup.equals(h.pickupLibrary())) {
            return Outcome.refused(RefusalReason.INVALID_REQUEST, "Pickup library cannot change once the hold is trapped");
        }
        if (cmd.expiresOn() != null && cmd.expiresOn().isBefore(tx.today(library(tx, newPickup == null ? h.pickupLibrary() : newPickup)))) {
            return Outcome.refused(RefusalReason.INVALID_REQUEST, "Hold expiry " + cmd.expiresOn() + " is in the past");
        }
        Hold changed = h.changed(newPickup, cmd.expiresOn());
        tx.store().holds().update(changed);
        BibRecord bib = tx.store().bibs().byId(h.bibId()).orElseThrow();
        tx.log(ctx, EventType.HOLD_CHANGED, changed.pickupLibrary(), patron.get().id(), h.itemId(), "hold=" + h.id());
        Item item = h.itemId() == null ? null : tx.store().items().byId(h.itemId()).orElse(null);
        return Outcome.success(new Views.HoldPlaced(h.id(), patronView(tx, patron.get()), bib.controlNumber(), bib.title(),
                item == null ? null : item.barcode(), changed.pickupLibrary(), queuePosition(tx, changed), changed.expiresOn(),
                changed.status() == HoldStatus.READY));
    }

    /** A pickup library must exist and belong to the caller's institution. */
    private Optional<Library> pickupLibrary(EngineTx tx, RequestContext ctx, String code) {
        return tx.store().libraries().find(code)
                .filter(l -> ctx.institution() == null || l.institution().equals(ctx.institution()));
    }

    private Optional<Hold> patronHold(EngineTx tx, RequestContext ctx, Patron patron, String itemBarcode, String bibNumber) {
        Target target = target(tx, ctx, itemBarcode, bibNumber);
        if (target == null) {
            return Optional.empty();
        }
        return tx.store().holds().openForPatron(patron.id()).stream().filter(h -> h.bibId() == target.bib.id()).findFirst();
    }

    private record Target(BibRecord bib, Item item) {
    }

    private Target target(EngineTx tx, RequestContext ctx, String itemBarcode, String bibNumber) {
        if (itemBarcode != null && !itemBarcode.isBlank()) {
            Optional<Item> item = findItem(tx, ctx, itemBarcode);
            if (item.isEmpty()) {
                return null;
            }
            return new Target(tx.store().bibs().byId(item.get().bibId()).orElseThrow(), item.get());
        }
        if (bibNumber != null && !bibNumber.isBlank()) {
            return tx.store().bibs().byControlNumber(bibNumber).map(b -> new Target(b, null)).orElse(null);
        }
        return null;
    }

    private int queuePosition(EngineTx tx, Hold hold) {
        List<Hold> queue = tx.store().holds().openForBib(hold.bibId());
        for (int i = 0; i < queue.size(); i++) {
            if (queue.get(i).id() == hold.id()) {
                return i + 1;
            }
        }
        return 0;
    }

    /** The first open hold this item could fill, trapped or waiting, in queue order. */
    private Optional<Hold> firstHoldFor(EngineTx tx, Item item) {
        return tx.store().holds().openForBib(item.bibId()).stream()
                .filter(h -> h.acceptsItem(item.id()))
                .filter(h -> (h.status() == HoldStatus.WAITING && notExpired(tx, h))
                        || (h.trappedItemId() != null && h.trappedItemId() == item.id() && !shelfExpired(tx, h)))
                .findFirst();
    }

    /**
     * The expiry job's page. A ready hold past its shelf date expires; its item stays on the hold shelf
     * until staff check it in, which sends it to the next hold or home (Evergreen's shelf-expired holds).
     * A waiting hold past its not-needed-after date expires. Holds in transit are left to their checkin.
     */
    private Outcome<Views.HoldsExpired> expireHolds(Commands.ExpireHolds cmd, EngineTx tx) {
        StoreTx s = tx.store();
        int limit = cmd.limit() <= 0 ? 500 : Math.min(cmd.limit(), 5_000);
        List<Hold> page = s.holds().openPage(Math.max(0, cmd.afterId()), limit);
        int expired = 0;
        for (Hold h : page) {
            if (shelfExpired(tx, h)) {
                s.holds().update(h.withStatus(HoldStatus.EXPIRED));
                tx.log(cmd.context(), EventType.HOLD_CANCELLED, h.pickupLibrary(), h.patronId(), h.trappedItemId(),
                        "hold=" + h.id() + " shelf expired " + h.shelfExpiresOn());
                expired++;
            } else if (h.status() == HoldStatus.WAITING && !notExpired(tx, h)) {
                s.holds().update(h.withStatus(HoldStatus.EXPIRED));
                tx.log(cmd.context(), EventType.HOLD_CANCELLED, h.pickupLibrary(), h.patronId(), null,
                        "hold=" + h.id() + " expired " + h.expiresOn());
                expired++;
            }
        }
        long last = page.isEmpty() ? cmd.afterId() : page.get(page.size() - 1).id();
        return Outcome.success(new Views.HoldsExpired(page.size(), expired, last, page.size() < limit));
    }

    /** A ready hold not collected by its shelf expiry date no longer holds the item. */
    private boolean shelfExpired(EngineTx tx, Hold h) {
        return h.status() == HoldStatus.READY && h.shelfExpiresOn() != null
                && h.shelfExpiresOn().isBefore(tx.today(library(tx, h.pickupLibrary())));
    }

    private Optional<Hold> firstWaitingHoldFor(EngineTx tx, Item item) {
        return tx.store().holds().openForBib(item.bibId()).stream()
                .filter(h -> h.status() == HoldStatus.WAITING && h.acceptsItem(item.id()) && notExpired(tx, h))
                .findFirst();
    }

    /** A waiting hold past its expiry date no longer claims items (the patron no longer needs it). */
    private boolean notExpired(EngineTx tx, Hold h) {
        return h.expiresOn() == null || !h.expiresOn().isBefore(tx.today(library(tx, h.pickupLibrary())));
    }

    // ---------------------------------------------------------------- fees

    private Outcome<Views.FeePaid> payFee(PayFee cmd, EngineTx tx) {
        RequestContext ctx = cmd.context();
        Optional<Patron> maybePatron = findPatron(tx, ctx, cmd.patronBarcode());
        if (maybePatron.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_PATRON, "Unknown patron");
        }
        Patron patron = maybePatron.get();
        StoreTx s = tx.store();
        if (cmd.transactionId() != null && !cmd.transactionId().isBlank()) {
            Optional<FeeCredit> seen = s.fees().creditByReference(ctx.channel(), cmd.transactionId());
            if (seen.isPresent()) {
                FeeCredit c = seen.get();
                if (c.patronId() != patron.id() || c.amount().compareTo(sameCurrencyOrNull(cmd.amount(), c.amount())) != 0) {
                    return Outcome.refused(RefusalReason.DUPLICATE, "Transaction id " + cmd.transactionId() + " was already used");
                }
                return Outcome.success(new Views.FeePaid(c.id(), patronView(tx, patron), c.amount(), allocations(c),
                        balance(tx, patron.id()), c.reference(), true));
            }
        }
        Outcome<Views.FeePaid> invalid = validateAmount(cmd.amount());
        if (invalid != null) {
            return invalid;
        }
        List<Fee> open = s.fees().openForPatron(patron.id());
        List<Fee> targets;
        if (cmd.feeId() != null) {
            Optional<Fee> fee = open.stream().filter(f -> f.id() == cmd.feeId()).findFirst();
            if (fee.isEmpty()) {
                return Outcome.refused(RefusalReason.UNKNOWN_FEE, "No open fee " + cmd.feeId() + " for this patron");
            }
            targets = List.of(fee.get());
        } else {
            targets = open;
        }
        BigDecimal owed = targets.stream().map(Fee::remaining).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (owed.signum() == 0) {
            return Outcome.refused(RefusalReason.NOTHING_OWED, "Nothing is owed");
        }
        if (cmd.amount().amount().compareTo(owed) > 0) {
            return Outcome.refused(RefusalReason.OVERPAYMENT, "Payment exceeds the amount owed (" + owed.toPlainString() + ")");
        }
        FeeCredit credit = applyCredit(tx, ctx, patron, targets, cmd.amount(), CreditType.PAYMENT, cmd.method(), blankToNull(cmd.transactionId()));
        tx.log(ctx, EventType.FEE_PAID, ctx.library(), patron.id(), null, "credit=" + credit.id() + " amount=" + cmd.amount());
        return Outcome.success(new Views.FeePaid(credit.id(), patronView(tx, patron), cmd.amount(), allocations(credit),
                balance(tx, patron.id()), credit.reference(), false));
    }

    private Outcome<Views.FeePaid> waiveFee(WaiveFee cmd, EngineTx tx) {
        RequestContext ctx = cmd.context();
        Optional<Patron> patron = findPatron(tx, ctx, cmd.patronBarcode());
        if (patron.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_PATRON, "Unknown patron");
        }
        Outcome<Views.FeePaid> invalid = validateAmount(cmd.amount());
        if (invalid != null) {
            return invalid;
        }
        Optional<Fee> fee = tx.store().fees().byId(cmd.feeId()).filter(f -> f.patronId() == patron.get().id() && f.isOpen());
        if (fee.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_FEE, "No open fee " + cmd.feeId() + " for this patron");
        }
        if (cmd.amount().amount().compareTo(fee.get().remaining()) > 0) {
            return Outcome.refused(RefusalReason.OVERPAYMENT, "Waiver exceeds the amount owed (" + fee.get().remaining().toPlainString() + ")");
        }
        CreditType type = cmd.type() == null ? CreditType.WAIVER : cmd.type();
        FeeCredit credit = applyCredit(tx, ctx, patron.get(), List.of(fee.get()), cmd.amount(), type, cmd.reason(), null);
        tx.log(ctx, EventType.FEE_WAIVED, ctx.library(), patron.get().id(), fee.get().itemId(),
                "fee=" + fee.get().id() + " " + type + " " + cmd.amount());
        return Outcome.success(new Views.FeePaid(credit.id(), patronView(tx, patron.get()), cmd.amount(), allocations(credit),
                balance(tx, patron.get().id()), null, false));
    }

    private Outcome<Views.FeeAssessed> assessFee(AssessFee cmd, EngineTx tx) {
        RequestContext ctx = cmd.context();
        Optional<Patron> patron = findPatron(tx, ctx, cmd.patronBarcode());
        if (patron.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_PATRON, "Unknown patron");
        }
        if (cmd.type() == null) {
            return Outcome.refused(RefusalReason.INVALID_REQUEST, "Fee type is required");
        }
        Outcome<Views.FeeAssessed> invalid = validateAmount(cmd.amount());
        if (invalid != null) {
            return invalid;
        }
        Long itemId = null;
        if (cmd.itemBarcode() != null && !cmd.itemBarcode().isBlank()) {
            Optional<Item> item = findItem(tx, ctx, cmd.itemBarcode());
            if (item.isEmpty()) {
                return Outcome.refused(RefusalReason.UNKNOWN_ITEM, "Unknown item");
            }
            itemId = item.get().id();
        }
        Fee fee = tx.store().fees().insert(new Fee(0, patron.get().id(), cmd.type(), cmd.amount(), cmd.amount().amount(), itemId, null,
                cmd.description() == null ? cmd.type().name() : cmd.description(), tx.now()));
        tx.log(ctx, EventType.FEE_ASSESSED, ctx.library(), patron.get().id(), itemId, "fee=" + fee.id() + " " + cmd.type() + " " + cmd.amount());
        return Outcome.success(new Views.FeeAssessed(fee.id(), patronView(tx, patron.get()), cmd.type(), cmd.amount(), balance(tx, patron.get().id())));
    }

    private <T> Outcome<T> validateAmount(Money amount) {
        if (amount == null || amount.amount().signum() <= 0) {
            return Outcome.refused(RefusalReason.INVALID_AMOUNT, "Amount must be positive");
        }
        if (amount.amount().compareTo(MAX_AMOUNT) > 0) {
            return Outcome.refused(RefusalReason.INVALID_AMOUNT, "Amount must not exceed " + MAX_AMOUNT.toPlainString());
        }
        if (!amount.currency().equals(settings.currency())) {
            return Outcome.refused(RefusalReason.CURRENCY_MISMATCH, "Currency must be " + settings.currency().getCurrencyCode());
        }
        return null;
    }

    private static Money sameCurrencyOrNull(Money requested, Money stored) {
        return requested != null && requested.currency().equals(stored.currency()) ? requested : new Money(BigDecimal.valueOf(-1), stored.currency());
    }

    /** Allocates a credit oldest-first over {@code fees} and records it; amount must not exceed what they owe. */
    private FeeCredit applyCredit(EngineTx tx, RequestContext ctx, Patron patron, List<Fee> fees, Money amount,
                                  CreditType type, String method, String reference) {
        BigDecimal left = amount.amount();
        List<FeeCredit.Allocation> allocations = new ArrayList<>();
        for (Fee fee : fees) {
            if (left.signum() == 0) {
                break;
            }
            BigDecimal part = left.min(fee.remaining());
            if (part.signum() > 0) {
                tx.store().fees().update(fee.withRemaining(fee.remaining().subtract(part)));
                allocations.add(new FeeCredit.Allocation(fee.id(), part));
                left = left.subtract(part);
            }
        }
        return tx.store().fees().insertCredit(new FeeCredit(0, patron.id(), type, amount, method, reference, ctx.channel(),
                ctx.terminal(), tx.now(), allocations));
    }

    private static List<Views.FeeAllocation> allocations(FeeCredit c) {
        return c.allocations().stream().map(a -> new Views.FeeAllocation(a.feeId(), a.amount())).toList();
    }

    // ---------------------------------------------------------------- blocks and items

    private Outcome<Views.PatronInfo> blockPatron(BlockPatron cmd, EngineTx tx) {
        RequestContext ctx = cmd.context();
        Optional<Patron> patron = findPatron(tx, ctx, cmd.patronBarcode());
        if (patron.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_PATRON, "Unknown patron");
        }
        Patron p = patron.get();
        tx.store().patrons().addBlock(new PatronBlock(0, p.id(), ctx.channel().name(), true, true, true,
                cmd.reason() == null || cmd.reason().isBlank() ? "Blocked by " + ctx.actor() : cmd.reason(), tx.now(), null));
        if (cmd.cardRetained() && !p.cardLost()) {
            p = p.withCardLost(true);
            tx.store().patrons().update(p);
        }
        tx.log(ctx, EventType.PATRON_BLOCKED, ctx.library(), p.id(), null, "cardRetained=" + cmd.cardRetained());
        return Outcome.success(patronInfo(tx, p, PinCheck.NOT_CHECKED));
    }

    private Outcome<Views.PatronInfo> unblockPatron(UnblockPatron cmd, EngineTx tx) {
        RequestContext ctx = cmd.context();
        Optional<Patron> patron = findPatron(tx, ctx, cmd.patronBarcode());
        if (patron.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_PATRON, "Unknown patron");
        }
        for (PatronBlock b : tx.store().patrons().blocks(patron.get().id())) {
            tx.store().patrons().removeBlock(b.id());
        }
        tx.log(ctx, EventType.PATRON_UNBLOCKED, ctx.library(), patron.get().id(), null, "manual blocks lifted");
        return Outcome.success(patronInfo(tx, patron.get(), PinCheck.NOT_CHECKED));
    }

    private Outcome<Views.ItemInfo> updateItem(UpdateItem cmd, EngineTx tx) {
        RequestContext ctx = cmd.context();
        Optional<Item> maybeItem = findItem(tx, ctx, cmd.itemBarcode());
        if (maybeItem.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_ITEM, "Unknown item");
        }
        Item item = maybeItem.get();
        if (cmd.status() == ItemStatus.CHECKED_OUT || cmd.status() == ItemStatus.ON_HOLD_SHELF || cmd.status() == ItemStatus.IN_TRANSIT) {
            return Outcome.refused(RefusalReason.INVALID_REQUEST, "Use checkout or check-in to set " + cmd.status());
        }
        // Judged by the loan, not the status: a lent item declared lost is still on loan until checked in.
        if (cmd.status() != null && cmd.status() != ItemStatus.LOST && tx.store().loans().openForItem(item.id()).isPresent()) {
            return Outcome.refused(RefusalReason.INVALID_REQUEST, "Item is checked out; check it in first", itemInfo(tx, item));
        }
        Item updated = new Item(item.id(), item.barcode(), item.bibId(), item.itemType(), item.homeLibrary(), item.currentLibrary(),
                cmd.location() == null ? item.location() : cmd.location(),
                cmd.callNumber() == null ? item.callNumber() : cmd.callNumber(), item.price(),
                cmd.status() == null ? item.status() : cmd.status(), cmd.status() == null ? item.inTransitTo() : null, item.illRequestId());
        tx.store().items().update(updated);
        if (cmd.status() != null) {
            // An item pulled off the hold shelf or out of transit no longer serves its hold: back to the queue.
            tx.store().holds().openTrappingItem(item.id()).ifPresent(h -> tx.store().holds().update(h.untrapped()));
        }
        tx.log(ctx, EventType.ITEM_STATUS_CHANGED, item.currentLibrary(), null, item.id(),
                item.status() + "->" + updated.status() + (cmd.location() == null ? "" : " location=" + cmd.location()));
        return Outcome.success(itemInfo(tx, updated));
    }

    private Outcome<Views.LibraryView> lookupLibrary(Commands.LookupLibrary cmd, EngineTx tx) {
        return tx.store().libraries().find(cmd.code() == null ? "" : cmd.code())
                .<Outcome<Views.LibraryView>>map(l -> Outcome.success(new Views.LibraryView(l.code(), l.name(), l.institution())))
                .orElseGet(() -> Outcome.refused(RefusalReason.UNKNOWN_LIBRARY, "Unknown library"));
    }

    private Outcome<Views.TerminalLogin> authenticateTerminal(AuthenticateTerminal cmd, EngineTx tx) {
        Optional<org.stackbridge.core.model.TerminalAccount> account = tx.store().accounts().find(cmd.login() == null ? "" : cmd.login());
        if (account.isEmpty() || !SecretHasher.verify(cmd.password() == null ? "" : cmd.password(), account.get().passwordHash())) {
            return Outcome.refused(RefusalReason.INVALID_CREDENTIALS, "Invalid login");
        }
        return Outcome.success(new Views.TerminalLogin(account.get().login(), account.get().institution(), account.get().profile()));
    }

    // ---------------------------------------------------------------- views and helpers

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

    private boolean inInstitution(EngineTx tx, RequestContext ctx, String libraryCode) {
        if (ctx.institution() == null) {
            return true;
        }
        return tx.store().libraries().find(libraryCode).map(l -> l.institution().equals(ctx.institution())).orElse(false);
    }

    private Library circulationLibrary(EngineTx tx, RequestContext ctx, Item item) {
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

    private CirculationRule rule(String library, String category, String itemType) {
        return policies.get().find(library, category, itemType).orElse(null);
    }

    public Money balance(EngineTx tx, long patronId) {
        BigDecimal sum = tx.store().fees().openForPatron(patronId).stream().map(Fee::remaining).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Money(sum, settings.currency());
    }

    public Views.PatronView patronView(EngineTx tx, Patron p) {
        return new Views.PatronView(p.id(), p.barcode(), p.name(), p.category(), p.email(), p.phone(), p.address(), p.expires(),
                p.homeLibrary(), library(tx, p.homeLibrary()).institution());
    }

    public Views.PatronInfo patronInfo(EngineTx tx, Patron p, PinCheck pin) {
        StoreTx s = tx.store();
        Instant now = tx.now();
        List<Views.LoanLine> loans = new ArrayList<>();
        Set<Long> recalledItems = Set.of();
        for (Loan l : s.loans().openForPatron(p.id())) {
            Item item = s.items().byId(l.itemId()).orElseThrow();
            loans.add(new Views.LoanLine(item.barcode(), title(tx, item.bibId()), l.issuedAt(), l.dueAt(), l.renewals(),
                    l.isOverdue(now), recalledItems.contains(item.id())));
        }
        loans.sort(Comparator.comparing(Views.LoanLine::dueAt));
        List<Views.HoldLine> holds = new ArrayList<>();
        for (Hold h : s.holds().openForPatron(p.id())) {
            BibRecord bib = s.bibs().byId(h.bibId()).orElseThrow();
            Long itemId = h.trappedItemId() != null ? h.trappedItemId() : h.itemId();
            String itemBarcode = itemId == null ? null : s.items().byId(itemId).map(Item::barcode).orElse(null);
            holds.add(new Views.HoldLine(h.id(), itemBarcode, bib.controlNumber(), bib.title(), h.pickupLibrary(), h.status(),
                    queuePosition(tx, h), h.expiresOn(), h.placedAt()));
        }
        List<Views.FeeLine> fees = new ArrayList<>();
        for (Fee f : s.fees().openForPatron(p.id())) {
            String itemBarcode = f.itemId() == null ? null : s.items().byId(f.itemId()).map(Item::barcode).orElse(null);
            fees.add(new Views.FeeLine(f.id(), f.type(), f.amount(), f.remainingMoney(), itemBarcode, f.description(), f.createdAt()));
        }
        List<Views.BlockLine> blocks = new ArrayList<>();
        EnumSet<PatronFlag> flags = EnumSet.noneOf(PatronFlag.class);
        for (PatronBlock b : s.patrons().blocks(p.id())) {
            if (!b.activeAt(now)) {
                continue;
            }
            blocks.add(new Views.BlockLine(b.id(), b.source(), b.borrow(), b.renew(), b.request(), b.reason()));
            if (b.borrow()) {
                flags.add(PatronFlag.CHARGE_PRIVILEGES_DENIED);
            }
            if (b.renew()) {
                flags.add(PatronFlag.RENEWAL_PRIVILEGES_DENIED);
            }
            if (b.request()) {
                flags.add(PatronFlag.HOLD_PRIVILEGES_DENIED);
                flags.add(PatronFlag.RECALL_PRIVILEGES_DENIED);
            }
        }
        Library home = library(tx, p.homeLibrary());
        if (p.cardLost()) {
            flags.add(PatronFlag.CARD_REPORTED_LOST);
            flags.add(PatronFlag.CHARGE_PRIVILEGES_DENIED);
        }
        if (p.isExpired(tx.today(home))) {
            flags.add(PatronFlag.CHARGE_PRIVILEGES_DENIED);
            flags.add(PatronFlag.RENEWAL_PRIVILEGES_DENIED);
            flags.add(PatronFlag.HOLD_PRIVILEGES_DENIED);
            flags.add(PatronFlag.RECALL_PRIVILEGES_DENIED);
        }
        CirculationRule rule = rule(p.homeLibrary(), p.category(), null);
        int maxLoans = rule == null ? 0 : rule.maxLoans();
        if (maxLoans > 0 && loans.size() >= maxLoans) {
            flags.add(PatronFlag.TOO_MANY_ITEMS_CHARGED);
        }
        long overdue = loans.stream().filter(Views.LoanLine::overdue).count();
        if (settings.maxOverdue() > 0 && overdue >= settings.maxOverdue()) {
            flags.add(PatronFlag.TOO_MANY_ITEMS_OVERDUE);
            flags.add(PatronFlag.CHARGE_PRIVILEGES_DENIED);
        }
        Money balance = balance(tx, p.id());
        if (settings.feeLimit().signum() > 0 && balance.amount().compareTo(settings.feeLimit()) >= 0) {
            boolean fines = fees.stream().anyMatch(f -> f.type() == FeeType.OVERDUE);
            flags.add(fines ? PatronFlag.EXCESSIVE_OUTSTANDING_FINES : PatronFlag.EXCESSIVE_OUTSTANDING_FEES);
            flags.add(PatronFlag.CHARGE_PRIVILEGES_DENIED);
        }
        boolean canBorrow = !flags.contains(PatronFlag.CHARGE_PRIVILEGES_DENIED) && !flags.contains(PatronFlag.TOO_MANY_ITEMS_CHARGED);
        return new Views.PatronInfo(patronView(tx, p), flags, pin, balance, settings.feeLimitMoney(), loans, holds, fees, blocks,
                maxLoans, canBorrow);
    }

    public Views.ItemInfo itemInfo(EngineTx tx, Item item) {
        StoreTx s = tx.store();
        Optional<Loan> loan = s.loans().openForItem(item.id());
        String borrower = loan.flatMap(l -> s.patrons().byId(l.patronId())).map(Patron::barcode).orElse(null);
        return itemInfo(tx, item, loan, borrower);
    }

    /** The item's view when the caller already knows its open loan (if any) and that loan's borrower barcode. */
    private Views.ItemInfo itemInfo(EngineTx tx, Item item, Optional<Loan> loan, String borrower) {
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

    private String title(EngineTx tx, long bibId) {
        return tx.store().bibs().headingById(bibId).map(BibRecord::title).orElse("");
    }

    private static String describe(ItemStatus status) {
        return status.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    private static long nz(Long v) {
        return v == null ? -1 : v;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
