package org.stackbridge.core.port;

/** One storage transaction: every role port sees the same uncommitted state. */
public interface StoreTx {
    Libraries libraries();

    Patrons patrons();

    Bibs bibs();

    Items items();

    Loans loans();

    Holds holds();

    Fees fees();

    EventLog events();

    IllRequests ill();

    RequestKeys requestKeys();

    TerminalAccounts accounts();

    StaffAccounts staff();

    RuleStore rules();

    /** Loans marked lost or claimed returned. */
    LoanMarks loanMarks();

    CodeLists codes();

    SettingsRevision revision();

    /** SIP2 terminal profiles stored in the database. */
    TerminalProfiles terminalProfiles();

    /** Closed loans as history, and their anonymisation. */
    LoanHistory loanHistory();

    /** The aggregate queries behind the usage reports; a store without them says so. */
    default org.stackbridge.core.port.ReportQueries reports() {
        throw new UnsupportedOperationException("this store does not compute reports");
    }

    /** The staff console's sessions; a store without them says so. */
    default ConsoleSessionStore consoleSessions() {
        throw new UnsupportedOperationException("this store does not keep console sessions");
    }

    /** The staff API's bearer tokens; a store without them says so. */
    default StaffTokenStore staffTokens() {
        throw new UnsupportedOperationException("this store does not keep staff API tokens");
    }

    /** The notice outbox and the facts notices are made of; a store without them says so. */
    default Notices notices() {
        throw new UnsupportedOperationException("this store keeps no notices");
    }

    /** Leases of jobs that run on one node at a time; a store without them says so. */
    default JobLeases leases() {
        throw new UnsupportedOperationException("this store keeps no job leases");
    }
}
