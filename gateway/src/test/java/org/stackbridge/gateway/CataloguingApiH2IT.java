package org.stackbridge.gateway;

/** {@link CataloguingApiContract} on the H2 store. */
class CataloguingApiH2IT extends CataloguingApiContract {
    @Override
    TestGateways.Store store() {
        return TestGateways.Store.H2;
    }
}
