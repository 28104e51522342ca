package org.stackbridge.gateway;

/** {@link ConfigReloadContract} on the Postgres store. */
class ConfigReloadPostgresIT extends ConfigReloadContract {
    @Override
    TestGateways.Store store() {
        return TestGateways.Store.POSTGRES;
    }
}
