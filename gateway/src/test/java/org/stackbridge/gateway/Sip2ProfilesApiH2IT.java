package org.stackbridge.gateway;

/** {@link Sip2ProfilesApiContract} on the H2 store. */
class Sip2ProfilesApiH2IT extends Sip2ProfilesApiContract {
    @Override
    TestGateways.Store store() {
        return TestGateways.Store.H2;
    }
}
