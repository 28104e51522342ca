package org.stackbridge.gateway;

/** {@link LoanHistoryAnonymisationContract} on the Postgres store. */
class LoanHistoryAnonymisationPostgresIT extends LoanHistoryAnonymisationContract {
    @Override
    TestGateways.Store store() {
        return TestGateways.Store.POSTGRES;
    }
}
