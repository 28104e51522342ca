package org.stackbridge.adapter.memory.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stackbridge.adapter.memory.World;
import org.stackbridge.core.command.AdminCommands;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.CodeEntry;
import org.stackbridge.core.model.CodeKind;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.StaffRole;
import org.stackbridge.core.outcome.AdminViews;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.security.SecretHasher;

/** The settings desk: what the configuration defines is refused for change, bad keys name the field, changes are logged. */
class AdministrationScenariosTest {

    private World world;
    private final RequestContext admin = new RequestContext(Channel.API, "root", "staff-api", null, null, null, null);
    /** An admin scoped to institution OTHER. */
    private final RequestContext otherAdmin = new RequestContext(Channel.API, "olga", "staff-api", "OTHER", "OTHER", null, null);

    @BeforeEach
    void setUp() {
        world = new World();
        world.circ.store().runNow(tx -> {
            tx.codes().save(new CodeEntry(CodeKind.LIBRARY, "MAIN", null, true));
            tx.codes().save(new CodeEntry(CodeKind.PATRON_CATEGORY, "ADULT", null, true));
            tx.codes().save(new CodeEntry(CodeKind.ITEM_TYPE, "BOOK", null, true));
            return null;
        });
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    private static AdminCommands.RuleChange loanPeriod(String category, int days) {
        return new AdminCommands.RuleChange(null, category, null, days, null, null, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void aLibraryTheConfigurationDefinesIsShownAsSuchAndRefusedForChange() {
        AdminViews.LibraryEntry main = world.ok(new AdminCommands.ListLibraries(admin)).stream().filter(l -> l.code().equals("MAIN"))
                .findFirst().orElseThrow();
        assertEquals(AdminViews.CONFIGURATION, main.source());
        Outcome.Refused<AdminViews.LibraryEntry> r = world.refusedWithoutChange(
                new AdminCommands.SaveLibrary(admin, false, "MAIN", "Renamed", null, null, null, null), RefusalReason.DEFINED_IN_CONFIGURATION);
        assertTrue(r.message().contains("configuration file"), r.message());
        AdminViews.LibraryEntry branch = world.ok(new AdminCommands.SaveLibrary(admin, false, "BRANCH", "The Branch", null, null, null, null));
        assertEquals(AdminViews.DATABASE, branch.source());
        assertEquals("MAIN", branch.institution(), "what a change leaves out stays");
    }

    @Test
    void aBranchCannotBecomeTheInstitutionOfAnotherBranch() {
        Outcome.Refused<AdminViews.LibraryEntry> r = world.refusedWithoutChange(
                new AdminCommands.SaveLibrary(admin, true, "NEW", "New", "BRANCH", null, null, null), RefusalReason.INVALID_FIELD);
        assertEquals("institution", r.context());
        world.refusedWithoutChange(new AdminCommands.SaveLibrary(admin, true, "BRANCH", "Again", null, null, null, null), RefusalReason.DUPLICATE);
    }

    @Test
    void aRuleNamingAnUnknownCategoryIsRefusedNamingTheFieldAndAGoodOneIsStoredAndLogged() {
        Outcome.Refused<AdminViews.RuleEntry> r = world.refusedWithoutChange(new AdminCommands.AddRule(admin, loanPeriod("ALIEN", 3)),
                RefusalReason.INVALID_FIELD);
        assertEquals("category", r.context());
        AdminViews.RuleEntry added = world.ok(new AdminCommands.AddRule(admin, loanPeriod("ADULT", 3)));
        assertEquals(AdminViews.DATABASE, added.source());
        assertEquals(3, added.loanPeriod());
        assertEquals(2, added.renewals(), "left out: from the (*, *, *) rule in effect");
        assertTrue(world.ok(new AdminCommands.ListRules(admin)).stream().anyMatch(e -> e.id().equals(added.id())));
        assertTrue(world.events().stream().anyMatch(e -> e.type() == EventType.RULE_CHANGED && e.actor().equals("root")
                && e.detail().startsWith("before=none after=CirculationRule[")), world.events().toString());
        assertEquals(1L, (long) world.circ.store().runNow(tx -> tx.revision().current()));
        world.refusedWithoutChange(new AdminCommands.ChangeRule(admin, 999, loanPeriod(null, 1)), RefusalReason.UNKNOWN_RECORD);
    }

    @Test
    void aDisabledTerminalAccountCannotLogIn() {
        String hash = new SecretHasher(1_000).hash("secret");
        world.ok(new AdminCommands.AddTerminalAccount(admin, "k9", hash, "MAIN", "default"));
        world.ok(new Commands.AuthenticateTerminal(world.ctx(), "k9", "secret"));
        world.ok(new AdminCommands.ChangeTerminalAccount(admin, "k9", null, null, null, false));
        world.refused(new Commands.AuthenticateTerminal(world.ctx(), "k9", "secret"), RefusalReason.INVALID_CREDENTIALS);
        world.refusedWithoutChange(new AdminCommands.AddTerminalAccount(admin, "k9", hash, "MAIN", null), RefusalReason.DUPLICATE);
    }

    @Test
    void aLibraryScopedAdminManagesOnlyItsInstitution() {
        String hash = new SecretHasher(1_000).hash("secret");
        Outcome.Refused<AdminViews.TerminalAccountEntry> r = world.refusedWithoutChange(
                new AdminCommands.AddTerminalAccount(otherAdmin, "k1", hash, "MAIN", null), RefusalReason.INVALID_FIELD);
        assertEquals("institution", r.context());
        world.ok(new AdminCommands.AddStaffAccount(admin, "mainstaff", hash, StaffRole.TECHNICIAN, "MAIN"));
        world.ok(new AdminCommands.AddStaffAccount(otherAdmin, "otherstaff", hash, StaffRole.TECHNICIAN, "OTHER"));
        assertEquals(List.of("otherstaff"), world.ok(new AdminCommands.ListStaffAccounts(otherAdmin)).stream()
                .map(AdminViews.StaffEntry::login).toList());
        world.refusedWithoutChange(new AdminCommands.ChangeStaffAccount(otherAdmin, "mainstaff", null, StaffRole.ADMIN, null, null),
                RefusalReason.UNKNOWN_RECORD);
        world.refusedWithoutChange(new AdminCommands.AddStaffAccount(otherAdmin, "everywhere", hash, StaffRole.ADMIN, null),
                RefusalReason.INVALID_FIELD);
        Outcome.Refused<AdminViews.RuleEntry> global = world.refusedWithoutChange(new AdminCommands.AddRule(otherAdmin, loanPeriod(null, 3)),
                RefusalReason.INVALID_FIELD);
        assertEquals("library", global.context(), "a scoped admin's rule names one of its libraries");
        AdminViews.RuleEntry own = world.ok(new AdminCommands.AddRule(otherAdmin, new AdminCommands.RuleChange("OTHER", null, null, 3,
                null, null, null, null, null, null, null, null, null, null, null)));
        AdminViews.RuleEntry everywhere = world.ok(new AdminCommands.AddRule(admin, loanPeriod(null, 4)));
        world.refusedWithoutChange(new AdminCommands.RemoveRule(otherAdmin, Long.parseLong(everywhere.id())), RefusalReason.INVALID_FIELD);
        world.ok(new AdminCommands.RemoveRule(otherAdmin, Long.parseLong(own.id())));
        world.refusedWithoutChange(new AdminCommands.SaveLibrary(otherAdmin, false, "BRANCH", "Not mine", null, null, null, null),
                RefusalReason.INVALID_FIELD);
    }

    @Test
    void aCodeTheConfigurationDefinesCannotBeRemoved() {
        world.refusedWithoutChange(new AdminCommands.RemoveCode(admin, CodeKind.ITEM_TYPE, "BOOK"), RefusalReason.DEFINED_IN_CONFIGURATION);
        world.refusedWithoutChange(new AdminCommands.RemoveCode(admin, CodeKind.ITEM_TYPE, "NOPE"), RefusalReason.UNKNOWN_RECORD);
        world.ok(new AdminCommands.AddCode(admin, CodeKind.ITEM_TYPE, "DVD", "Films"));
        assertEquals(Set.of("BOOK", "DVD"), Set.copyOf(world.ok(new AdminCommands.ListCodes(admin, CodeKind.ITEM_TYPE)).stream()
                .map(AdminViews.CodeView::code).toList()));
        world.ok(new AdminCommands.RemoveCode(admin, CodeKind.ITEM_TYPE, "DVD"));
    }
}
