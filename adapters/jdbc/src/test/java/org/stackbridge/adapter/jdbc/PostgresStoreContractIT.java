package org.stackbridge.adapter.jdbc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.stackbridge.core.port.StoreContract;
import org.stackbridge.core.port.TransactionRunner;

/** The storage contract on a real PostgreSQL: a fresh database for this class, emptied before each test. */
class PostgresStoreContractIT implements StoreContract {

    private static JdbcStorage storage;

    @BeforeAll
    static void open() {
        storage = JdbcStorage.open(TestPostgres.freshDatabase());
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
