package org.stackbridge.adapter.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.port.StoreFixture;

class H2GroupCommitIT implements GroupCommitContract {

    @TempDir
    Path dataDir;
    private JdbcStorage storage;

    @BeforeEach
    void open() {
        storage = JdbcStorage.open(JdbcSettings.embedded(dataDir));
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Override
    public JdbcStorage storage() {
        return storage;
    }

    @Test
    void closeFinishesQueuedWritesAndTheyAreThereAfterReopening() {
        List<CompletableFuture<Patron>> queued = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String barcode = "Q" + i;
            queued.add(storage.write(tx -> tx.patrons().insert(StoreFixture.patron(barcode))));
        }
        storage.close();
        queued.forEach(StoreFixture::await);
        assertInstanceOf(IllegalStateException.class, StoreFixture.failureOf(storage.write(tx -> null)));
        storage = JdbcStorage.open(JdbcSettings.embedded(dataDir));
        assertEquals(300, read(tx -> tx.patrons().page(0, 1_000)).size());
    }

    @Test
    void migrateAloneIsIdempotent() {
        assertEquals(0, JdbcStorage.migrate(JdbcSettings.embedded(dataDir)));
    }
}
