package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.Hold;
import org.stackbridge.core.model.HoldStatus;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Patron;

/** The housekeeping job against the full gateway on its embedded database, through the command route. */
@Timeout(120)
class MaintenanceIT {

    static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

    @TempDir
    Path data;
    Gateway gateway;
    long shelfExpired;
    long lapsed;
    long current;

    @BeforeEach
    void start() throws Exception {
        gateway = TestGateways.start(data, Clock.fixed(NOW, ZoneOffset.UTC),
                "libraries:",
                "  - {code: MAIN, name: Main Library}",
                "engine: {maintenance-minutes: 0}");
        gateway.storage().write(tx -> {
            Patron p = tx.patrons().insert(new Patron(0, "P1", null, "Ada", "ADULT", null, null, null, LocalDate.of(2030, 1, 1), "MAIN", false));
            BibRecord bib = tx.bibs().insert(new BibRecord(0, "b1", "Dune", "Herbert, Frank", null, null, null, null));
            Item onShelf = tx.items().insert(new Item(0, "I1", bib.id(), "BOOK", "MAIN", "MAIN", null, null, BigDecimal.TEN,
                    ItemStatus.ON_HOLD_SHELF, null, null));
            Instant placed = NOW.minusSeconds(30 * 86_400);
            shelfExpired = tx.holds().insert(new Hold(0, p.id(), bib.id(), null, "MAIN", placed, null, HoldStatus.READY, onShelf.id(),
                    LocalDate.of(2026, 11, 19), null)).id();
            lapsed = tx.holds().insert(new Hold(0, p.id(), bib.id(), null, "MAIN", placed, LocalDate.of(2026, 11, 1), HoldStatus.WAITING,
                    null, null, null)).id();
            current = tx.holds().insert(new Hold(0, p.id(), bib.id(), null, "MAIN", placed, LocalDate.of(2026, 12, 1), HoldStatus.WAITING,
                    null, null, null)).id();
            tx.requestKeys().put("SIP2:kiosk", "old", new byte[] {1}, NOW.minusSeconds(8 * 86_400));
            tx.requestKeys().put("SIP2:kiosk", "recent", new byte[] {2}, NOW.minusSeconds(86_400));
            return null;
        }).join();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void expiresLapsedHoldsAndPurgesOldRequestOutcomes() {
        Maintenance.Result first = gateway.maintenance().runOnce();
        assertEquals(new Maintenance.Result(3, 2, 1), first);
        assertEquals(HoldStatus.EXPIRED, hold(shelfExpired).status());
        assertEquals(HoldStatus.EXPIRED, hold(lapsed).status());
        assertEquals(HoldStatus.WAITING, hold(current).status());
        assertEquals(true, gateway.storage().read(tx -> tx.requestKeys().find("SIP2:kiosk", "old").isEmpty()).join());
        assertEquals(true, gateway.storage().read(tx -> tx.requestKeys().find("SIP2:kiosk", "recent").isPresent()).join());
        long logged = gateway.storage().read(tx -> tx.events().between(NOW.minusSeconds(1), NOW.plusSeconds(1), 100)).join().stream()
                .filter(e -> e.type() == EventType.HOLD_CANCELLED).count();
        assertEquals(2, logged);
        // a second run finds nothing more to do
        assertEquals(new Maintenance.Result(1, 0, 0), gateway.maintenance().runOnce());
        assertEquals(2.0, gateway.meters().get("stackbridge.maintenance.holds.expired").counter().count());
    }

    private Hold hold(long id) {
        return gateway.storage().read(tx -> tx.holds().byId(id).orElseThrow()).join();
    }
}
