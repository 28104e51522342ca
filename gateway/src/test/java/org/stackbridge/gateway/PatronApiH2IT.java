package org.stackbridge.gateway;

/** {@link PatronApiContract} on the H2 store. */
class PatronApiH2IT extends PatronApiContract {
    @Override
    TestGateways.Store store() {
        return TestGateways.Store.H2;
    }
}
