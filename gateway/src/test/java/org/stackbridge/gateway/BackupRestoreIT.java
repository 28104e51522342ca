package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Loan;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.testing.Await;
import org.stackbridge.gateway.cli.StackbridgeCli;
import org.stackbridge.gateway.config.ConfigLoader;

/**
 * {@code db backup} while SIP2 kiosks check out through the running gateway (the command goes through its control
 * endpoint), then {@code db restore} into a new data directory and a gateway started on it: every checkout acknowledged
 * before the backup began is an open loan there, exactly once. Restoring over the database of a running gateway is
 * refused.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class BackupRestoreIT {

    private static final int TERMINALS = 4;
    private static final int ITEMS_PER_TERMINAL = 150;

    @TempDir
    Path dir;
    private Gateway serving;
    private Gateway restored;
    private String out;
    private String err;

    @AfterEach
    void stop() {
        if (serving != null) {
            serving.close();
        }
        if (restored != null) {
            restored.close();
        }
    }

    @Test
    void aBackupTakenWhileKiosksCheckOutRestoresEveryCheckoutAcknowledgedBeforeIt() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Path config = CrashRecoveryIT.prepare(data, TERMINALS, ITEMS_PER_TERMINAL);
        serving = new Gateway(new ConfigLoader().load(config, Map.of(), List.of()), Clock.systemUTC());
        serving.withCommands(StackbridgeCli.hostedRunner(serving)).start();

        CrashRecoveryIT.Terminals terminals = CrashRecoveryIT.Terminals.start(serving.sip2().port(), TERMINALS, ITEMS_PER_TERMINAL, 80);
        assertTrue(terminals.enough.await(120, TimeUnit.SECONDS), "checkouts were not acknowledged in time");
        Map<String, String> beforeBackup = new HashMap<>(terminals.acked);

        Path backup = dir.resolve("backups").resolve("stackbridge.zip");
        Files.createDirectories(backup.getParent());
        assertEquals(0, cli("db", "backup", backup.toString(), "--config", config.toString()), err);
        assertTrue(out.startsWith("backed up "), out);
        assertTrue(Files.size(backup) > 0);
        int atBackup = terminals.ackCount.get();
        // the gateway went on serving: the kiosks keep getting checkouts acknowledged
        Await.until(Duration.ofSeconds(60), () -> terminals.ackCount.get() > atBackup + 20, "checkouts go on after the backup");

        assertEquals(2, cli("db", "backup", backup.toString(), "--config", config.toString()), "an existing file is not overwritten");
        assertTrue(err.contains("exists; name a new file"), err);
        assertEquals(13, cli("db", "restore", backup.toString(), "--config", config.toString(), "--replace"),
                "restoring over the running gateway's database is refused");
        assertTrue(err.contains("is in use"), err);

        Map<String, String> acked = terminals.stop();
        serving.close();
        serving = null;

        Path fresh = dir.resolve("restored");
        assertEquals(0, cli("db", "restore", backup.toString(), "--config", config.toString(), "--data", fresh.toString()), err);
        assertEquals(2, cli("db", "restore", backup.toString(), "--config", config.toString(), "--data", fresh.toString()),
                "an existing database is replaced only with --replace");
        assertTrue(err.contains("already holds a database; add --replace"), err);
        assertEquals(0, cli("db", "restore", backup.toString(), "--config", config.toString(), "--data", fresh.toString(), "--replace"), err);

        restored = new Gateway(new ConfigLoader().load(config, Map.of(), List.of("data-dir=" + fresh)), Clock.systemUTC()).start();
        List<Loan> open = restored.storage().read(tx -> tx.loans().openPage(0, 100_000)).get(30, TimeUnit.SECONDS);
        Map<Long, Long> loansPerItem = new HashMap<>();
        open.forEach(l -> loansPerItem.merge(l.itemId(), 1L, Long::sum));
        loansPerItem.forEach((item, n) -> assertEquals(1L, n, "item " + item + " has " + n + " open loans"));
        for (Map.Entry<String, String> e : beforeBackup.entrySet()) {
            Item item = restored.storage().read(tx -> tx.items().byBarcode(e.getKey())).join().orElseThrow();
            Patron patron = restored.storage().read(tx -> tx.patrons().byBarcode(e.getValue())).join().orElseThrow();
            Loan loan = restored.storage().read(tx -> tx.loans().openForItem(item.id())).join()
                    .orElseThrow(() -> new AssertionError("checkout of " + e.getKey() + " acknowledged before the backup is not in it"));
            assertEquals(patron.id(), loan.patronId(), e.getKey());
            assertEquals(ItemStatus.CHECKED_OUT, item.status(), e.getKey());
        }
        // nothing that was never acknowledged beyond one in flight per kiosk, and not everything after the backup
        assertTrue(open.size() >= beforeBackup.size());
        assertTrue(open.size() <= acked.size() + TERMINALS, "restored loans " + open.size() + " > acknowledged " + acked.size());
        assertTrue(open.size() < acked.size(), "the backup holds the state when it was taken, not the final one");
        // the restored gateway's catalogue index was rebuilt from the restored records, and it serves
        assertTrue(restored.catalogue().isOpen());
        assertEquals(1, restored.catalogue().index().count());
    }

    @Test
    void postgresqlIsBackedUpWithItsOwnTools() throws Exception {
        Path config = dir.resolve("pg.yaml");
        Files.writeString(config, "database:\n  url: jdbc:postgresql://127.0.0.1:1/stackbridge\n");
        assertEquals(2, cli("db", "backup", dir.resolve("x.zip").toString(), "--config", config.toString(), "--data", dir.toString()));
        assertTrue(err.contains("the database is PostgreSQL: back it up with pg_dump"), err);
        assertEquals(2, cli("db", "restore", config.toString(), "--config", config.toString(), "--data", dir.toString()));
        assertTrue(err.contains("pg_restore"), err);
        Files.writeString(dir.resolve("not-a-backup.zip"), "plain text");
        assertEquals(2, cli("db", "restore", dir.resolve("not-a-backup.zip").toString(), "--data", dir.resolve("empty").toString()));
        assertTrue(err.contains("not a zip file"), err);
    }

    private int cli(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = StackbridgeCli.run(new PrintWriter(o, true), new PrintWriter(e, true), args);
        out = o.toString();
        err = e.toString();
        return code;
    }
}
