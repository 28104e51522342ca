package org.stackbridge.gateway;

/** {@link IllApiContract} on the H2 store. */
class IllApiH2IT extends IllApiContract {
    @Override
    TestGateways.Store store() {
        return TestGateways.Store.H2;
    }
}
