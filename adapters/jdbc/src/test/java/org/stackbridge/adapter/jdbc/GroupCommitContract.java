package org.stackbridge.adapter.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.model.Patron;
import org.stackbridge.core.port.StoreFixture;

/**
 * Behaviour of the group-commit writer itself, on a real database. A "blocker" unit holds the writer
 * thread until released, so the units queued meanwhile deterministically form the next batch.
 */
interface GroupCommitContract extends StoreFixture {

    JdbcStorage storage();

    @Override
    default JdbcStorage store() {
        return storage();
    }

    /** Submits a unit that occupies the writer until {@code release} opens; returns once it runs. */
    default CompletableFuture<Object> blockWriter(CountDownLatch release) throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        CompletableFuture<Object> blocker = storage().write(tx -> {
            running.countDown();
            try {
                assertTrue(release.await(WAIT_SECONDS, TimeUnit.SECONDS), "blocker never released");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
        assertTrue(running.await(WAIT_SECONDS, TimeUnit.SECONDS), "writer did not start the blocker");
        return blocker;
    }

    @Test
    default void unitsQueuedTogetherShareOneCommit() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        JdbcStorage.WriterStats before = storage().stats();
        CompletableFuture<Object> blocker = blockWriter(release);
        List<CompletableFuture<Patron>> queued = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String barcode = "B" + i;
            queued.add(storage().write(tx -> tx.patrons().insert(StoreFixture.patron(barcode))));
        }
        release.countDown();
        StoreFixture.await(blocker);
        queued.forEach(StoreFixture::await);
        JdbcStorage.WriterStats after = storage().stats();
        assertEquals(2, after.batches() - before.batches(), "blocker batch + one batch of 20");
        assertEquals(21, after.committedUnits() - before.committedUnits());
    }

    @Test
    default void aFailingOrConflictingUnitInsideABatchUndoesOnlyItself() throws Exception {
        newPatron("DUP");
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Object> blocker = blockWriter(release);
        AtomicInteger attempts = new AtomicInteger();
        CompletableFuture<Patron> first = storage().write(tx -> tx.patrons().insert(StoreFixture.patron("A")));
        CompletableFuture<Integer> conflicting = storage().write(tx -> {
            int n = attempts.incrementAndGet();
            tx.bibs().insert(StoreFixture.bib("try-" + n));
            if (n == 1) {
                tx.patrons().insert(StoreFixture.patron("DUP"));
            }
            return n;
        });
        CompletableFuture<Patron> failing = storage().write(tx -> {
            tx.patrons().insert(StoreFixture.patron("C"));
            throw new IllegalStateException("unit fails");
        });
        CompletableFuture<Patron> last = storage().write(tx -> tx.patrons().insert(StoreFixture.patron("D")));
        release.countDown();
        StoreFixture.await(blocker);
        assertEquals("A", StoreFixture.await(first).barcode());
        assertEquals(2, StoreFixture.await(conflicting));
        assertInstanceOf(IllegalStateException.class, StoreFixture.failureOf(failing));
        assertEquals("D", StoreFixture.await(last).barcode());
        assertTrue(read(tx -> tx.bibs().byControlNumber("try-1")).isEmpty());
        assertTrue(read(tx -> tx.bibs().byControlNumber("try-2")).isPresent());
        assertTrue(read(tx -> tx.patrons().byBarcode("C")).isEmpty());
        assertTrue(read(tx -> tx.patrons().byBarcode("A")).isPresent());
    }

    @Test
    default void aUnitAskingTwiceSeesItsOwnWritesInBetween() {
        Patron p = newPatron("MEMO");
        org.stackbridge.core.model.BibRecord b = newBib("memo-bib");
        org.stackbridge.core.model.Item i = write(tx -> tx.items().insert(StoreFixture.item("MEMO-I", b.id())));
        java.time.Instant at = java.time.Instant.parse("2026-11-02T10:00:00Z");
        List<String> seen = write(tx -> {
            List<String> s = new ArrayList<>();
            s.add("holds " + tx.holds().openForPatron(p.id()).size() + "/" + tx.holds().openForBib(b.id()).size());
            org.stackbridge.core.model.Hold h = tx.holds().insert(new org.stackbridge.core.model.Hold(0, p.id(), b.id(), null, "MAIN",
                    at, null, org.stackbridge.core.model.HoldStatus.WAITING, null, null, null));
            s.add("holds " + tx.holds().openForPatron(p.id()).size() + "/" + tx.holds().openForBib(b.id()).size());
            tx.holds().update(h.withStatus(org.stackbridge.core.model.HoldStatus.FILLED));
            s.add("holds " + tx.holds().openForPatron(p.id()).size() + "/" + tx.holds().openForBib(b.id()).size());
            s.add("loan " + tx.loans().openForItem(i.id()).isPresent() + "/" + tx.loans().openForPatron(p.id()).size());
            tx.loans().insert(new org.stackbridge.core.model.Loan(0, i.id(), p.id(), "MAIN", at, at.plusSeconds(86_400), null, 0,
                    org.stackbridge.core.model.Channel.SIP2, "t1"));
            s.add("loan " + tx.loans().openForItem(i.id()).isPresent() + "/" + tx.loans().openForPatron(p.id()).size());
            return s;
        });
        assertEquals(List.of("holds 0/0", "holds 1/1", "holds 0/0", "loan false/0", "loan true/1"), seen);
    }

    @Test
    default void aUnitSeesItsOwnPatronItemAndLoanMarkWritesWhenAskingAgain() {
        Patron p = newPatron("MEMO3");
        org.stackbridge.core.model.BibRecord b = newBib("memo3-bib");
        org.stackbridge.core.model.Item i = write(tx -> tx.items().insert(StoreFixture.item("MEMO3-I", b.id())));
        java.time.Instant at = java.time.Instant.parse("2026-11-02T10:00:00Z");
        List<String> seen = write(tx -> {
            List<String> s = new ArrayList<>();
            s.add(tx.patrons().byBarcode("MEMO3").orElseThrow().name() + "/" + tx.patrons().byId(p.id()).orElseThrow().name());
            tx.patrons().update(p.withName("Renamed"));
            s.add(tx.patrons().byBarcode("MEMO3").orElseThrow().name() + "/" + tx.patrons().byId(p.id()).orElseThrow().name());
            s.add(tx.items().byBarcode("MEMO3-I").orElseThrow().status() + "/" + tx.items().byId(i.id()).orElseThrow().status());
            tx.items().update(new org.stackbridge.core.model.Item(i.id(), i.barcode(), i.bibId(), i.itemType(), i.homeLibrary(),
                    i.currentLibrary(), i.location(), i.callNumber(), i.price(), org.stackbridge.core.model.ItemStatus.MISSING, null, null));
            s.add(tx.items().byBarcode("MEMO3-I").orElseThrow().status() + "/" + tx.items().byId(i.id()).orElseThrow().status());
            s.add("absent " + tx.items().byBarcode("MEMO3-NEW").isPresent());
            tx.items().insert(StoreFixture.item("MEMO3-NEW", b.id()));
            s.add("absent " + tx.items().byBarcode("MEMO3-NEW").isPresent());
            org.stackbridge.core.model.Loan loan = tx.loans().insert(new org.stackbridge.core.model.Loan(0, i.id(), p.id(), "MAIN", at,
                    at.plusSeconds(86_400), null, 0, org.stackbridge.core.model.Channel.SIP2, "t1"));
            s.add("marks " + tx.loanMarks().forLoan(loan.id()).size());
            tx.loanMarks().insert(new org.stackbridge.core.model.LoanMark(loan.id(), i.id(), p.id(),
                    org.stackbridge.core.model.LoanMark.Kind.values()[0], at, "staff", null, null));
            s.add("marks " + tx.loanMarks().forLoan(loan.id()).size());
            return s;
        });
        assertEquals(List.of(p.name() + "/" + p.name(), "Renamed/Renamed", "AVAILABLE/AVAILABLE", "MISSING/MISSING", "absent false",
                "absent true", "marks 0", "marks 1"), seen);
    }

    @Test
    default void aRolledBackUnitLeavesNoPatronOrItemRememberedForTheNext() throws Exception {
        Patron p = newPatron("MEMO4");
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Object> blocker = blockWriter(release);
        // Both queue behind the blocker, so they run in one batch: the first renames, reads and rolls back.
        CompletableFuture<String> failing = storage().write(tx -> {
            tx.patrons().update(p.withName("Gone"));
            tx.patrons().byBarcode("MEMO4");
            throw new IllegalStateException("refused after asking");
        });
        CompletableFuture<String> next = storage().write(tx -> tx.patrons().byBarcode("MEMO4").orElseThrow().name());
        release.countDown();
        StoreFixture.await(blocker);
        assertInstanceOf(IllegalStateException.class, StoreFixture.failureOf(failing));
        assertEquals(p.name(), StoreFixture.await(next));
    }

    @Test
    default void aSavedLibraryIsSeenAtOnceAndAChangeBehindThePortsOnceTheSettingsChanged() {
        write(tx -> {
            tx.libraries().save(org.stackbridge.core.model.Library.of("LC1", "Alpha"));
            return null;
        });
        assertEquals("Alpha", read(tx -> tx.libraries().find("LC1").orElseThrow().name()));
        assertEquals("Alpha", write(tx -> tx.libraries().find("LC1").orElseThrow().name()));
        write(tx -> {
            tx.libraries().save(org.stackbridge.core.model.Library.of("LC1", "Beta"));
            return null;
        });
        assertEquals("Beta", read(tx -> tx.libraries().find("LC1").orElseThrow().name()), "a reader sees the saved library at once");
        assertEquals("Beta", write(tx -> tx.libraries().find("LC1").orElseThrow().name()), "so does the writer");
        // another gateway or the command line changes it: kept in memory until the settings revision says so
        write(tx -> ((JdbcStoreTx) tx).sql().update("UPDATE library SET name = ? WHERE code = ?", "Gamma", "LC1"));
        assertEquals("Beta", read(tx -> tx.libraries().find("LC1").orElseThrow().name()), "served from memory");
        storage().settingsChanged();
        assertEquals("Gamma", read(tx -> tx.libraries().find("LC1").orElseThrow().name()));
        assertEquals("Gamma", write(tx -> tx.libraries().find("LC1").orElseThrow().name()));
    }

    @Test
    default void aRolledBackUnitLeavesNothingRememberedForTheNext() throws Exception {
        Patron p = newPatron("MEMO2");
        org.stackbridge.core.model.BibRecord b = newBib("memo2-bib");
        java.time.Instant at = java.time.Instant.parse("2026-11-02T10:00:00Z");
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Object> blocker = blockWriter(release);
        // Both queue behind the blocker, so they run in one batch: the first fills the memo and rolls back.
        CompletableFuture<Integer> failing = storage().write(tx -> {
            tx.holds().insert(new org.stackbridge.core.model.Hold(0, p.id(), b.id(), null, "MAIN", at, null,
                    org.stackbridge.core.model.HoldStatus.WAITING, null, null, null));
            tx.holds().openForPatron(p.id());
            throw new IllegalStateException("refused after asking");
        });
        CompletableFuture<Integer> next = storage().write(tx -> tx.holds().openForPatron(p.id()).size());
        release.countDown();
        StoreFixture.await(blocker);
        assertInstanceOf(IllegalStateException.class, StoreFixture.failureOf(failing));
        assertEquals(0, StoreFixture.await(next));
    }

    @Test
    default void aUnitThatSwallowsADatabaseErrorStillFails() {
        Throwable failure = writeFailure(tx -> {
            tx.bibs().insert(StoreFixture.bib("kept?"));
            try {
                tx.patrons().insert(StoreFixture.patron("X".repeat(100)));
            } catch (RuntimeException swallowed) {
                // a careless unit carries on after a database error
            }
            return "ok";
        });
        assertInstanceOf(JdbcStorageException.class, failure);
        assertTrue(read(tx -> tx.bibs().byControlNumber("kept?")).isEmpty());
    }

    @Test
    default void aFutureCompletesOnlyOnceOtherConnectionsSeeTheCommit() {
        List<CompletableFuture<Boolean>> seen = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String barcode = "V" + i;
            seen.add(storage().write(tx -> tx.patrons().insert(StoreFixture.patron(barcode)))
                    .thenApply(p -> visibleFromOutside(p.barcode())));
        }
        seen.forEach(f -> assertTrue(StoreFixture.await(f), "acknowledged write not visible to another connection"));
    }

    private boolean visibleFromOutside(String barcode) {
        JdbcSettings s = storage().settings();
        try (Connection c = DriverManager.getConnection(s.url(), s.user(), s.password());
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM patron WHERE barcode = ?")) {
            ps.setString(1, barcode);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
