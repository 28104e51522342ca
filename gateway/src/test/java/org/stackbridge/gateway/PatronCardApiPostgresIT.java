package org.stackbridge.gateway;

/** {@link PatronCardApiContract} on the Postgres store. */
class PatronCardApiPostgresIT extends PatronCardApiContract {
    @Override
    TestGateways.Store store() {
        return TestGateways.Store.POSTGRES;
    }
}
