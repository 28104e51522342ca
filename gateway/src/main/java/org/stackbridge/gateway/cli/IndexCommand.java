package org.stackbridge.gateway.cli;

import java.util.concurrent.Callable;
import org.stackbridge.gateway.CatalogueSync;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code index rebuild}: rebuilds the Z39.50/SRU catalogue index from the database. */
@Command(name = "index", mixinStandardHelpOptions = true, description = "The catalogue index.", subcommands = {IndexCommand.Rebuild.class})
final class IndexCommand {

    /** Brings the index up to date after an import; a running gateway holding the index is told apart. */
    static void syncCatalogue(StorageSession s, CommonOptions common) {
        if (s.host != null) {
            s.host.catalogue().flush();
            common.out().println("catalogue index: " + s.host.catalogue().index().count() + " records");
            return;
        }
        try (CatalogueSync sync = CatalogueSync.open(s.loaded.config(), s.loaded.directory(), s.storage)) {
            sync.flush();
            common.out().println("catalogue index: " + sync.index().count() + " records");
        } catch (RuntimeException e) {
            if (String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("lock")) {
                common.out().println("catalogue index is in use by a running gateway; it indexes new records when it restarts,"
                        + " or run: stackbridge index rebuild (with the gateway stopped)");
            } else {
                throw e;
            }
        }
    }

    @Command(name = "rebuild", mixinStandardHelpOptions = true, description = "Re-index every bibliographic record.")
    static final class Rebuild implements Callable<Integer>, GatewayCommand {
        @Mixin
        CommonOptions common;

        @Override
        public CommonOptions common() {
            return common;
        }

        @Override
        public Integer call() {
            long started = System.nanoTime();
            try (StorageSession s = new StorageSession(common)) {
                long n;
                if (s.host != null) {
                    n = s.host.catalogue().rebuild();
                } else {
                    try (CatalogueSync sync = CatalogueSync.open(s.loaded.config(), s.loaded.directory(), s.storage)) {
                        n = sync.rebuild();
                    }
                }
                common.out().printf(java.util.Locale.ROOT, "indexed %d records in %.1f s%n", n, (System.nanoTime() - started) / 1e9);
                return 0;
            }
        }
    }
}
