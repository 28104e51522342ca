package org.stackbridge.gateway;

/** {@link LoanHistoryAnonymisationContract} on the H2 store. */
class LoanHistoryAnonymisationH2IT extends LoanHistoryAnonymisationContract {
    @Override
    TestGateways.Store store() {
        return TestGateways.Store.H2;
    }
}
