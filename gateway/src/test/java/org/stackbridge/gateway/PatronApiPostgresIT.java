package org.stackbridge.gateway;

/** {@link PatronApiContract} on the PostgreSQL store. */
class PatronApiPostgresIT extends PatronApiContract {
    @Override
    TestGateways.Store store() {
        return TestGateways.Store.POSTGRES;
    }
}
