package org.stackbridge.gateway;

/** {@link BorrowerPseudonymContract} on the Postgres store. */
class BorrowerPseudonymPostgresIT extends BorrowerPseudonymContract {
    @Override
    TestGateways.Store store() {
        return TestGateways.Store.POSTGRES;
    }
}
