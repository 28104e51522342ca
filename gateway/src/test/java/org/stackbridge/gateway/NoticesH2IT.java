package org.stackbridge.gateway;

import java.util.List;

/** {@link NoticesContract} on the embedded H2 database. */
class NoticesH2IT extends NoticesContract {
    @Override
    TestGateways.Store store() {
        return TestGateways.Store.H2;
    }

    @Override
    List<String> reopenableDatabase() {
        return List.of();
    }
}
