package org.stackbridge.gateway;

/** {@link StaffApiContract} on the Postgres store. */
class StaffApiPostgresIT extends StaffApiContract {
    @Override
    TestGateways.Store store() {
        return TestGateways.Store.POSTGRES;
    }
}
