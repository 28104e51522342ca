package org.stackbridge.z3950;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.stackbridge.adapter.catalogue.LuceneCatalogueIndex;
import org.stackbridge.adapter.memory.InMemoryCirculation;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.z3950.server.Z3950Server;
import org.stackbridge.z3950.config.Z3950Settings;

/** A running target on 127.0.0.1:0 over the sample corpus, with two live items on ISBN 000470147X. */
final class Z3950ServerFixture implements AutoCloseable {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);

    final InMemoryCirculation circulation = new InMemoryCirculation(CLOCK);
    final LuceneCatalogueIndex index;
    final Z3950Server server;
    final BibRecord opacBib;

    Z3950ServerFixture(Z3950Settings settings) {
        circulation.library("MAIN", "SBLIB");
        circulation.patron("P100", "1234", "adult", "MAIN");
        index = TestCatalogue.loadInto(circulation);
        opacBib = circulation.store().runNow(tx -> tx.bibs().page(0, 1000).stream()
                .filter(b -> "000470147X".equals(b.isbn())).findFirst().orElseThrow());
        circulation.item("ITEM-1", opacBib, "book", "MAIN");
        circulation.item("ITEM-2", opacBib, "book", "MAIN");
        server = new Z3950Server(settings, index, circulation.port(), new SimpleMeterRegistry()).start();
    }

    Z3950ServerFixture() {
        this(Z3950Settings.defaults().withPort(0));
    }

    String target() {
        return "127.0.0.1:" + server.port() + "/Default";
    }

    @Override
    public void close() {
        server.close();
        index.close();
        circulation.close();
    }
}
