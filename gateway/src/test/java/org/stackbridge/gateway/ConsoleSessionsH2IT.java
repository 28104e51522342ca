package org.stackbridge.gateway;

/** {@link ConsoleSessionsContract} on the H2 store. */
class ConsoleSessionsH2IT extends ConsoleSessionsContract {
    @Override
    TestGateways.Store store() {
        return TestGateways.Store.H2;
    }
}
