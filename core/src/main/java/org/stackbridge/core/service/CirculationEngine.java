package org.stackbridge.core.service;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.stackbridge.core.command.Command;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.Library;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views.PinCheck;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.policy.CirculationRule;
import org.stackbridge.core.policy.PatronStanding;
import org.stackbridge.core.policy.PolicyTable;
import org.stackbridge.core.security.PinVerifier;

/**
 * The circulation engine: one command dispatch in front of the desks that decide (lending, returns, holds,
 * fees, administration, views). Every handler checks first and writes only once it has decided to succeed,
 * so a refusal leaves storage untouched. Who may do what is decided by
 * {@link org.stackbridge.core.policy.EligibilityPolicies}.
 */
public final class CirculationEngine {

    private final Clock clock;
    private final EngineSettings settings;
    private final Supplier<PolicyTable> policies;
    private final Map<Class<?>, CommandHandler<?, ?>> handlers = new HashMap<>();
    private final EngineViews views;
    private final PinVerifier pins;

    public CirculationEngine(Clock clock, EngineSettings settings, Supplier<PolicyTable> policies) {
        this(clock, settings, policies, new PinVerifier(clock, settings.pins()));
    }

    /** An engine checking patron PINs with {@code pins} (tests pass one with a counting slow check). */
    public CirculationEngine(Clock clock, EngineSettings settings, Supplier<PolicyTable> policies, PinVerifier pins) {
        this.clock = clock;
        this.settings = settings;
        this.policies = policies;
        this.pins = pins;
        this.views = new EngineViews(settings, policies, pins);
        ReturnsDesk returns = new ReturnsDesk(settings, policies);
        views.registerOn(this);
        new LendingDesk(settings, policies, returns, pins).registerOn(this);
        returns.registerOn(this);
        new HoldsDesk(settings, policies).registerOn(this);
        new HoldShelfDesk(settings, policies).registerOn(this);
        new FeesDesk(settings, policies).registerOn(this);
        new CashierDesk(settings, policies).registerOn(this);
        new FeeDisputesDesk(settings, policies).registerOn(this);
        new AdministrationDesk(settings, policies, views).registerOn(this);
        new SettingsDesk(settings, policies).registerOn(this);
        new PatronsDesk(settings, policies, views, pins).registerOn(this);
        new LoanHistoryDesk(settings, policies, new LoanHistoryAnonymisation()).registerOn(this);
    }

    /** The one patron PIN check of this engine (its cache and failed-PIN lock). */
    public PinVerifier pins() {
        return pins;
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
    public <C extends Command<R>, R> void decorate(Class<C> type, UnaryOperator<CommandHandler<C, R>> wrapper) {
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

    // ---------------------------------------------------------------- shared look-ups for extensions (ILL)

    /** Finds a patron visible in the caller's institution. */
    public Optional<Patron> findPatron(EngineTx tx, RequestContext ctx, String barcode) {
        return views.findPatron(tx, ctx, barcode);
    }

    /** Finds an item visible in the caller's institution. */
    public Optional<Item> findItem(EngineTx tx, RequestContext ctx, String barcode) {
        return views.findItem(tx, ctx, barcode);
    }

    public Library library(EngineTx tx, String code) {
        return views.library(tx, code);
    }

    public Money balance(EngineTx tx, long patronId) {
        return views.balance(tx, patronId);
    }

    /** The rule in effect for a library, patron category and item type, if any. */
    public Optional<CirculationRule> rule(String library, String category, String itemType) {
        return views.rule(library, category, itemType);
    }

    /** What the eligibility policies know about a patron at {@code at} (the command's own time). */
    public PatronStanding standing(EngineTx tx, Patron p, java.time.Instant at, Optional<CirculationRule> rule) {
        return views.standing(tx, p, at, rule);
    }

    public Views.PatronView patronView(EngineTx tx, Patron p) {
        return views.patronView(tx, p);
    }

    public Views.PatronInfo patronInfo(EngineTx tx, Patron p, PinCheck pin) {
        return views.patronInfo(tx, p, pin);
    }

    public Views.ItemInfo itemInfo(EngineTx tx, Item item) {
        return views.itemInfo(tx, item);
    }
}
