package org.stackbridge.gateway.cli;

import java.util.concurrent.Callable;
import org.stackbridge.gateway.CatalogueSync;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code index rebuild}: rebuilds the Z39.50/SRU catalogue index from the database. */
@Command(name = "index", mixinStandardHelpOptions = true, description = "The catalogue index.", subcommands = {IndexCommand.Rebuild.class})
final class IndexCommand {

    /** Brings the index up to date after an import; a running gateway holding the index is told apart. */
    static void syncCatalogue(StorageSession s) {
        try (CatalogueSync sync = CatalogueSync.open(s.loaded.config(), s.loaded.directory(), s.storage)) {
            sync.flush();
            System.out.println("catalogue index: " + sync.index().count() + " records");
        } catch (RuntimeException e) {
            if (String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("lock")) {
                System.out.println("catalogue index is in use by a running gateway; it indexes new records when it restarts,"
                        + " or run: stackbridge index rebuild (with the gateway stopped)");
            } else {
                throw e;
            }
        }
    }

    @Command(name = "rebuild", mixinStandardHelpOptions = true, description = "Re-index every bibliographic record.")
    static final class Rebuild implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            try (StorageSession s = new StorageSession(common); CatalogueSync sync = CatalogueSync.open(s.loaded.config(), s.loaded.directory(), s.storage)) {
                long started = System.nanoTime();
                long n = sync.rebuild();
                System.out.printf(java.util.Locale.ROOT, "indexed %d records in %.1f s%n", n, (System.nanoTime() - started) / 1e9);
                return 0;
            }
        }
    }
}
