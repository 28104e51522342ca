package org.stackbridge.gateway;

/** {@link IllApiContract} on the PostgreSQL store. */
class IllApiPostgresIT extends IllApiContract {
    @Override
    TestGateways.Store store() {
        return TestGateways.Store.POSTGRES;
    }
}
