package org.stackbridge.gateway;

import java.nio.file.Path;
import org.stackbridge.adapter.jdbc.JdbcSettings;
import org.stackbridge.adapter.jdbc.JdbcStorage;
import org.stackbridge.core.model.CodeEntry;
import org.stackbridge.core.model.CodeKind;
import org.stackbridge.core.port.TransactionRunner;
import org.stackbridge.gateway.config.GatewayConfig;
import org.stackbridge.gateway.config.ConfigMapping;

/** Opens the configured database and applies what the config declares (libraries, accounts), idempotently. */
public final class Storage {

    private Storage() {
    }

    public static JdbcSettings settings(GatewayConfig cfg, Path dataDir) {
        GatewayConfig.Database db = cfg.database();
        JdbcSettings base = db.embedded() ? JdbcSettings.embedded(dataDir) : JdbcSettings.of(db.url(), db.user(), db.password());
        return base.withPoolSize(db.poolSize()).withMaxBatch(db.maxBatch()).withWriters(db.writers());
    }

    /** Opens (and migrates) the database; a locked embedded database gets a clear message. */
    public static JdbcStorage open(GatewayConfig cfg, Path dataDir) {
        try {
            java.nio.file.Files.createDirectories(dataDir);
            return JdbcStorage.open(settings(cfg, dataDir));
        } catch (java.io.IOException e) {
            throw new StorageUnavailable("cannot create data directory " + dataDir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw explain(cfg, dataDir, e);
        }
    }

    /** Applies pending migrations and says what it did. */
    public static String migrate(GatewayConfig cfg, Path dataDir) {
        try {
            int n = JdbcStorage.migrate(settings(cfg, dataDir));
            return n == 0 ? "schema already up to date" : "applied " + n + " migration(s)";
        } catch (RuntimeException e) {
            throw explain(cfg, dataDir, e);
        }
    }

    private static RuntimeException explain(GatewayConfig cfg, Path dataDir, RuntimeException e) {
        String text = String.valueOf(rootMessage(e));
        if (cfg.database().embedded() && (text.contains("locked") || text.contains("already in use"))) {
            return new StorageUnavailable("the embedded database in " + dataDir.toAbsolutePath()
                    + " is in use by another process (is the gateway running?). Stop it first, or run on PostgreSQL.", e);
        }
        return new StorageUnavailable("cannot open the database: " + text, e);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /**
     * Applies the libraries, SIP2 accounts, patron categories and item types the configuration defines, and marks them
     * as defined there (the staff API shows them with {@code "source": "configuration"} and refuses to change them).
     * What an earlier configuration defined and this one does not stays in the database, now editable.
     */
    public static void seed(TransactionRunner storage, GatewayConfig cfg) {
        storage.write(tx -> {
            for (CodeKind kind : CodeKind.values()) {
                for (CodeEntry e : tx.codes().all(kind)) {
                    if (e.fromConfiguration()) {
                        tx.codes().save(new CodeEntry(kind, e.code(), e.description(), false));
                    }
                }
            }
            cfg.libraries().forEach(l -> {
                tx.libraries().save(ConfigMapping.library(l));
                tx.codes().save(new CodeEntry(CodeKind.LIBRARY, l.code(), null, true));
            });
            cfg.sip2Accounts().forEach(a -> {
                tx.accounts().save(ConfigMapping.account(a));
                tx.codes().save(new CodeEntry(CodeKind.TERMINAL_ACCOUNT, a.login(), null, true));
            });
            cfg.patronCategories().forEach(c -> tx.codes().save(new CodeEntry(CodeKind.PATRON_CATEGORY, c, null, true)));
            cfg.itemTypes().forEach(t -> tx.codes().save(new CodeEntry(CodeKind.ITEM_TYPE, t, null, true)));
            return null;
        }).join();
    }

    /** The database could not be opened; the message says why, for people. */
    public static final class StorageUnavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StorageUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
