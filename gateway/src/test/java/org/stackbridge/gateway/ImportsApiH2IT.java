package org.stackbridge.gateway;

/** {@link ImportsApiContract} on the H2 store. */
class ImportsApiH2IT extends ImportsApiContract {
    @Override
    TestGateways.Store store() {
        return TestGateways.Store.H2;
    }
}
