package org.stackbridge.gateway;

/** {@link BorrowerPseudonymContract} on the H2 store. */
class BorrowerPseudonymH2IT extends BorrowerPseudonymContract {
    @Override
    TestGateways.Store store() {
        return TestGateways.Store.H2;
    }
}
