package org.stackbridge.gateway;

/** {@link AdminApiContract} on the H2 store. */
class AdminApiH2IT extends AdminApiContract {
    @Override
    TestGateways.Store store() {
        return TestGateways.Store.H2;
    }
}
