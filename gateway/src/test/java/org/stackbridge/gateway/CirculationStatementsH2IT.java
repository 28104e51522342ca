package org.stackbridge.gateway;

/** {@link CirculationStatementsContract} on the H2 store. */
class CirculationStatementsH2IT extends CirculationStatementsContract {

    @Override
    TestGateways.Store store() {
        return TestGateways.Store.H2;
    }
}
