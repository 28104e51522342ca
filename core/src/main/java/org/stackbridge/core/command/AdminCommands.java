package org.stackbridge.core.command;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.stackbridge.core.model.CodeKind;
import org.stackbridge.core.model.StaffRole;
import org.stackbridge.core.outcome.AdminViews;
import org.stackbridge.core.policy.ClosedDayStrategy;
import org.stackbridge.core.policy.PeriodUnit;

/**
 * Administration commands: libraries and calendars, code lists, circulation rules, SIP2 terminal accounts and staff
 * accounts. Every change is logged with the actor and the before and after values, and increments the settings
 * revision. Password hashes, never passwords, travel in commands.
 */
public final class AdminCommands {

    private AdminCommands() {
    }

    /** Read-only administration commands. */
    private interface Query<R> extends Command<R> {
        @Override
        default boolean mutating() {
            return false;
        }
    }

    public record ListLibraries(RequestContext context) implements Query<List<AdminViews.LibraryEntry>> {
    }

    /**
     * Creates a library ({@code create}) or changes one; on a change, null values stay as they are.
     */
    public record SaveLibrary(RequestContext context, boolean create, String code, String name, String institution, String timezone,
                              Set<DayOfWeek> closedWeekdays, Set<LocalDate> closedDates) implements Command<AdminViews.LibraryEntry> {
    }

    public record ListCodes(RequestContext context, CodeKind kind) implements Query<List<AdminViews.CodeView>> {
    }

    public record AddCode(RequestContext context, CodeKind kind, String code, String description) implements Command<AdminViews.CodeView> {
    }

    public record RemoveCode(RequestContext context, CodeKind kind, String code) implements Command<AdminViews.CodeView> {
    }

    public record ListRules(RequestContext context) implements Query<List<AdminViews.RuleEntry>> {
    }

    /** Adds a rule to the database; values left out come from the rule in effect for (*, *, *). */
    public record AddRule(RequestContext context, RuleChange values) implements Command<AdminViews.RuleEntry> {
    }

    /** Changes a stored rule; null values stay as they are ({@code "*"} makes a scope key a wildcard). */
    public record ChangeRule(RequestContext context, long id, RuleChange change) implements Command<AdminViews.RuleEntry> {
    }

    /**
     * The values a rule change sets; null leaves a value as it is. Scope keys: {@code "*"} is the wildcard.
     *
     * @param currency the currency of the amounts given; must be the engine's (null when no amount is given)
     * @param overdueNoticeDays days of overdue notices 1-3 for this rule; an empty list: back to the notices' default
     */
    public record RuleChange(String library, String category, String itemType, Integer loanPeriod, PeriodUnit loanUnit,
                             Integer renewals, Integer renewalPeriod, Integer maxLoans, BigDecimal finePerDay, Integer graceDays,
                             BigDecimal fineCap, Boolean holdsAllowed, Integer holdShelfDays, ClosedDayStrategy closedDays,
                             String currency, List<Integer> overdueNoticeDays)
            implements java.io.Serializable {

        /** A change that leaves the overdue notice days as they are. */
        public RuleChange(String library, String category, String itemType, Integer loanPeriod, PeriodUnit loanUnit,
                          Integer renewals, Integer renewalPeriod, Integer maxLoans, BigDecimal finePerDay, Integer graceDays,
                          BigDecimal fineCap, Boolean holdsAllowed, Integer holdShelfDays, ClosedDayStrategy closedDays,
                          String currency) {
            this(library, category, itemType, loanPeriod, loanUnit, renewals, renewalPeriod, maxLoans, finePerDay, graceDays, fineCap,
                    holdsAllowed, holdShelfDays, closedDays, currency, null);
        }
    }

    public record RemoveRule(RequestContext context, long id) implements Command<AdminViews.RuleEntry> {
    }

    /** Which rule applies to (library, category, item type), and why; unknown codes are refused naming the field. */
    public record ExplainRule(RequestContext context, String library, String category, String itemType)
            implements Query<AdminViews.RuleExplanation> {
    }

    public record ListTerminalAccounts(RequestContext context) implements Query<List<AdminViews.TerminalAccountEntry>> {
    }

    public record AddTerminalAccount(RequestContext context, String login, String passwordHash, String institution, String profile)
            implements Command<AdminViews.TerminalAccountEntry> {
        @Override
        public String toString() {
            return "AddTerminalAccount[" + login + ", institution=" + institution + ", profile=" + profile + "]";
        }
    }

    /** Changes a terminal account; null values stay as they are. */
    public record ChangeTerminalAccount(RequestContext context, String login, String passwordHash, String institution, String profile,
                                        Boolean enabled) implements Command<AdminViews.TerminalAccountEntry> {
        @Override
        public String toString() {
            return "ChangeTerminalAccount[" + login + ", institution=" + institution + ", profile=" + profile + ", enabled=" + enabled + "]";
        }
    }

    public record ListStaffAccounts(RequestContext context) implements Query<List<AdminViews.StaffEntry>> {
    }

    /** A new staff account; {@code library} null for every institution. */
    public record AddStaffAccount(RequestContext context, String login, String passwordHash, StaffRole role, String library)
            implements Command<AdminViews.StaffEntry> {
        @Override
        public String toString() {
            return "AddStaffAccount[" + login + ", role=" + role + ", library=" + library + "]";
        }
    }

    /** Changes a staff account; null values stay as they are, {@code library} {@code "*"} means every institution. */
    public record ChangeStaffAccount(RequestContext context, String login, String passwordHash, StaffRole role, String library,
                                     Boolean enabled) implements Command<AdminViews.StaffEntry> {
        @Override
        public String toString() {
            return "ChangeStaffAccount[" + login + ", role=" + role + ", library=" + library + ", enabled=" + enabled + "]";
        }
    }

    // ---------------------------------------------------------------- SIP2 terminal profiles stored in the database

    /** The profiles stored in the database (the configuration file's are not included). */
    public record ListTerminalProfiles(RequestContext context) implements Query<List<AdminViews.TerminalProfileEntry>> {
    }

    /** Stores a profile (a validated JSON object), adding it or replacing the stored one of that name. */
    public record SaveTerminalProfile(RequestContext context, String name, String settings)
            implements Command<AdminViews.TerminalProfileEntry> {
    }

    /**
     * Removes a stored profile. {@code configured}: the configuration file defines a profile of that name, which then
     * applies again; otherwise accounts naming the profile make this a conflict.
     */
    public record RemoveTerminalProfile(RequestContext context, String name, boolean configured)
            implements Command<AdminViews.TerminalProfileEntry> {
    }
}
