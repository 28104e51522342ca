package org.stackbridge.adapter.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.core.port.StoreContract;
import org.stackbridge.core.port.TransactionRunner;

/** The storage contract on the embedded default: an H2 file database in a fresh data directory, emptied before each test. */
class H2StoreContractIT implements StoreContract {

    @TempDir
    static Path dataDir;
    private static JdbcStorage storage;

    @BeforeAll
    static void open() {
        storage = JdbcStorage.open(JdbcSettings.embedded(dataDir));
    }

    @AfterAll
    static void close() {
        storage.close();
    }

    @BeforeEach
    void empty() throws Exception {
        JdbcTestSupport.clear(storage);
    }

    @Override
    public TransactionRunner store() {
        return storage;
    }
}
