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
    void everyCommittedBatchIsForcedToDiskBeforeItsUnitsComplete() {
        JdbcStorage.WriterStats before = storage.stats();
        CompletableFuture<Patron> written = storage.write(tx -> tx.patrons().insert(StoreFixture.patron("S1")));
        StoreFixture.await(written);
        JdbcStorage.WriterStats after = storage.stats();
        // counted before the future completes, so it is already visible here
        assertEquals(1, after.fileSyncs() - before.fileSyncs());
        assertEquals(1, after.batches() - before.batches());
        // a batch whose only unit failed commits nothing and needs no sync
        CompletableFuture<Patron> failed = storage.write(tx -> tx.patrons().insert(StoreFixture.patron("S1")));
        StoreFixture.failureOf(failed);
        assertEquals(after.fileSyncs(), storage.stats().fileSyncs());
    }

    @Test
    void oneSyncMayCoverSeveralBatchesButNeverNone() {
        JdbcStorage.WriterStats before = storage.stats();
        List<CompletableFuture<Patron>> writes = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String barcode = "M" + i;
            writes.add(storage.write(tx -> tx.patrons().insert(StoreFixture.patron(barcode))));
        }
        writes.forEach(StoreFixture::await);
        JdbcStorage.WriterStats after = storage.stats();
        long batches = after.batches() - before.batches();
        long syncs = after.fileSyncs() - before.fileSyncs();
        org.junit.jupiter.api.Assertions.assertTrue(syncs >= 1 && syncs <= batches, syncs + " syncs for " + batches + " batches");
        assertEquals(500, after.committedUnits() - before.committedUnits());
    }

    @Test
    void identitySequencesCacheEnoughValuesThatInsertsRarelyStoreTheFile() throws Exception {
        JdbcSettings settings = JdbcSettings.embedded(dataDir);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(settings.url(), settings.user(), settings.password());
             java.sql.ResultSet rs = c.createStatement().executeQuery(
                     "SELECT table_name, identity_cache FROM information_schema.columns WHERE is_identity = 'YES'")) {
            int tables = 0;
            while (rs.next()) {
                tables++;
                assertEquals(4096, rs.getLong(2), rs.getString(1));
            }
            assertEquals(14, tables);
        }
    }

    @Test
    void theDataFileIsFoundFromTheUrl() {
        assertEquals(dataDir.toAbsolutePath().normalize().resolve("stackbridge.mv.db"), JdbcSettings.embedded(dataDir).h2DataFile());
        assertEquals(null, JdbcSettings.of("jdbc:h2:mem:x;MODE=PostgreSQL", "sa", "").h2DataFile());
        assertEquals(null, JdbcSettings.of("jdbc:postgresql://localhost/x", "u", "p").h2DataFile());
    }

    @Test
    void migrateAloneIsIdempotent() {
        assertEquals(0, JdbcStorage.migrate(JdbcSettings.embedded(dataDir)));
    }
}
