package org.stackbridge.gateway;

/** {@link AdminApiContract} on the Postgres store. */
class AdminApiPostgresIT extends AdminApiContract {
    @Override
    TestGateways.Store store() {
        return TestGateways.Store.POSTGRES;
    }
}
