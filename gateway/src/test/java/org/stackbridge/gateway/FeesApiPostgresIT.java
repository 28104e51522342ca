package org.stackbridge.gateway;

/** {@link FeesApiContract} on the Postgres store. */
class FeesApiPostgresIT extends FeesApiContract {
    @Override
    TestGateways.Store store() {
        return TestGateways.Store.POSTGRES;
    }
}
