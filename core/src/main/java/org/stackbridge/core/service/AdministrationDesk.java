package org.stackbridge.core.service;

import java.util.Optional;
import java.util.function.Supplier;
import org.stackbridge.core.command.Commands.AuthenticateTerminal;
import org.stackbridge.core.command.Commands.BlockPatron;
import org.stackbridge.core.command.Commands.UnblockPatron;
import org.stackbridge.core.command.Commands.UpdateItem;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.BlockType;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.model.PatronBlock;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views.PinCheck;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.policy.PolicyTable;
import org.stackbridge.core.security.SecretHasher;

/** Patron, item and terminal administration: blocks, item status, library and terminal look-ups. */
final class AdministrationDesk extends Desk {

    private final EngineViews views;

    AdministrationDesk(EngineSettings settings, Supplier<PolicyTable> policies, EngineViews views) {
        super(settings, policies);
        this.views = views;
    }

    void registerOn(CirculationEngine engine) {
        engine.register(BlockPatron.class, this::blockPatron);
        engine.register(UnblockPatron.class, this::unblockPatron);
        engine.register(UpdateItem.class, this::updateItem);
        engine.register(AuthenticateTerminal.class, this::authenticateTerminal);
        engine.register(Commands.LookupLibrary.class, this::lookupLibrary);
    }

    // ---------------------------------------------------------------- blocks and items

    private Outcome<Views.PatronInfo> blockPatron(BlockPatron cmd, EngineTx tx) {
        RequestContext ctx = cmd.context();
        Optional<Patron> patron = findPatron(tx, ctx, cmd.patronBarcode());
        if (patron.isEmpty()) {
            return unknownPatron(tx, cmd.patronBarcode());
        }
        Patron p = patron.get();
        // A kiosk's block is a KIOSK block (the only kind its Patron Enable may lift); another caller's is a manual one.
        BlockType type = ctx.channel() == Channel.SIP2 ? BlockType.KIOSK : BlockType.MANUAL;
        String reason = cmd.reason() == null || cmd.reason().isBlank() ? "Blocked by " + ctx.actor() : cmd.reason();
        // Repeated Block Patron messages do not pile up: an active block of the same type and reason is kept as it is.
        boolean repeated = tx.store().patrons().blocks(p.id()).stream()
                .anyMatch(b -> b.activeAt(tx.now()) && b.type() == type && reason.equals(b.reason()));
        if (!repeated) {
            tx.store().patrons().addBlock(new PatronBlock(0, p.id(), ctx.channel().name(), true, true, true, reason, tx.now(), null,
                    type, null, ctx.actor()));
        }
        if (cmd.cardRetained() && !p.cardLost()) {
            p = p.withCardLost(true);
            tx.store().patrons().update(p);
        }
        if (!repeated || cmd.cardRetained()) {
            tx.log(ctx, EventType.PATRON_BLOCKED, ctx.library(), p.id(), null, "cardRetained=" + cmd.cardRetained()
                    + (repeated ? " (block already in place)" : " type=" + type));
        }
        return Outcome.success(views.patronInfo(tx, ctx, p, PinCheck.NOT_CHECKED));
    }

    /**
     * Patron Enable (SIP2 25) lifts only the blocks a kiosk placed ({@link BlockType#KIOSK}); staff blocks stay until
     * staff lift them (staff API {@code DELETE /patrons/{barcode}/blocks/{id}}).
     */
    private Outcome<Views.PatronInfo> unblockPatron(UnblockPatron cmd, EngineTx tx) {
        RequestContext ctx = cmd.context();
        Optional<Patron> patron = findPatron(tx, ctx, cmd.patronBarcode());
        if (patron.isEmpty()) {
            return unknownPatron(tx, cmd.patronBarcode());
        }
        int lifted = 0;
        int kept = 0;
        for (PatronBlock b : tx.store().patrons().blocks(patron.get().id())) {
            if (b.type() == BlockType.KIOSK) {
                tx.store().patrons().removeBlock(b.id());
                lifted++;
            } else {
                kept++;
            }
        }
        tx.log(ctx, EventType.PATRON_UNBLOCKED, ctx.library(), patron.get().id(), null,
                "kiosk blocks lifted: " + lifted + ", staff blocks kept: " + kept);
        return Outcome.success(views.patronInfo(tx, ctx, patron.get(), PinCheck.NOT_CHECKED));
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
                .<Outcome<Views.LibraryView>>map(l -> Outcome.success(new Views.LibraryView(l.code(), l.name(), l.institution(), l.zone().getId())))
                .orElseGet(() -> Outcome.refused(RefusalReason.UNKNOWN_LIBRARY, "Unknown library"));
    }

    private Outcome<Views.TerminalLogin> authenticateTerminal(AuthenticateTerminal cmd, EngineTx tx) {
        Optional<org.stackbridge.core.model.TerminalAccount> account = tx.store().accounts().find(cmd.login() == null ? "" : cmd.login());
        if (account.isEmpty() || !account.get().enabled() || !SecretHasher.verify(cmd.password() == null ? "" : cmd.password(), account.get().passwordHash())) {
            return Outcome.refused(RefusalReason.INVALID_CREDENTIALS, "Invalid login");
        }
        return Outcome.success(new Views.TerminalLogin(account.get().login(), account.get().institution(), account.get().profile()));
    }

}
