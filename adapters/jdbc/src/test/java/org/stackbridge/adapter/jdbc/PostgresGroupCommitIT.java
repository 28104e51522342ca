package org.stackbridge.adapter.jdbc;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.port.StoreFixture;

class PostgresGroupCommitIT implements GroupCommitContract {

    private static JdbcStorage storage;

    @BeforeAll
    static void open() {
        // the contract looks at one writer's batches; several writers: PostgresWritersOrderIT, PostgresTwoGateways*IT
        storage = JdbcStorage.open(TestPostgres.freshDatabase().withWriters(1));
        // a constraint checked only at COMMIT lets a test make the commit itself fail
        storage.write(tx -> ((JdbcStoreTx) tx).sql().update(
                "CREATE TABLE commit_trap (v INTEGER, CONSTRAINT uq_commit_trap UNIQUE (v) DEFERRABLE INITIALLY DEFERRED)")).join();
    }

    @AfterAll
    static void close() {
        storage.close();
    }

    @BeforeEach
    void empty() throws Exception {
        JdbcTestSupport.clear(storage);
        storage.write(tx -> ((JdbcStoreTx) tx).sql().update("DELETE FROM commit_trap")).join();
    }

    @Override
    public JdbcStorage storage() {
        return storage;
    }

    @Test
    void aFailedCommitFailsEveryUnitOfTheBatch() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Object> blocker = blockWriter(release);
        CompletableFuture<Patron> innocent = storage.write(tx -> tx.patrons().insert(StoreFixture.patron("innocent")));
        CompletableFuture<Integer> trap1 = storage.write(tx -> ((JdbcStoreTx) tx).sql().update("INSERT INTO commit_trap (v) VALUES (1)"));
        CompletableFuture<Integer> trap2 = storage.write(tx -> ((JdbcStoreTx) tx).sql().update("INSERT INTO commit_trap (v) VALUES (1)"));
        release.countDown();
        StoreFixture.await(blocker);
        assertInstanceOf(JdbcStorageException.class, StoreFixture.failureOf(innocent));
        assertInstanceOf(JdbcStorageException.class, StoreFixture.failureOf(trap1));
        assertInstanceOf(JdbcStorageException.class, StoreFixture.failureOf(trap2));
        assertTrue(read(tx -> tx.patrons().byBarcode("innocent")).isEmpty());
        // the writer carries on with a fresh connection
        StoreFixture.await(storage.write(tx -> tx.patrons().insert(StoreFixture.patron("after"))));
        assertTrue(read(tx -> tx.patrons().byBarcode("after")).isPresent());
    }
}
