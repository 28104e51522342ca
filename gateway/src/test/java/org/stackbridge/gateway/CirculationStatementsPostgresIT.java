package org.stackbridge.gateway;

/** {@link CirculationStatementsContract} on the Postgres store. */
class CirculationStatementsPostgresIT extends CirculationStatementsContract {

    @Override
    TestGateways.Store store() {
        return TestGateways.Store.POSTGRES;
    }
}
