package org.stackbridge.gateway;

/** {@link ImportsApiContract} on the PostgreSQL store. */
class ImportsApiPostgresIT extends ImportsApiContract {
    @Override
    TestGateways.Store store() {
        return TestGateways.Store.POSTGRES;
    }
}
