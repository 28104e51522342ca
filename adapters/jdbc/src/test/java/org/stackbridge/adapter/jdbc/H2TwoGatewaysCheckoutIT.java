package org.stackbridge.adapter.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both gateways open the same H2 file from one JVM; H2 then serves both pools from one database engine.
 * Two separate OS processes cannot share an embedded H2 file (H2's file lock refuses the second one),
 * which is why a multi-process deployment uses PostgreSQL.
 */
class H2TwoGatewaysCheckoutIT implements TwoGatewaysCheckoutContract {

    @TempDir
    Path dataDir;

    @Override
    public JdbcSettings sharedDatabase() {
        return JdbcSettings.embedded(dataDir);
    }
}
