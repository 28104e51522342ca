package org.stackbridge.gateway;

/** {@link ReportsContract} on the H2 store. */
class ReportsH2IT extends ReportsContract {
    @Override
    TestGateways.Store store() {
        return TestGateways.Store.H2;
    }
}
