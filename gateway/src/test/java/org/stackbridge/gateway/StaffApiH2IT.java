package org.stackbridge.gateway;

/** {@link StaffApiContract} on the H2 store. */
class StaffApiH2IT extends StaffApiContract {
    @Override
    TestGateways.Store store() {
        return TestGateways.Store.H2;
    }
}
