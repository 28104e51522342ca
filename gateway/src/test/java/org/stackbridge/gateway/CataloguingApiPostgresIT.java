package org.stackbridge.gateway;

/** {@link CataloguingApiContract} on the PostgreSQL store. */
class CataloguingApiPostgresIT extends CataloguingApiContract {
    @Override
    TestGateways.Store store() {
        return TestGateways.Store.POSTGRES;
    }
}
