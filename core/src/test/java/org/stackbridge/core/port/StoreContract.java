package org.stackbridge.core.port;

/**
 * The whole storage contract: every role port of {@link StoreTx} plus the {@link TransactionRunner}
 * semantics. A storage adapter's test implements this and returns an empty store per test.
 */
public interface StoreContract extends LibrariesContract, PatronsContract, BibsContract, ItemsContract, LoansContract,
        HoldsContract, FeesContract, EventLogContract, IllRequestsContract, RequestKeysContract, TerminalAccountsContract,
        StaffAccountsContract, RuleStoreContract, AdministrationContract, TransactionRunnerContract, LoanMarksContract,
        ConsoleSessionStoreContract, StaffTokenStoreContract {
}
