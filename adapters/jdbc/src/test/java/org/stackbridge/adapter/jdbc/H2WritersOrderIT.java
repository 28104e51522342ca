package org.stackbridge.adapter.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** On H2 the storage runs one writer whatever the settings ask, and the order holds all the same. */
class H2WritersOrderIT implements WritersOrderContract {

    @TempDir
    Path dataDir;

    @Override
    public JdbcSettings database() {
        return JdbcSettings.embedded(dataDir);
    }

    @Override
    public int writers() {
        return 1;
    }
}
