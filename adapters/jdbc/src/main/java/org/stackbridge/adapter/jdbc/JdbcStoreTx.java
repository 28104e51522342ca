package org.stackbridge.adapter.jdbc;

import java.sql.Connection;
import org.stackbridge.core.port.Bibs;
import org.stackbridge.core.port.EventLog;
import org.stackbridge.core.port.Fees;
import org.stackbridge.core.port.Holds;
import org.stackbridge.core.port.IllRequests;
import org.stackbridge.core.port.Items;
import org.stackbridge.core.port.Libraries;
import org.stackbridge.core.port.Loans;
import org.stackbridge.core.port.Patrons;
import org.stackbridge.core.port.RequestKeys;
import org.stackbridge.core.port.RuleStore;
import org.stackbridge.core.port.StoreTx;
import org.stackbridge.core.port.TerminalAccounts;

/** The role ports over the connection of one open transaction. */
final class JdbcStoreTx implements StoreTx {

    private final Sql sql;
    private final JdbcLibraries libraries;
    private final JdbcPatrons patrons;
    private final Bibs bibs;
    private final JdbcItems items;
    private final JdbcLoans loans;
    private final JdbcHolds holds;
    private final JdbcFees fees;
    private final EventLog events;
    private final IllRequests ill;
    private final RequestKeys requestKeys;
    private final TerminalAccounts accounts;
    private final RuleStore rules;
    private final JdbcStaffAccounts staff;
    private final JdbcCodeLists codes;
    private final JdbcSettingsRevision revision;
    private final JdbcTerminalProfiles terminalProfiles;
    private final JdbcLoanHistory loanHistory;
    private final JdbcLoanMarks loanMarks;
    private final JdbcConsoleSessions consoleSessions;
    private final JdbcStaffTokens staffTokens;

    JdbcStoreTx(Connection connection) {
        this(new Sql(connection));
    }

    JdbcStoreTx(Sql sql) {
        this(sql, null);
    }

    /** With the storage's library cache ({@code null}: none). */
    JdbcStoreTx(Sql sql, LibraryCache libraryCache) {
        this(sql, libraryCache, JdbcCirculationSummary.OUTSIDE_WRITERS);
    }

    /** For the storage's writer number {@code writer}, whose circulation summary rows no other writer updates. */
    JdbcStoreTx(Sql sql, LibraryCache libraryCache, int writer) {
        this.sql = sql;
        this.libraries = new JdbcLibraries(sql, libraryCache);
        this.patrons = new JdbcPatrons(sql);
        this.bibs = new JdbcBibs(sql);
        this.items = new JdbcItems(sql);
        this.loans = new JdbcLoans(sql);
        this.holds = new JdbcHolds(sql);
        this.fees = new JdbcFees(sql);
        this.events = new JdbcEventLog(sql, new JdbcCirculationSummary(sql, this::summaryZone, writer));
        this.ill = new JdbcIllRequests(sql);
        this.requestKeys = new JdbcRequestKeys(sql);
        this.accounts = new JdbcTerminalAccounts(sql);
        this.rules = new JdbcRuleStore(sql);
        this.staff = new JdbcStaffAccounts(sql);
        this.codes = new JdbcCodeLists(sql);
        this.revision = new JdbcSettingsRevision(sql);
        this.terminalProfiles = new JdbcTerminalProfiles(sql);
        this.loanHistory = new JdbcLoanHistory(sql);
        this.loanMarks = new JdbcLoanMarks(sql);
        this.consoleSessions = new JdbcConsoleSessions(sql);
        this.staffTokens = new JdbcStaffTokens(sql);
    }

    Sql sql() {
        return sql;
    }

    /** The zone the circulation summary cuts an event's day in: {@link JdbcCirculationSummary#zoneOf}'s rule. */
    private java.time.ZoneId summaryZone(String library) {
        java.util.Optional<java.time.ZoneId> own = library == null ? java.util.Optional.empty()
                : libraries.find(library).map(org.stackbridge.core.model.Library::zone);
        if (own.isPresent()) {
            return own.get();
        }
        java.util.Map<String, java.time.ZoneId> zones = new java.util.HashMap<>();
        libraries.all().forEach(l -> zones.put(l.code(), l.zone()));
        return JdbcCirculationSummary.zoneOf(null, zones);
    }

    /** The transaction committed or rolled back: caches shared beyond it drop what it may have made stale. */
    void transactionEnded() {
        libraries.transactionEnded();
    }

    /** Drops what the ports cached: a new unit of work starts, or the last one was rolled back. */
    void forgetCached() {
        libraries.forget();
        loans.forget();
        holds.forget();
        fees.forget();
        items.forget();
        patrons.forget();
        loanMarks.forget();
    }

    @Override
    public Libraries libraries() {
        return libraries;
    }

    @Override
    public Patrons patrons() {
        return patrons;
    }

    @Override
    public Bibs bibs() {
        return bibs;
    }

    @Override
    public Items items() {
        return items;
    }

    @Override
    public Loans loans() {
        return loans;
    }

    @Override
    public Holds holds() {
        return holds;
    }

    @Override
    public Fees fees() {
        return fees;
    }

    @Override
    public EventLog events() {
        return events;
    }

    @Override
    public IllRequests ill() {
        return ill;
    }

    @Override
    public RequestKeys requestKeys() {
        return requestKeys;
    }

    @Override
    public TerminalAccounts accounts() {
        return accounts;
    }

    @Override
    public org.stackbridge.core.port.StaffAccounts staff() {
        return staff;
    }

    @Override
    public RuleStore rules() {
        return rules;
    }

    @Override
    public org.stackbridge.core.port.ReportQueries reports() {
        return new JdbcReportQueries(sql);
    }

    @Override
    public org.stackbridge.core.port.CodeLists codes() {
        return codes;
    }

    @Override
    public org.stackbridge.core.port.SettingsRevision revision() {
        return revision;
    }

    @Override
    public org.stackbridge.core.port.TerminalProfiles terminalProfiles() {
        return terminalProfiles;
    }

    @Override
    public org.stackbridge.core.port.LoanHistory loanHistory() {
        return loanHistory;
    }

    @Override
    public org.stackbridge.core.port.LoanMarks loanMarks() {
        return loanMarks;
    }

    @Override
    public org.stackbridge.core.port.ConsoleSessionStore consoleSessions() {
        return consoleSessions;
    }

    @Override
    public org.stackbridge.core.port.StaffTokenStore staffTokens() {
        return staffTokens;
    }

    @Override
    public org.stackbridge.core.port.Notices notices() {
        return new JdbcNotices(sql);
    }

    @Override
    public org.stackbridge.core.port.JobLeases leases() {
        return new JdbcJobLeases(sql);
    }
}
