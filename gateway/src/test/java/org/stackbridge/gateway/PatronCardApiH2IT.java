package org.stackbridge.gateway;

/** {@link PatronCardApiContract} on the H2 store. */
class PatronCardApiH2IT extends PatronCardApiContract {
    @Override
    TestGateways.Store store() {
        return TestGateways.Store.H2;
    }
}
