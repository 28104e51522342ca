package org.stackbridge.gateway;

/** {@link HoldsApiContract} on the PostgreSQL store. */
class HoldsApiPostgresIT extends HoldsApiContract {
    @Override
    TestGateways.Store store() {
        return TestGateways.Store.POSTGRES;
    }
}
