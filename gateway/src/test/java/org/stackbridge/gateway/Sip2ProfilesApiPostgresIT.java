package org.stackbridge.gateway;

/** {@link Sip2ProfilesApiContract} on the Postgres store. */
class Sip2ProfilesApiPostgresIT extends Sip2ProfilesApiContract {
    @Override
    TestGateways.Store store() {
        return TestGateways.Store.POSTGRES;
    }
}
