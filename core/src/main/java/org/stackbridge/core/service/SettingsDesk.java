package org.stackbridge.core.service;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.stackbridge.core.command.AdminCommands;
import org.stackbridge.core.command.AdminCommands.RuleChange;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.CodeEntry;
import org.stackbridge.core.model.CodeKind;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.Library;
import org.stackbridge.core.model.Money;
import org.stackbridge.core.model.StaffAccount;
import org.stackbridge.core.model.TerminalAccount;
import org.stackbridge.core.model.TerminalProfile;
import org.stackbridge.core.outcome.AdminViews;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.policy.CirculationRule;
import org.stackbridge.core.policy.PolicyTable;
import org.stackbridge.core.port.RuleStore.StoredRule;

/**
 * Administration: libraries and their calendars, patron categories and item types, circulation rules, SIP2 terminal
 * accounts and staff accounts. What the configuration file defines is shown with its source and refused for change
 * ({@link RefusalReason#DEFINED_IN_CONFIGURATION}); what the database holds changes here. Every change is logged
 * with the actor and the before and after values and increments the settings revision, which the gateway watches to
 * refresh its read-mostly views (the rule table) on every node.
 */
final class SettingsDesk extends Desk {

    SettingsDesk(EngineSettings settings, Supplier<PolicyTable> policies) {
        super(settings, policies);
    }

    void registerOn(CirculationEngine engine) {
        engine.register(AdminCommands.ListLibraries.class, this::listLibraries);
        engine.register(AdminCommands.SaveLibrary.class, this::saveLibrary);
        engine.register(AdminCommands.ListCodes.class, this::listCodes);
        engine.register(AdminCommands.AddCode.class, this::addCode);
        engine.register(AdminCommands.RemoveCode.class, this::removeCode);
        engine.register(AdminCommands.ListRules.class, this::listRules);
        engine.register(AdminCommands.AddRule.class, this::addRule);
        engine.register(AdminCommands.ChangeRule.class, this::changeRule);
        engine.register(AdminCommands.RemoveRule.class, this::removeRule);
        engine.register(AdminCommands.ExplainRule.class, this::explainRule);
        engine.register(AdminCommands.ListTerminalAccounts.class, this::listTerminals);
        engine.register(AdminCommands.AddTerminalAccount.class, this::addTerminal);
        engine.register(AdminCommands.ChangeTerminalAccount.class, this::changeTerminal);
        engine.register(AdminCommands.ListStaffAccounts.class, this::listStaff);
        engine.register(AdminCommands.AddStaffAccount.class, this::addStaff);
        engine.register(AdminCommands.ChangeStaffAccount.class, this::changeStaff);
        engine.register(AdminCommands.ListTerminalProfiles.class, this::listProfiles);
        engine.register(AdminCommands.SaveTerminalProfile.class, this::saveProfile);
        engine.register(AdminCommands.RemoveTerminalProfile.class, this::removeProfile);
    }

    // ---------------------------------------------------------------- libraries

    private Outcome<List<AdminViews.LibraryEntry>> listLibraries(AdminCommands.ListLibraries cmd, EngineTx tx) {
        List<AdminViews.LibraryEntry> out = new ArrayList<>();
        for (Library l : tx.store().libraries().all()) {
            out.add(libraryEntry(tx, l));
        }
        return Outcome.success(out);
    }

    private Outcome<AdminViews.LibraryEntry> saveLibrary(AdminCommands.SaveLibrary cmd, EngineTx tx) {
        Optional<Library> existing = tx.store().libraries().find(cmd.code());
        if (cmd.create() && existing.isPresent()) {
            return Outcome.refused(RefusalReason.DUPLICATE, "Library " + cmd.code() + " exists already");
        }
        if (!cmd.create() && existing.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_LIBRARY, "Unknown library " + cmd.code());
        }
        if (existing.isPresent() && configured(tx, CodeKind.LIBRARY, cmd.code())) {
            return definedInConfiguration("Library " + cmd.code(), "libraries");
        }
        Library before = existing.orElse(null);
        String institution = cmd.institution() != null ? cmd.institution() : before == null ? cmd.code() : before.institution();
        if (!institution.equals(cmd.code())) {
            Optional<Library> inst = tx.store().libraries().find(institution);
            if (inst.isEmpty() || !inst.get().institution().equals(institution)) {
                return invalid("institution", "must be the code of an institution (a library whose institution is itself)");
            }
        } else if (before != null && !before.institution().equals(institution) && hasBranches(tx, cmd.code())) {
            return invalid("institution", "library " + cmd.code() + " has branches; it stays their institution");
        }
        if (before != null && before.institution().equals(before.code()) && !institution.equals(before.code()) && hasBranches(tx, cmd.code())) {
            return invalid("institution", "library " + cmd.code() + " is the institution of other libraries");
        }
        if (!inScope(tx, cmd.context(), institution) || before != null && !inScope(tx, cmd.context(), before.institution())) {
            return invalid("institution", "your account acts only in institution " + cmd.context().institution());
        }
        Library after = new Library(cmd.code(), cmd.name() != null ? cmd.name() : before.name(), institution,
                cmd.timezone() != null ? ZoneId.of(cmd.timezone()) : before == null ? ZoneId.of("UTC") : before.zone(),
                cmd.closedWeekdays() != null ? cmd.closedWeekdays() : before == null ? Set.of() : before.closedWeekdays(),
                cmd.closedDates() != null ? cmd.closedDates() : before == null ? Set.of() : before.closedDates());
        tx.store().libraries().save(after);
        changed(tx, cmd.context(), EventType.LIBRARY_CHANGED, cmd.code(), before, after);
        return Outcome.success(libraryEntry(tx, after));
    }

    private static boolean hasBranches(EngineTx tx, String code) {
        return tx.store().libraries().all().stream().anyMatch(l -> !l.code().equals(code) && l.institution().equals(code));
    }

    private static AdminViews.LibraryEntry libraryEntry(EngineTx tx, Library l) {
        return new AdminViews.LibraryEntry(l.code(), l.name(), l.institution(), l.zone().getId(),
                l.closedWeekdays().stream().sorted().map(d -> d.name()).toList(),
                l.closedDates().stream().sorted().toList(), source(configured(tx, CodeKind.LIBRARY, l.code())));
    }

    // ---------------------------------------------------------------- code lists

    private Outcome<List<AdminViews.CodeView>> listCodes(AdminCommands.ListCodes cmd, EngineTx tx) {
        return Outcome.success(tx.store().codes().all(cmd.kind()).stream().map(SettingsDesk::codeView).toList());
    }

    private Outcome<AdminViews.CodeView> addCode(AdminCommands.AddCode cmd, EngineTx tx) {
        Optional<CodeEntry> existing = tx.store().codes().find(cmd.kind(), cmd.code());
        if (existing.isPresent()) {
            return Outcome.refused(RefusalReason.DUPLICATE, label(cmd.kind()) + " " + cmd.code() + " exists already"
                    + (existing.get().fromConfiguration() ? " (defined in the configuration file)" : ""));
        }
        CodeEntry entry = new CodeEntry(cmd.kind(), cmd.code(), cmd.description(), false);
        tx.store().codes().save(entry);
        changed(tx, cmd.context(), EventType.CODE_CHANGED, null, null, entry);
        return Outcome.success(codeView(entry));
    }

    private Outcome<AdminViews.CodeView> removeCode(AdminCommands.RemoveCode cmd, EngineTx tx) {
        Optional<CodeEntry> existing = tx.store().codes().find(cmd.kind(), cmd.code());
        if (existing.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_RECORD, "Unknown " + label(cmd.kind()) + " " + cmd.code());
        }
        if (existing.get().fromConfiguration()) {
            return definedInConfiguration(label(cmd.kind()) + " " + cmd.code(),
                    cmd.kind() == CodeKind.ITEM_TYPE ? "item-types" : "patron-categories");
        }
        for (CirculationRule r : policies().rules()) {
            String key = cmd.kind() == CodeKind.ITEM_TYPE ? r.itemType() : r.category();
            if (cmd.code().equals(key)) {
                return Outcome.refused(RefusalReason.INVALID_REQUEST, label(cmd.kind()) + " " + cmd.code()
                        + " is used by the circulation rule " + r.scope() + " from " + r.source() + "; change or remove that rule first");
            }
        }
        tx.store().codes().remove(cmd.kind(), cmd.code());
        changed(tx, cmd.context(), EventType.CODE_CHANGED, null, existing.get(), null);
        return Outcome.success(codeView(existing.get()));
    }

    private static AdminViews.CodeView codeView(CodeEntry e) {
        return new AdminViews.CodeView(e.code(), e.description(), source(e.fromConfiguration()));
    }

    private static String label(CodeKind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    // ---------------------------------------------------------------- rules

    private Outcome<List<AdminViews.RuleEntry>> listRules(AdminCommands.ListRules cmd, EngineTx tx) {
        List<StoredRule> stored = tx.store().rules().stored();
        List<CirculationRule> storedRules = stored.stream().map(StoredRule::rule).toList();
        List<AdminViews.RuleEntry> out = new ArrayList<>();
        List<CirculationRule> table = policies().rules();
        for (int i = 0; i < table.size(); i++) {
            if (!storedRules.contains(table.get(i))) {
                out.add(ruleEntry("config-" + (i + 1), AdminViews.CONFIGURATION, table.get(i)));
            }
        }
        stored.forEach(s -> out.add(ruleEntry(String.valueOf(s.id()), AdminViews.DATABASE, s.rule())));
        return Outcome.success(out);
    }

    private Outcome<AdminViews.RuleEntry> addRule(AdminCommands.AddRule cmd, EngineTx tx) {
        CirculationRule base = policies().resolve(null, null, null).rule();
        Outcome<CirculationRule> merged = merge(base, cmd.values(), "database");
        if (merged instanceof Outcome.Refused<CirculationRule> r) {
            return Outcome.refused(r.reason(), r.message(), r.context());
        }
        CirculationRule rule = ((Outcome.Success<CirculationRule>) merged).result();
        Optional<Outcome<AdminViews.RuleEntry>> bad = checkScope(tx, cmd.context(), rule);
        if (bad.isPresent()) {
            return bad.get();
        }
        long id = tx.store().rules().insert(rule);
        CirculationRule stored = withSource(rule, "database rule " + id);
        tx.store().rules().replace(id, stored);
        changed(tx, cmd.context(), EventType.RULE_CHANGED, null, null, stored);
        return Outcome.success(ruleEntry(String.valueOf(id), AdminViews.DATABASE, stored));
    }

    private Outcome<AdminViews.RuleEntry> changeRule(AdminCommands.ChangeRule cmd, EngineTx tx) {
        Optional<StoredRule> found = storedRule(tx, cmd.id());
        if (found.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_RECORD, "Unknown circulation rule " + cmd.id());
        }
        CirculationRule b = found.get().rule();
        Optional<Outcome<AdminViews.RuleEntry>> outside = checkScope(tx, cmd.context(), b);
        if (outside.isPresent()) {
            return outside.get();
        }
        Outcome<CirculationRule> merged = merge(b, cmd.change(), b.source());
        if (merged instanceof Outcome.Refused<CirculationRule> r) {
            return Outcome.refused(r.reason(), r.message(), r.context());
        }
        CirculationRule after = ((Outcome.Success<CirculationRule>) merged).result();
        Optional<Outcome<AdminViews.RuleEntry>> bad = checkScope(tx, cmd.context(), after);
        if (bad.isPresent()) {
            return bad.get();
        }
        tx.store().rules().replace(cmd.id(), after);
        changed(tx, cmd.context(), EventType.RULE_CHANGED, null, b, after);
        return Outcome.success(ruleEntry(String.valueOf(cmd.id()), AdminViews.DATABASE, after));
    }

    /** {@code base} with the values {@code c} sets; a wrong currency or an inconsistent rule is refused. */
    private Outcome<CirculationRule> merge(CirculationRule b, RuleChange c, String source) {
        if (c.currency() != null && !c.currency().equals(settings.currency().getCurrencyCode())) {
            return invalid("currency", "amounts must be in " + settings.currency().getCurrencyCode());
        }
        try {
            return Outcome.success(new CirculationRule(c.library() != null ? c.library() : b.library(),
                    c.category() != null ? c.category() : b.category(), c.itemType() != null ? c.itemType() : b.itemType(),
                    or(c.loanPeriod(), b.loanPeriod()), c.loanUnit() != null ? c.loanUnit() : b.loanUnit(),
                    or(c.renewals(), b.renewalsAllowed()), or(c.renewalPeriod(), b.renewalPeriod()), or(c.maxLoans(), b.maxLoans()),
                    c.finePerDay() != null ? c.finePerDay() : b.finePerDay(), or(c.graceDays(), b.graceDays()),
                    c.fineCap() != null ? c.fineCap() : b.fineCap(), c.holdsAllowed() != null ? c.holdsAllowed() : b.holdsAllowed(),
                    or(c.holdShelfDays(), b.holdShelfDays()), c.closedDays() != null ? c.closedDays() : b.closedDays(), source,
                    c.overdueNoticeDays() == null ? b.overdueNoticeDays()
                            : c.overdueNoticeDays().isEmpty() ? null : c.overdueNoticeDays()));
        } catch (IllegalArgumentException e) {
            return invalid("(body)", e.getMessage());
        }
    }

    private Outcome<AdminViews.RuleEntry> removeRule(AdminCommands.RemoveRule cmd, EngineTx tx) {
        Optional<StoredRule> found = storedRule(tx, cmd.id());
        if (found.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_RECORD, "Unknown circulation rule " + cmd.id());
        }
        Optional<Outcome<AdminViews.RuleEntry>> outside = checkScope(tx, cmd.context(), found.get().rule());
        if (outside.isPresent()) {
            return outside.get();
        }
        tx.store().rules().remove(cmd.id());
        changed(tx, cmd.context(), EventType.RULE_CHANGED, null, found.get().rule(), null);
        return Outcome.success(ruleEntry(String.valueOf(cmd.id()), AdminViews.DATABASE, found.get().rule()));
    }

    private Outcome<AdminViews.RuleExplanation> explainRule(AdminCommands.ExplainRule cmd, EngineTx tx) {
        if (tx.store().libraries().find(cmd.library()).isEmpty()) {
            return invalid("library", "unknown library " + cmd.library());
        }
        if (tx.store().codes().find(CodeKind.PATRON_CATEGORY, cmd.category()).isEmpty()) {
            return invalid("category", "unknown patron category " + cmd.category());
        }
        if (tx.store().codes().find(CodeKind.ITEM_TYPE, cmd.itemType()).isEmpty()) {
            return invalid("item_type", "unknown item type " + cmd.itemType());
        }
        PolicyTable table = policies();
        PolicyTable.Resolution r = table.resolve(cmd.library(), cmd.category(), cmd.itemType());
        AdminViews.RuleEntry chosen = null;
        if (r.rule() != null) {
            chosen = entryInTable(tx, table, r.rule());
        }
        return Outcome.success(new AdminViews.RuleExplanation(cmd.library(), cmd.category(), cmd.itemType(), chosen, r.explanation()));
    }

    private AdminViews.RuleEntry entryInTable(EngineTx tx, PolicyTable table, CirculationRule rule) {
        for (StoredRule s : tx.store().rules().stored()) {
            if (s.rule().equals(rule)) {
                return ruleEntry(String.valueOf(s.id()), AdminViews.DATABASE, rule);
            }
        }
        return ruleEntry("config-" + (table.rules().indexOf(rule) + 1), AdminViews.CONFIGURATION, rule);
    }

    private static Optional<StoredRule> storedRule(EngineTx tx, long id) {
        return tx.store().rules().stored().stream().filter(s -> s.id() == id).findFirst();
    }

    /** The scope keys of a rule must name a known library, patron category and item type (or be wildcards). */
    private static <R> Optional<Outcome<R>> checkScope(EngineTx tx, RequestContext ctx, CirculationRule r) {
        Optional<Library> library = r.library() == null ? Optional.empty() : tx.store().libraries().find(r.library());
        if (r.library() != null && library.isEmpty()) {
            return Optional.of(invalid("library", "unknown library " + r.library()));
        }
        // a library-scoped account sets rules only for the libraries of its institution
        if (ctx.institution() != null && (library.isEmpty() || !library.get().institution().equals(ctx.institution()))) {
            return Optional.of(invalid("library", "your account acts only in institution " + ctx.institution() + "; name one of its libraries"));
        }
        if (r.category() != null && tx.store().codes().find(CodeKind.PATRON_CATEGORY, r.category()).isEmpty()) {
            return Optional.of(invalid("category", "unknown patron category " + r.category()));
        }
        if (r.itemType() != null && tx.store().codes().find(CodeKind.ITEM_TYPE, r.itemType()).isEmpty()) {
            return Optional.of(invalid("item_type", "unknown item type " + r.itemType()));
        }
        return Optional.empty();
    }

    private AdminViews.RuleEntry ruleEntry(String id, String source, CirculationRule r) {
        return new AdminViews.RuleEntry(id, source.equals(AdminViews.DATABASE) ? AdminViews.DATABASE : r.source(),
                star(r.library()), star(r.category()), star(r.itemType()), r.loanPeriod(),
                r.loanUnit().name().toLowerCase(Locale.ROOT), r.renewalsAllowed(), r.renewalPeriod(), r.maxLoans(),
                new Money(r.finePerDay(), settings.currency()), r.graceDays(),
                r.fineCap() == null ? null : new Money(r.fineCap(), settings.currency()), r.holdsAllowed(), r.holdShelfDays(),
                r.closedDays().name().toLowerCase(Locale.ROOT).replace('_', '-'), r.overdueNoticeDays());
    }

    private static String star(String key) {
        return key == null ? "*" : key;
    }

    private static int or(Integer value, int fallback) {
        return value != null ? value : fallback;
    }

    private static CirculationRule withSource(CirculationRule r, String source) {
        return new CirculationRule(r.library(), r.category(), r.itemType(), r.loanPeriod(), r.loanUnit(), r.renewalsAllowed(),
                r.renewalPeriod(), r.maxLoans(), r.finePerDay(), r.graceDays(), r.fineCap(), r.holdsAllowed(), r.holdShelfDays(),
                r.closedDays(), source, r.overdueNoticeDays());
    }

    // ---------------------------------------------------------------- SIP2 terminal accounts

    private Outcome<List<AdminViews.TerminalAccountEntry>> listTerminals(AdminCommands.ListTerminalAccounts cmd, EngineTx tx) {
        return Outcome.success(tx.store().accounts().all().stream().map(a -> terminalEntry(tx, a)).toList());
    }

    private Outcome<AdminViews.TerminalAccountEntry> addTerminal(AdminCommands.AddTerminalAccount cmd, EngineTx tx) {
        if (tx.store().accounts().find(cmd.login()).isPresent()) {
            return Outcome.refused(RefusalReason.DUPLICATE, "SIP2 account " + cmd.login() + " exists already");
        }
        Optional<Outcome<AdminViews.TerminalAccountEntry>> bad = checkInstitution(tx, cmd.context(), cmd.institution());
        if (bad.isPresent()) {
            return bad.get();
        }
        TerminalAccount after = new TerminalAccount(cmd.login(), cmd.passwordHash(), cmd.institution(), cmd.profile(), true);
        tx.store().accounts().save(after);
        changed(tx, cmd.context(), EventType.TERMINAL_ACCOUNT_CHANGED, null, null, after);
        return Outcome.success(terminalEntry(tx, after));
    }

    private Outcome<AdminViews.TerminalAccountEntry> changeTerminal(AdminCommands.ChangeTerminalAccount cmd, EngineTx tx) {
        Optional<TerminalAccount> found = tx.store().accounts().find(cmd.login());
        if (found.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_RECORD, "Unknown SIP2 account " + cmd.login());
        }
        if (configured(tx, CodeKind.TERMINAL_ACCOUNT, cmd.login())) {
            return definedInConfiguration("SIP2 account " + cmd.login(), "sip2-accounts");
        }
        TerminalAccount b = found.get();
        if (!inScope(tx, cmd.context(), b.institution())) {
            return Outcome.refused(RefusalReason.UNKNOWN_RECORD, "Unknown SIP2 account " + cmd.login());
        }
        if (cmd.institution() != null) {
            Optional<Outcome<AdminViews.TerminalAccountEntry>> bad = checkInstitution(tx, cmd.context(), cmd.institution());
            if (bad.isPresent()) {
                return bad.get();
            }
        }
        TerminalAccount after = new TerminalAccount(b.login(), cmd.passwordHash() != null ? cmd.passwordHash() : b.passwordHash(),
                cmd.institution() != null ? cmd.institution() : b.institution(), cmd.profile() != null ? cmd.profile() : b.profile(),
                cmd.enabled() != null ? cmd.enabled() : b.enabled());
        tx.store().accounts().save(after);
        changed(tx, cmd.context(), EventType.TERMINAL_ACCOUNT_CHANGED, null, b, after);
        return Outcome.success(terminalEntry(tx, after));
    }

    private static <R> Optional<Outcome<R>> checkInstitution(EngineTx tx, RequestContext ctx, String institution) {
        Optional<Library> inst = tx.store().libraries().find(institution);
        if (inst.isEmpty() || !inst.get().institution().equals(institution)) {
            return Optional.of(invalid("institution", "must be the code of an institution (a library whose institution is itself)"));
        }
        if (!inScope(tx, ctx, institution)) {
            return Optional.of(invalid("institution", "your account acts only in institution " + ctx.institution()));
        }
        return Optional.empty();
    }

    /** A library-scoped staff account manages only its own institution's accounts. */
    private static boolean inScope(EngineTx tx, RequestContext ctx, String institution) {
        return ctx.institution() == null || ctx.institution().equals(institution);
    }

    private static AdminViews.TerminalAccountEntry terminalEntry(EngineTx tx, TerminalAccount a) {
        return new AdminViews.TerminalAccountEntry(a.login(), a.institution(), a.profile(), a.enabled(),
                source(configured(tx, CodeKind.TERMINAL_ACCOUNT, a.login())));
    }

    // ---------------------------------------------------------------- SIP2 terminal profiles

    private Outcome<List<AdminViews.TerminalProfileEntry>> listProfiles(AdminCommands.ListTerminalProfiles cmd, EngineTx tx) {
        return Outcome.success(tx.store().terminalProfiles().all().stream()
                .map(p -> new AdminViews.TerminalProfileEntry(p.name(), p.settings())).toList());
    }

    private Outcome<AdminViews.TerminalProfileEntry> saveProfile(AdminCommands.SaveTerminalProfile cmd, EngineTx tx) {
        Optional<TerminalProfile> before = tx.store().terminalProfiles().find(cmd.name());
        TerminalProfile after = new TerminalProfile(cmd.name(), cmd.settings());
        tx.store().terminalProfiles().save(after);
        changed(tx, cmd.context(), EventType.TERMINAL_PROFILE_CHANGED, null, before.orElse(null), after);
        return Outcome.success(new AdminViews.TerminalProfileEntry(after.name(), after.settings()));
    }

    private Outcome<AdminViews.TerminalProfileEntry> removeProfile(AdminCommands.RemoveTerminalProfile cmd, EngineTx tx) {
        Optional<TerminalProfile> before = tx.store().terminalProfiles().find(cmd.name());
        if (before.isEmpty()) {
            return cmd.configured() ? definedInConfiguration("SIP2 profile " + cmd.name(), "sip2.profiles")
                    : Outcome.refused(RefusalReason.UNKNOWN_RECORD, "Unknown SIP2 profile " + cmd.name());
        }
        if (!cmd.configured()) {
            List<String> users = tx.store().accounts().all().stream().filter(a -> a.profile().equals(cmd.name()))
                    .map(TerminalAccount::login).sorted().toList();
            if (!users.isEmpty()) {
                return Outcome.refused(RefusalReason.INVALID_REQUEST, "SIP2 profile " + cmd.name() + " is used by the SIP2 account(s) "
                        + String.join(", ", users) + "; give them another profile first");
            }
        }
        tx.store().terminalProfiles().remove(cmd.name());
        changed(tx, cmd.context(), EventType.TERMINAL_PROFILE_CHANGED, null, before.get(), null);
        return Outcome.success(new AdminViews.TerminalProfileEntry(before.get().name(), before.get().settings()));
    }

    // ---------------------------------------------------------------- staff accounts

    private Outcome<List<AdminViews.StaffEntry>> listStaff(AdminCommands.ListStaffAccounts cmd, EngineTx tx) {
        return Outcome.success(tx.store().staff().all().stream().filter(a -> staffInScope(tx, cmd.context(), a.library()))
                .map(SettingsDesk::staffEntry).toList());
    }

    private Outcome<AdminViews.StaffEntry> addStaff(AdminCommands.AddStaffAccount cmd, EngineTx tx) {
        if (tx.store().staff().find(cmd.login()).isPresent()) {
            return Outcome.refused(RefusalReason.DUPLICATE, "Staff account " + cmd.login() + " exists already");
        }
        Optional<Outcome<AdminViews.StaffEntry>> bad = checkStaffLibrary(tx, cmd.context(), cmd.library());
        if (bad.isPresent()) {
            return bad.get();
        }
        StaffAccount after = new StaffAccount(cmd.login(), cmd.passwordHash(), cmd.role(), cmd.library(), true);
        tx.store().staff().save(after);
        changed(tx, cmd.context(), EventType.STAFF_ACCOUNT_CHANGED, null, null, after);
        return Outcome.success(staffEntry(after));
    }

    private Outcome<AdminViews.StaffEntry> changeStaff(AdminCommands.ChangeStaffAccount cmd, EngineTx tx) {
        Optional<StaffAccount> found = tx.store().staff().find(cmd.login());
        if (found.isEmpty() || !staffInScope(tx, cmd.context(), found.get().library())) {
            return Outcome.refused(RefusalReason.UNKNOWN_RECORD, "Unknown staff account " + cmd.login());
        }
        StaffAccount b = found.get();
        String library = cmd.library() == null ? b.library() : cmd.library().equals("*") ? null : cmd.library();
        if (cmd.library() != null) {
            Optional<Outcome<AdminViews.StaffEntry>> bad = checkStaffLibrary(tx, cmd.context(), library);
            if (bad.isPresent()) {
                return bad.get();
            }
        }
        StaffAccount after = new StaffAccount(b.login(), cmd.passwordHash() != null ? cmd.passwordHash() : b.passwordHash(),
                cmd.role() != null ? cmd.role() : b.role(), library, cmd.enabled() != null ? cmd.enabled() : b.enabled());
        tx.store().staff().save(after);
        changed(tx, cmd.context(), EventType.STAFF_ACCOUNT_CHANGED, null, b, after);
        return Outcome.success(staffEntry(after));
    }

    private static <R> Optional<Outcome<R>> checkStaffLibrary(EngineTx tx, RequestContext ctx, String library) {
        if (library == null) {
            return ctx.institution() == null ? Optional.empty()
                    : Optional.of(invalid("library", "your account acts only in institution " + ctx.institution() + "; name one of its libraries"));
        }
        Optional<Library> lib = tx.store().libraries().find(library);
        if (lib.isEmpty()) {
            return Optional.of(invalid("library", "unknown library " + library));
        }
        if (!inScope(tx, ctx, lib.get().institution())) {
            return Optional.of(invalid("library", "your account acts only in institution " + ctx.institution()));
        }
        return Optional.empty();
    }

    private static boolean staffInScope(EngineTx tx, RequestContext ctx, String library) {
        if (ctx.institution() == null) {
            return true;
        }
        return library != null && tx.store().libraries().find(library).map(l -> l.institution().equals(ctx.institution())).orElse(false);
    }

    private static AdminViews.StaffEntry staffEntry(StaffAccount a) {
        return new AdminViews.StaffEntry(a.login(), a.role().label(), a.library(), a.enabled());
    }

    // ---------------------------------------------------------------- shared

    private static boolean configured(EngineTx tx, CodeKind kind, String code) {
        return tx.store().codes().find(kind, code).map(CodeEntry::fromConfiguration).orElse(false);
    }

    private static String source(boolean fromConfiguration) {
        return fromConfiguration ? AdminViews.CONFIGURATION : AdminViews.DATABASE;
    }

    private static <R> Outcome<R> invalid(String field, String reason) {
        return Outcome.refused(RefusalReason.INVALID_FIELD, reason, field);
    }

    private static <R> Outcome<R> definedInConfiguration(String what, String key) {
        return Outcome.refused(RefusalReason.DEFINED_IN_CONFIGURATION, what + " is defined in the configuration file; change it there ("
                + key + ") and restart the gateway");
    }

    /**
     * Logs the change with the actor and the before and after values (the records' own renderings, which never show a
     * password hash; a changed hash is named as such) and increments the settings revision.
     */
    private static void changed(EngineTx tx, RequestContext ctx, EventType type, String library, Object before, Object after) {
        StringBuilder detail = new StringBuilder("before=").append(before == null ? "none" : before)
                .append(" after=").append(after == null ? "none" : after);
        if (before instanceof StaffAccount b && after instanceof StaffAccount a && !b.passwordHash().equals(a.passwordHash())
                || before instanceof TerminalAccount tb && after instanceof TerminalAccount ta && !tb.passwordHash().equals(ta.passwordHash())) {
            detail.append(" password changed");
        }
        String text = detail.length() > 3900 ? detail.substring(0, 3900) + "..." : detail.toString();
        tx.log(ctx, type, library, null, null, text);
        tx.store().revision().bump();
    }
}
