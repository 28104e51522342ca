package org.stackbridge.gateway;

/** {@link ConfigReloadContract} on the H2 store. */
class ConfigReloadH2IT extends ConfigReloadContract {
    @Override
    TestGateways.Store store() {
        return TestGateways.Store.H2;
    }
}
