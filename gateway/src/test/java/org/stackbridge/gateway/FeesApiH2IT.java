package org.stackbridge.gateway;

/** {@link FeesApiContract} on the H2 store. */
class FeesApiH2IT extends FeesApiContract {
    @Override
    TestGateways.Store store() {
        return TestGateways.Store.H2;
    }
}
