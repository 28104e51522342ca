package org.stackbridge.core.outcome;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import org.stackbridge.core.model.Money;

/**
 * What the administration commands answer. {@code source} is {@value #CONFIGURATION} for entries the configuration
 * file defines (changed only by editing the file) and {@value #DATABASE} for entries kept in the database.
 */
public final class AdminViews {

    public static final String CONFIGURATION = "configuration";
    public static final String DATABASE = "database";

    private AdminViews() {
    }

    /** A library with its calendar. */
    public record LibraryEntry(String code, String name, String institution, String timezone, List<String> closedWeekdays,
                               List<LocalDate> closedDates, String source) implements Serializable {
    }

    /** A patron category or an item type. */
    public record CodeView(String code, String description, String source) implements Serializable {
    }

    /**
     * A circulation rule. {@code id} is the database id of a stored rule, or {@code config-N} for the N-th rule of the
     * effective table that the configuration file (or the built-in default) defines.
     */
    public record RuleEntry(String id, String source, String library, String category, String itemType, int loanPeriod,
                            String loanUnit, int renewals, int renewalPeriod, int maxLoans, Money finePerDay, int graceDays,
                            Money fineCap, boolean holdsAllowed, int holdShelfDays, String closedDays,
                            List<Integer> overdueNoticeDays) implements Serializable {
    }

    /** Which rule applies to (library, category, item type) and why, as {@code stackbridge policy show} explains it. */
    public record RuleExplanation(String library, String category, String itemType, RuleEntry rule, List<String> explanation)
            implements Serializable {
    }

    /** A SIP2 terminal account; never its password hash. */
    public record TerminalAccountEntry(String login, String institution, String profile, boolean enabled, String source)
            implements Serializable {
    }

    /** A staff account; never its password hash. {@code library} null: every institution. */
    public record StaffEntry(String login, String role, String library, boolean enabled) implements Serializable {
    }

    /** A SIP2 terminal profile stored in the database: its name and settings (a JSON object). */
    public record TerminalProfileEntry(String name, String settings) implements Serializable {
    }
}
