package org.stackbridge.gateway;

import java.util.List;

/** {@link NoticesContract} on embedded PostgreSQL. */
class NoticesPostgresIT extends NoticesContract {
    @Override
    TestGateways.Store store() {
        return TestGateways.Store.POSTGRES;
    }

    @Override
    List<String> reopenableDatabase() {
        return List.of("database: {url: \"" + TestGateways.freshPostgresUrl() + "\", user: postgres, password: postgres}");
    }
}
