package org.stackbridge.core.service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.stackbridge.core.command.PatronCommands.AnonymisePatron;
import org.stackbridge.core.command.PatronCommands.ChangeMembership;
import org.stackbridge.core.command.PatronCommands.CreatePatron;
import org.stackbridge.core.command.PatronCommands.FindDuplicatePatrons;
import org.stackbridge.core.command.PatronCommands.ItemHistory;
import org.stackbridge.core.command.PatronCommands.ListBlocks;
import org.stackbridge.core.command.PatronCommands.MembershipAction;
import org.stackbridge.core.command.PatronCommands.PatronDetails;
import org.stackbridge.core.command.PatronCommands.PatronField;
import org.stackbridge.core.command.PatronCommands.PatronHistory;
import org.stackbridge.core.command.PatronCommands.PatronPatch;
import org.stackbridge.core.command.PatronCommands.PlaceBlock;
import org.stackbridge.core.command.PatronCommands.RemoveBlock;
import org.stackbridge.core.command.PatronCommands.ReplaceCard;
import org.stackbridge.core.command.PatronCommands.ResetPin;
import org.stackbridge.core.command.PatronCommands.SearchPatrons;
import org.stackbridge.core.command.PatronCommands.UpdatePatron;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.BlockType;
import org.stackbridge.core.model.Changes;
import org.stackbridge.core.model.CirculationEvent;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.Fee;
import org.stackbridge.core.model.FeeType;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.Library;
import org.stackbridge.core.model.LostCard;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.model.PatronBlock;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.PatronViews;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.outcome.Views.PinCheck;
import org.stackbridge.core.policy.MembershipPolicy;
import org.stackbridge.core.policy.PatronDuplicates;
import org.stackbridge.core.policy.PolicyTable;
import org.stackbridge.core.security.PinVerifier;
import org.stackbridge.core.security.SecretHasher;

/**
 * The patron desk: creating and changing patrons, search, card replacement, PIN reset, membership, anonymisation,
 * typed staff blocks and the histories of patrons and items read from the event log. Every change is logged with the
 * caller as actor and, where fields changed, their before and after values ({@link Changes}); never a PIN.
 */
final class PatronsDesk extends Desk {

    /** Name an anonymised patron keeps (the record stays for statistics). */
    static final String ANONYMISED_NAME = "Anonymised patron";
    /** Prefix of the opaque barcode an anonymised patron gets. */
    static final String ANONYMISED_PREFIX = "ANON-";

    private final EngineViews views;
    private final PinVerifier pins;
    private final java.security.SecureRandom random = new java.security.SecureRandom();

    /** The one anonymisation step for closed loans (shared with the housekeeping job). */
    private final LoanHistoryAnonymisation loanHistory = new LoanHistoryAnonymisation();

    PatronsDesk(EngineSettings settings, Supplier<PolicyTable> policies, EngineViews views, PinVerifier pins) {
        super(settings, policies);
        this.views = views;
        this.pins = pins;
    }

    void registerOn(CirculationEngine engine) {
        engine.register(CreatePatron.class, this::create);
        engine.register(UpdatePatron.class, this::update);
        engine.register(SearchPatrons.class, this::search);
        engine.register(ReplaceCard.class, this::replaceCard);
        engine.register(ResetPin.class, this::resetPin);
        engine.register(ChangeMembership.class, this::changeMembership);
        engine.register(AnonymisePatron.class, this::anonymise);
        engine.register(PlaceBlock.class, this::placeBlock);
        engine.register(ListBlocks.class, this::listBlocks);
        engine.register(RemoveBlock.class, this::removeBlock);
        engine.register(PatronHistory.class, this::patronHistory);
        engine.register(ItemHistory.class, this::itemHistory);
        engine.register(FindDuplicatePatrons.class, this::duplicates);
    }

    // ---------------------------------------------------------------- create and change

    private Outcome<Views.PatronInfo> create(CreatePatron cmd, EngineTx tx) {
        RequestContext ctx = cmd.context();
        PatronDetails d = cmd.details();
        Optional<Outcome<Views.PatronInfo>> taken = barcodeTaken(tx, d.barcode(), "barcode");
        if (taken.isPresent()) {
            return taken.get();
        }
        Optional<Outcome<Views.PatronInfo>> invalid = this.<Views.PatronInfo>checkCategory(d.category())
                .or(() -> checkLibrary(tx, ctx, d.homeLibrary()));
        if (invalid.isPresent()) {
            return invalid.get();
        }
        if (cmd.pinHash() != null && !SecretHasher.isHash(cmd.pinHash())) {
            return Outcome.refused(RefusalReason.INVALID_REQUEST, "The PIN must be given hashed", new PatronViews.FieldProblem("pin", "not hashed"));
        }
        Patron stored = tx.store().patrons().insert(new Patron(0, d.barcode(), cmd.pinHash(), d.name(), d.category(), d.email(), d.phone(),
                d.address(), d.expires(), d.homeLibrary(), false, d.birthDate(), d.noticePreference(), d.language()));
        tx.log(ctx, EventType.PATRON_CREATED, d.homeLibrary(), stored.id(), null, "created" + (cmd.pinHash() == null ? "" : " with a PIN"));
        return Outcome.success(views.patronInfo(tx, ctx, stored, PinCheck.NOT_CHECKED));
    }

    private Outcome<Views.PatronInfo> update(UpdatePatron cmd, EngineTx tx) {
        return withPatron(tx, cmd.context(), cmd.patronBarcode(), patron -> {
            RequestContext ctx = cmd.context();
            Patron before = patron;
            PatronPatch p = cmd.patch();
            if (p.sets(PatronField.CATEGORY)) {
                Optional<Outcome<Views.PatronInfo>> invalid = checkCategory(p.category());
                if (invalid.isPresent()) {
                    return invalid.get();
                }
            }
            if (p.sets(PatronField.HOME_LIBRARY)) {
                Optional<Outcome<Views.PatronInfo>> invalid = checkLibrary(tx, ctx, p.homeLibrary());
                if (invalid.isPresent()) {
                    return invalid.get();
                }
            }
            Patron after = before;
            if (p.sets(PatronField.NAME)) {
                after = after.withName(p.name());
            }
            if (p.sets(PatronField.CATEGORY)) {
                after = after.withCategory(p.category());
            }
            if (p.sets(PatronField.HOME_LIBRARY)) {
                after = after.withHomeLibrary(p.homeLibrary());
            }
            after = after.withContact(p.sets(PatronField.EMAIL) ? p.email() : after.email(), p.sets(PatronField.PHONE) ? p.phone() : after.phone(),
                    p.sets(PatronField.ADDRESS) ? p.address() : after.address());
            if (p.sets(PatronField.EXPIRES)) {
                after = after.withExpires(p.expires());
            }
            if (p.sets(PatronField.BIRTH_DATE)) {
                after = after.withBirthDate(p.birthDate());
            }
            if (p.sets(PatronField.NOTICE_PREFERENCE)) {
                after = after.withNoticePreference(p.noticePreference());
            }
            if (p.sets(PatronField.LANGUAGE)) {
                after = after.withLanguage(p.language());
            }
            Changes changes = patronChanges(before, after);
            if (!changes.isEmpty()) {
                tx.store().patrons().update(after);
                tx.log(ctx, EventType.PATRON_UPDATED, after.homeLibrary(), after.id(), null, changes.detail("updated"));
            }
            return Outcome.success(views.patronInfo(tx, ctx, after, PinCheck.NOT_CHECKED));
        });
    }

    /** The before and after values of every field a staff member may change (never the PIN). */
    static Changes patronChanges(Patron before, Patron after) {
        return new Changes()
                .field("barcode", before.barcode(), after.barcode())
                .field("name", before.name(), after.name())
                .field("category", before.category(), after.category())
                .field("home_library", before.homeLibrary(), after.homeLibrary())
                .field("email", before.email(), after.email())
                .field("phone", before.phone(), after.phone())
                .field("address", before.address(), after.address())
                .field("expires", before.expires(), after.expires())
                .field("birth_date", before.birthDate(), after.birthDate())
                .field("notice_preference", before.noticePreference(), after.noticePreference())
                .field("language", before.language(), after.language())
                .field("card_lost", before.cardLost(), after.cardLost());
    }

    private Outcome<PatronViews.PatronPage> search(SearchPatrons cmd, EngineTx tx) {
        int perPage = Math.max(1, cmd.perPage());
        int offset = Math.max(0, cmd.page() - 1) * perPage;
        List<Patron> found = tx.store().patrons().search(cmd.search(), offset, perPage + 1);
        // a library-scoped caller sees the patrons of its institution only (the query pages before this filter, so a
        // page may come back short; "more" still tells whether the next page has any)
        List<Views.PatronView> visible = new ArrayList<>();
        for (Patron p : found.subList(0, Math.min(perPage, found.size()))) {
            if (inInstitution(tx, cmd.context(), p.homeLibrary())) {
                visible.add(patronView(tx, p));
            }
        }
        return Outcome.success(new PatronViews.PatronPage(visible, Math.max(1, cmd.page()), perPage, found.size() > perPage));
    }

    /** Patrons with the same name and birth date, or the same e-mail ({@link PatronDuplicates}), in the caller's institution. */
    private Outcome<PatronViews.PatronPage> duplicates(FindDuplicatePatrons cmd, EngineTx tx) {
        java.util.Map<Long, Views.PatronView> found = new java.util.LinkedHashMap<>();
        List<org.stackbridge.core.model.PatronSearch> searches = new ArrayList<>();
        if (cmd.name() != null && !cmd.name().isBlank() && cmd.birthDate() != null) {
            // by the whole name, and by its first word for names stored with other spacing
            String name = cmd.name().strip().replaceAll("\\s+", " ");
            searches.add(new org.stackbridge.core.model.PatronSearch(null, name, null, null, null));
            if (name.indexOf(' ') > 0) {
                searches.add(new org.stackbridge.core.model.PatronSearch(null, name.substring(0, name.indexOf(' ')), null, null, null));
            }
        }
        if (cmd.email() != null && !cmd.email().isBlank()) {
            searches.add(new org.stackbridge.core.model.PatronSearch(null, null, null, cmd.email(), null));
        }
        for (org.stackbridge.core.model.PatronSearch search : searches) {
            // the search matches by prefix; the policy keeps only exact matches, so look at a bounded number of candidates
            for (Patron p : tx.store().patrons().search(search, 0, 10 * PatronDuplicates.MAX_REPORTED)) {
                if (found.size() >= PatronDuplicates.MAX_REPORTED) {
                    break;
                }
                Views.PatronView view = patronView(tx, p);
                if (inInstitution(tx, cmd.context(), p.homeLibrary())
                        && PatronDuplicates.possibleDuplicate(view, cmd.name(), cmd.birthDate(), cmd.email())) {
                    found.putIfAbsent(p.id(), view);
                }
            }
        }
        return Outcome.success(new PatronViews.PatronPage(List.copyOf(found.values()), 1, PatronDuplicates.MAX_REPORTED, false));
    }

    // ---------------------------------------------------------------- card, PIN, membership

    private Outcome<Views.PatronInfo> replaceCard(ReplaceCard cmd, EngineTx tx) {
        return withPatron(tx, cmd.context(), cmd.patronBarcode(), patron -> {
            RequestContext ctx = cmd.context();
            Optional<Outcome<Views.PatronInfo>> taken = barcodeTaken(tx, cmd.newBarcode(), "new_barcode");
            if (taken.isPresent()) {
                return taken.get();
            }
            Patron before = patron;
            Patron after = before.withBarcode(cmd.newBarcode()).withCardLost(false);
            tx.store().patrons().update(after);
            tx.store().patrons().addLostCard(new LostCard(before.barcode(), before.id(), tx.now()));
            Optional<Money> fee = cmd.chargeFee() ? settings.cardReplacementFeeMoney() : Optional.empty();
            String charged = fee.map(m -> "; replacement fee " + m.amount().toPlainString() + " " + m.currency().getCurrencyCode() + " charged")
                    .orElse(cmd.chargeFee() ? "" : "; no replacement fee charged");
            tx.log(ctx, EventType.PATRON_CARD_REPLACED, after.homeLibrary(), after.id(), null,
                    patronChanges(before, after).detail("card replaced; the old card is reported lost" + charged));
            if (fee.isPresent()) {
                Fee stored = tx.store().fees().insert(new Fee(0, after.id(), FeeType.CARD_REPLACEMENT, fee.get(), fee.get().amount(), null, null,
                        "Card replacement (old card " + before.barcode() + ")", tx.now()));
                tx.log(ctx, EventType.FEE_ASSESSED, ctx.library(), after.id(), null, "fee=" + stored.id() + " " + FeeType.CARD_REPLACEMENT + " "
                        + fee.get());
            }
            return Outcome.success(views.patronInfo(tx, ctx, after, PinCheck.NOT_CHECKED));
        });
    }

    private Outcome<Views.PatronView> resetPin(ResetPin cmd, EngineTx tx) {
        return withPatron(tx, cmd.context(), cmd.patronBarcode(), patron -> {
            RequestContext ctx = cmd.context();
            if (!SecretHasher.isHash(cmd.pinHash())) {
                return Outcome.refused(RefusalReason.INVALID_REQUEST, "The PIN must be given hashed", new PatronViews.FieldProblem("pin", "not hashed"));
            }
            Patron after = patron.withPinHash(cmd.pinHash());
            tx.store().patrons().update(after);
            pins.forget(after.id());
            tx.log(ctx, EventType.PATRON_PIN_RESET, after.homeLibrary(), after.id(), null, "PIN reset");
            return Outcome.success(patronView(tx, after));
        });
    }

    private Outcome<Views.PatronInfo> changeMembership(ChangeMembership cmd, EngineTx tx) {
        return withPatron(tx, cmd.context(), cmd.patronBarcode(), patron -> {
            RequestContext ctx = cmd.context();
            Patron before = patron;
            LocalDate today = tx.today(library(tx, before.homeLibrary()));
            LocalDate until;
            if (cmd.action() == MembershipAction.EXPIRE) {
                if (cmd.until() != null) {
                    return Outcome.refused(RefusalReason.INVALID_REQUEST, "until: only a renewal takes a date",
                            new PatronViews.FieldProblem("until", "only a renewal takes a date"));
                }
                until = MembershipPolicy.expiredAsOf(today);
            } else {
                MembershipPolicy.Renewal r = settings.membership().renew(before.category(), today, before.expires(), cmd.until());
                if (r instanceof MembershipPolicy.Refused refused) {
                    return Outcome.refused(RefusalReason.INVALID_REQUEST, refused.field() + ": " + refused.reason(),
                            new PatronViews.FieldProblem(refused.field(), refused.reason()));
                }
                until = ((MembershipPolicy.Renewed) r).until();
            }
            Patron after = before.withExpires(until);
            tx.store().patrons().update(after);
            tx.log(ctx, EventType.PATRON_MEMBERSHIP_CHANGED, after.homeLibrary(), after.id(), null,
                    patronChanges(before, after).detail(cmd.action() == MembershipAction.EXPIRE ? "membership ended" : "membership renewed"));
            return Outcome.success(views.patronInfo(tx, ctx, after, PinCheck.NOT_CHECKED));
        });
    }

    private Outcome<Views.PatronView> anonymise(AnonymisePatron cmd, EngineTx tx) {
        return withPatron(tx, cmd.context(), cmd.patronBarcode(), patron -> {
            RequestContext ctx = cmd.context();
            Patron before = patron;
            int loans = tx.store().loans().openForPatron(before.id()).size();
            Views.PatronView current = patronView(tx, before);
            if (loans > 0) {
                return Outcome.refused(RefusalReason.INVALID_REQUEST, "The patron has " + loans + " item(s) on loan; check them in first", current);
            }
            if (balance(tx, before.id()).isPositive()) {
                return Outcome.refused(RefusalReason.INVALID_REQUEST, "The patron owes " + balance(tx, before.id()).toPlainString()
                        + "; settle the fees first", current);
            }
            int holds = tx.store().holds().openForPatron(before.id()).size();
            if (holds > 0) {
                return Outcome.refused(RefusalReason.INVALID_REQUEST, "The patron has " + holds + " open hold(s); cancel them first", current);
            }
            byte[] opaque = new byte[12];
            random.nextBytes(opaque);
            Patron after = new Patron(before.id(), ANONYMISED_PREFIX + HexFormat.of().formatHex(opaque), null, ANONYMISED_NAME,
                    before.category(), null, null, null, MembershipPolicy.expiredAsOf(tx.today(library(tx, before.homeLibrary()))),
                    before.homeLibrary(), false, null, org.stackbridge.core.model.NoticePreference.NONE, null);
            tx.store().patrons().update(after);
            tx.store().patrons().removeLostCards(before.id());
            for (PatronBlock b : tx.store().patrons().blocks(before.id())) {
                tx.store().patrons().removeBlock(b.id());
            }
            pins.forget(before.id());
            // the closed loans and their events lose the patron link too, as the housekeeping job does it after
            // circulation.anonymise-loan-history-after-days; they still count in every report
            int loansAnonymised = loanHistory.anonymise(tx, before, tx.store().loanHistory().closedForPatron(before.id(), null));
            // every loan is closed and anonymised now: the pseudonym need not lead back to the record any more
            tx.store().loanHistory().forgetPseudonym(before.id());
            // the event names no personal value: the record is anonymous from here on
            tx.log(ctx, EventType.PATRON_ANONYMISED, after.homeLibrary(), after.id(), null, "anonymised; loans=" + loansAnonymised);
            return Outcome.success(patronView(tx, after));
        });
    }

    // ---------------------------------------------------------------- blocks

    private Outcome<Views.BlockLine> placeBlock(PlaceBlock cmd, EngineTx tx) {
        return withPatron(tx, cmd.context(), cmd.patronBarcode(), patron -> {
            RequestContext ctx = cmd.context();
            if (cmd.type() == null || !cmd.type().staff()) {
                return Outcome.refused(RefusalReason.INVALID_REQUEST, "type: a kiosk block is placed by a kiosk only",
                        new PatronViews.FieldProblem("type", "kiosk blocks are placed by SIP2 Block Patron only"));
            }
            if (cmd.expires() != null && !cmd.expires().isAfter(tx.now())) {
                return Outcome.refused(RefusalReason.INVALID_REQUEST, "expires: must be in the future",
                        new PatronViews.FieldProblem("expires", "must be in the future"));
            }
            Patron p = patron;
            String reason = blankToNull(cmd.reason()) == null ? defaultReason(cmd.type()) : cmd.reason();
            PatronBlock stored = tx.store().patrons().addBlock(new PatronBlock(0, p.id(), ctx.channel().name(), true, true, true, reason,
                    tx.now(), cmd.expires(), cmd.type(), blankToNull(cmd.note()), ctx.actor()));
            tx.log(ctx, EventType.PATRON_BLOCKED, ctx.library(), p.id(), null, new Changes()
                    .field("block." + stored.id() + ".type", null, stored.type())
                    .field("block." + stored.id() + ".reason", null, stored.reason())
                    .field("block." + stored.id() + ".note", null, stored.note())
                    .field("block." + stored.id() + ".expires", null, stored.expires())
                    .detail("block placed"));
            return Outcome.success(blockLine(stored));
        });
    }

    static String defaultReason(BlockType type) {
        return switch (type) {
            case LOST_CARD -> "Card reported lost";
            case ADDRESS_UNKNOWN -> "Address unknown; please see staff";
            case FEES -> "Please settle your fees at the desk";
            case KIOSK -> "Blocked at a self-check";
            case OVERDUE_NOTICES -> "Items long overdue; please return them or see staff";
            case MANUAL, OTHER -> "Please see staff";
        };
    }

    private Outcome<PatronViews.PatronBlocks> listBlocks(ListBlocks cmd, EngineTx tx) {
        return withPatron(tx, cmd.context(), cmd.patronBarcode(), patron -> {
            List<Views.BlockLine> lines = tx.store().patrons().blocks(patron.id()).stream()
                    .filter(b -> b.activeAt(tx.now())).map(Desk::blockLine).toList();
            return Outcome.success(new PatronViews.PatronBlocks(patron.barcode(), lines));
        });
    }

    private Outcome<Views.BlockLine> removeBlock(RemoveBlock cmd, EngineTx tx) {
        return withPatron(tx, cmd.context(), cmd.patronBarcode(), patron -> {
            RequestContext ctx = cmd.context();
            Optional<PatronBlock> block = tx.store().patrons().blocks(patron.id()).stream().filter(b -> b.id() == cmd.blockId()).findFirst();
            if (block.isEmpty()) {
                return Outcome.refused(RefusalReason.UNKNOWN_BLOCK, "Patron " + patron.barcode() + " has no block " + cmd.blockId());
            }
            PatronBlock b = block.get();
            tx.store().patrons().removeBlock(b.id());
            tx.log(ctx, EventType.PATRON_UNBLOCKED, ctx.library(), patron.id(), null, new Changes()
                    .field("block." + b.id() + ".type", b.type(), null)
                    .field("block." + b.id() + ".reason", b.reason(), null)
                    .field("block." + b.id() + ".note", b.note(), null)
                    .detail("block lifted"));
            return Outcome.success(blockLine(b));
        });
    }

    // ---------------------------------------------------------------- histories

    private Outcome<PatronViews.HistoryPage> patronHistory(PatronHistory cmd, EngineTx tx) {
        return withPatron(tx, cmd.context(), cmd.patronBarcode(), patron -> {
            int perPage = Math.max(1, cmd.perPage());
            List<CirculationEvent> events = tx.store().events().forPatron(patron.id(), Math.max(0, cmd.page() - 1) * perPage, perPage + 1);
            return Outcome.success(page(tx, patron.barcode(), events, cmd.page(), perPage));
        });
    }

    private Outcome<PatronViews.HistoryPage> itemHistory(ItemHistory cmd, EngineTx tx) {
        Optional<Item> found = findItem(tx, cmd.context(), cmd.itemBarcode());
        if (found.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_ITEM, "Unknown item");
        }
        int perPage = Math.max(1, cmd.perPage());
        List<CirculationEvent> events = tx.store().events().forItemNewestFirst(found.get().id(), Math.max(0, cmd.page() - 1) * perPage,
                perPage + 1);
        return Outcome.success(page(tx, found.get().barcode(), events, cmd.page(), perPage));
    }

    private PatronViews.HistoryPage page(EngineTx tx, String barcode, List<CirculationEvent> events, int page, int perPage) {
        List<PatronViews.HistoryLine> lines = new ArrayList<>();
        for (CirculationEvent e : events.subList(0, Math.min(perPage, events.size()))) {
            Changes.Parsed detail = Changes.parse(e.detail());
            String item = e.itemId() == null ? null : tx.store().items().byId(e.itemId()).map(Item::barcode).orElse(null);
            lines.add(new PatronViews.HistoryLine(e.id(), e.at(), e.type(), e.actor(), e.channel(), e.terminal(), e.library(), item,
                    detail.summary(), detail.changes()));
        }
        return new PatronViews.HistoryPage(barcode, lines, Math.max(1, page), perPage, events.size() > perPage);
    }

    // ---------------------------------------------------------------- checks

    /** Runs {@code then} with the patron the barcode names in the caller's institution, else refuses as {@link #unknownPatron}. */
    private <T> Outcome<T> withPatron(EngineTx tx, RequestContext ctx, String barcode, java.util.function.Function<Patron, Outcome<T>> then) {
        Optional<Patron> found = findPatron(tx, ctx, barcode);
        return found.isEmpty() ? unknownPatron(tx, barcode) : then.apply(found.get());
    }

    /** A barcode already a patron's, or bound to a replaced card, conflicts (409). */
    private <T> Optional<Outcome<T>> barcodeTaken(EngineTx tx, String barcode, String field) {
        if (tx.store().patrons().byBarcode(barcode).isPresent()) {
            return Optional.of(Outcome.refused(RefusalReason.DUPLICATE, "Barcode " + barcode + " is already a patron's card"));
        }
        if (tx.store().patrons().lostCard(barcode).isPresent()) {
            return Optional.of(Outcome.refused(RefusalReason.DUPLICATE, "Barcode " + barcode + " is a replaced card reported lost"));
        }
        return Optional.empty();
    }

    private <T> Optional<Outcome<T>> checkCategory(String category) {
        if (settings.membership().knows(category)) {
            return Optional.empty();
        }
        String reason = "unknown patron category; one of " + String.join(", ", new java.util.TreeSet<>(settings.membership().categories()));
        return Optional.of(Outcome.refused(RefusalReason.INVALID_REQUEST, "category: " + reason, new PatronViews.FieldProblem("category", reason)));
    }

    private <T> Optional<Outcome<T>> checkLibrary(EngineTx tx, RequestContext ctx, String code) {
        Optional<Library> library = tx.store().libraries().find(code);
        if (library.isEmpty()) {
            return Optional.of(Outcome.refused(RefusalReason.INVALID_REQUEST, "home_library: unknown library " + code,
                    new PatronViews.FieldProblem("home_library", "unknown library")));
        }
        if (!inInstitution(tx, ctx, code)) {
            return Optional.of(Outcome.refused(RefusalReason.INVALID_REQUEST, "home_library: not a library of your institution",
                    new PatronViews.FieldProblem("home_library", "not a library of your institution")));
        }
        return Optional.empty();
    }
}
