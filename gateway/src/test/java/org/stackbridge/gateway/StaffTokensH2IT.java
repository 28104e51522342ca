package org.stackbridge.gateway;

/** {@link StaffTokensContract} on the H2 store. */
class StaffTokensH2IT extends StaffTokensContract {
    @Override
    TestGateways.Store store() {
        return TestGateways.Store.H2;
    }
}
