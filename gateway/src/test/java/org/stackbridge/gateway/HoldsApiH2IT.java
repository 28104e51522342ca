package org.stackbridge.gateway;

/** {@link HoldsApiContract} on the H2 store. */
class HoldsApiH2IT extends HoldsApiContract {
    @Override
    TestGateways.Store store() {
        return TestGateways.Store.H2;
    }
}
