package org.stackbridge.adapter.memory.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stackbridge.adapter.memory.World;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.outcome.Views.PinCheck;
import org.stackbridge.core.security.PinVerifier;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.core.service.EngineSettings;

/** A kiosk visit pays for the PIN hash once; wrong PINs lock the patron's PIN for a while, refused unhashed. */
class PinScenariosTest {

    protected final AtomicInteger hashed = new AtomicInteger();
    protected World world;

    /** The world the scenarios run in; its engine counts the PINs it hashes with {@code slowCheck}. */
    protected World world(PinVerifier.SlowCheck slowCheck) {
        return new World(EngineSettings.defaults(), slowCheck);
    }

    /** What every scenario checks of each hash, beyond counting it (the subclass: which thread ran it). */
    protected void hashing() {
    }

    @BeforeEach
    void setUp() {
        world = world((pin, stored) -> {
            hashing();
            hashed.incrementAndGet();
            return SecretHasher.verify(pin, stored);
        });
        BibRecord bib = world.bib("b1");
        for (int i = 1; i <= 3; i++) {
            world.patron("P" + i);
            world.item("I" + i, bib);
        }
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    private Commands.CheckOut checkout(String item, String pin) {
        return new Commands.CheckOut(world.ctx(), "P1", item, pin, true, false, false);
    }

    private Commands.LookupPatron lookup(String pin) {
        return new Commands.LookupPatron(world.ctx(), "P1", pin);
    }

    @Test
    void aKioskVisitHashesThePinOnce() {
        assertEquals(PinCheck.VALID, world.ok(lookup(World.PIN)).pin());
        world.ok(checkout("I1", World.PIN));
        world.ok(checkout("I2", World.PIN));
        world.ok(new Commands.Renew(world.ctx(), "P1", "I1", World.PIN));
        assertEquals(1, hashed.get());
    }

    @Test
    void aWrongPinAfterTheRightOneIsRefused() {
        world.ok(checkout("I1", World.PIN));
        world.refusedWithoutChange(checkout("I2", "9999"), RefusalReason.INVALID_PIN);
        assertEquals(PinCheck.INVALID, world.ok(lookup("12345")).pin());
    }

    @Test
    void theOldPinIsRefusedOnceThePinIsChanged() {
        world.ok(checkout("I1", World.PIN));
        world.circ.store().runNow(tx -> {
            Patron p = tx.patrons().byBarcode("P1").orElseThrow();
            tx.patrons().update(new Patron(p.id(), p.barcode(), world.circ.hasher().hash("5678"), p.name(), p.category(), p.email(),
                    p.phone(), p.address(), p.expires(), p.homeLibrary(), p.cardLost()));
            return null;
        });
        world.refusedWithoutChange(checkout("I2", World.PIN), RefusalReason.INVALID_PIN);
        world.ok(checkout("I2", "5678"));
    }

    @Test
    void aRememberedPinIsHashedAgainAfterTenMinutes() {
        world.ok(lookup(World.PIN));
        world.advance(Duration.ofMinutes(9));
        world.ok(lookup(World.PIN));
        assertEquals(1, hashed.get());
        world.advance(Duration.ofMinutes(1));
        world.ok(lookup(World.PIN));
        assertEquals(2, hashed.get());
    }

    @Test
    void fiveWrongPinsLockTheRightPinOutUnhashedForFifteenMinutes() {
        for (int i = 0; i < 5; i++) {
            world.refusedWithoutChange(checkout("I1", "000" + i), RefusalReason.INVALID_PIN);
        }
        int before = hashed.get();
        world.refusedWithoutChange(checkout("I1", World.PIN), RefusalReason.PIN_LOCKED);
        Views.PatronInfo info = world.ok(lookup(World.PIN));
        assertEquals(PinCheck.INVALID, info.pin(), "CQ N while locked, even for the right PIN");
        assertTrue(info.pinLocked());
        assertTrue(world.info("P1").pinLocked(), "the lock shows without a PIN too");
        assertFalse(world.info("P2").pinLocked());
        world.refused(new Commands.Renew(world.ctx(), "P1", "I1", World.PIN), RefusalReason.PIN_LOCKED);
        assertEquals(before, hashed.get(), "no PIN is hashed while locked");

        world.advance(Duration.ofMinutes(15));
        assertFalse(world.info("P1").pinLocked());
        world.ok(checkout("I1", World.PIN));
    }

    @Test
    void checkoutWithoutAPinIsNotAffectedByTheLock() {
        for (int i = 0; i < 5; i++) {
            world.refused(checkout("I1", "000" + i), RefusalReason.INVALID_PIN);
        }
        world.ok(new Commands.CheckOut(world.ctx(), "P1", "I1", null, false, false, false));
    }
}
