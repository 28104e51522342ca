package org.stackbridge.staff.console.page;

import java.util.List;
import java.util.Map;
import org.stackbridge.core.outcome.AdminViews;
import org.stackbridge.staff.resource.TerminalsResource;

/** The models of the kiosk, administration and report pages: one record per template. */
public final class OpsPages {

    private OpsPages() {
    }

    /** Every SIP2 terminal account with its live status, as {@code GET /api/v1/terminals} answers it. */
    public record TerminalsPage(Chrome chrome, List<TerminalsResource.Terminal> terminals, Notice notice) {
        public long connected() {
            return terminals.stream().filter(TerminalsResource.Terminal::connected).count();
        }
    }

    /** Staff accounts with the add form and, per account, disable/enable and a new password. */
    public record StaffAdminPage(Chrome chrome, List<AdminViews.StaffEntry> accounts, List<AdminViews.LibraryEntry> libraries,
                                 Notice notice) {
    }

    /**
     * SIP2 terminal accounts and the profiles of the configuration file (read-only), and the protocol trace switches of
     * this node.
     */
    public record TerminalAdminPage(Chrome chrome, List<AdminViews.TerminalAccountEntry> accounts, List<String> institutions,
                                    Map<String, Map<String, Object>> profiles, Notice notice, Traces traces) {
    }

    /** The SIP2 logins and NCIP agencies traced on this node, and the configured agencies that can be. */
    public record Traces(java.util.Set<String> sip2, java.util.Set<String> ncip, java.util.Set<String> agencies) {
        public boolean sip2(String login) {
            return sip2.contains(login.toLowerCase(java.util.Locale.ROOT));
        }

        public boolean ncip(String agency) {
            return ncip.contains(agency.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** Libraries and their closed days. */
    public record LibrariesAdminPage(Chrome chrome, List<AdminViews.LibraryEntry> libraries, Notice notice) {
    }

    /** The circulation rules and, when asked, which applies to a library × category × item type and why. */
    public record RulesAdminPage(Chrome chrome, List<AdminViews.RuleEntry> rules, List<String> libraries, List<String> categories,
                                 List<String> itemTypes, String library, String category, String itemType,
                                 AdminViews.RuleExplanation explanation, Notice notice) {
    }

    /**
     * A report: the choice of report, dates and breakdown; with a result, its table and the query string its chart and
     * CSV are fetched with.
     */
    public record ReportsPage(Chrome chrome, List<ReportChoice> reports, String name, String from, String to, String by, String period,
                              String library, List<String> columns, List<List<String>> rows, boolean chart, String query, Notice notice) {
        public boolean shown() {
            return columns != null;
        }

        /** Every breakdown some report accepts, for the picker (the hint says which report takes which). */
        public List<String> breakdowns() {
            return reports.stream().flatMap(r -> r.by().stream()).distinct().sorted().toList();
        }
    }

    /** One report in the picker, with the breakdowns it accepts. */
    public record ReportChoice(String name, String title, boolean periodic, List<String> by) {
    }
}
