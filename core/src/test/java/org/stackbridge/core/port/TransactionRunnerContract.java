package org.stackbridge.core.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.Loan;
import org.stackbridge.core.model.Patron;

/** Transaction semantics every {@link TransactionRunner} must keep, batching or not. */
public interface TransactionRunnerContract extends StoreFixture {

    @Test
    default void writeReturnsItsResultAndReadsSeeItOnceComplete() {
        Patron p = write(tx -> tx.patrons().insert(StoreFixture.patron("P1")));
        assertEquals(p, read(tx -> tx.patrons().byBarcode("P1")).orElseThrow());
    }

    @Test
    default void allPortsInOneUnitSeeTheSameUncommittedState() {
        long loans = write(tx -> {
            Patron p = tx.patrons().insert(StoreFixture.patron("P1"));
            BibRecord b = tx.bibs().insert(StoreFixture.bib("b1"));
            Item i = tx.items().insert(StoreFixture.item("I1", b.id()));
            tx.loans().insert(LoansContract.open(i, p));
            return (long) tx.loans().openForPatron(tx.patrons().byBarcode("P1").orElseThrow().id()).size();
        });
        assertEquals(1L, loans);
    }

    @Test
    default void aUnitThatThrowsLeavesNoTraceAndFailsWithItsException() {
        IllegalStateException boom = new IllegalStateException("boom");
        Throwable failure = writeFailure(tx -> {
            tx.patrons().insert(StoreFixture.patron("P1"));
            tx.bibs().insert(StoreFixture.bib("b1"));
            throw boom;
        });
        assertEquals(boom, failure);
        assertTrue(read(tx -> tx.patrons().byBarcode("P1")).isEmpty());
        assertEquals(0L, (long) read(tx -> tx.bibs().count()));
    }

    @Test
    default void aConflictRunsTheUnitAgainWithItsEarlierWritesUndone() {
        newPatron("DUP");
        AtomicInteger attempts = new AtomicInteger();
        int result = write(tx -> {
            int n = attempts.incrementAndGet();
            tx.bibs().insert(StoreFixture.bib("try-" + n));
            if (n == 1) {
                tx.patrons().insert(StoreFixture.patron("DUP"));
            }
            return n;
        });
        assertEquals(2, result);
        assertEquals(2, attempts.get());
        assertTrue(read(tx -> tx.bibs().byControlNumber("try-1")).isEmpty());
        assertTrue(read(tx -> tx.bibs().byControlNumber("try-2")).isPresent());
    }

    @Test
    default void aPersistentConflictFailsTheUnitAfterBoundedRetries() {
        newPatron("DUP");
        AtomicInteger attempts = new AtomicInteger();
        Throwable failure = writeFailure(tx -> {
            attempts.incrementAndGet();
            tx.bibs().insert(StoreFixture.bib("never"));
            return tx.patrons().insert(StoreFixture.patron("DUP"));
        });
        StoreFixture.expectConflict(failure);
        assertTrue(attempts.get() >= 2 && attempts.get() <= 10, "attempts: " + attempts.get());
        assertTrue(read(tx -> tx.bibs().byControlNumber("never")).isEmpty());
    }

    @Test
    default void concurrentWritesAllCommitAndAFailingNeighbourTakesNothingWithIt() {
        int n = 200;
        List<CompletableFuture<Patron>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            futures.add(store().write(tx -> {
                Patron p = tx.patrons().insert(StoreFixture.patron("C" + k));
                if (k % 50 == 7) {
                    throw new IllegalArgumentException("unit " + k + " fails");
                }
                return p;
            }));
        }
        int failed = 0;
        for (int i = 0; i < n; i++) {
            if (i % 50 == 7) {
                assertInstanceOf(IllegalArgumentException.class, StoreFixture.failureOf(futures.get(i)));
                failed++;
            } else {
                assertEquals("C" + i, StoreFixture.await(futures.get(i)).barcode());
            }
        }
        List<Patron> all = read(tx -> tx.patrons().page(0, 1_000));
        assertEquals(n - failed, all.size());
        assertEquals(n - failed, all.stream().map(Patron::id).distinct().count());
        assertTrue(all.stream().noneMatch(p -> p.barcode().equals("C7") || p.barcode().equals("C57")));
    }

    @Test
    default void concurrentUnitsLendingOneItemMakeExactlyOneLoan() {
        Patron p = newPatron("P1");
        Item item = newItem("I1");
        List<CompletableFuture<Boolean>> futures = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            futures.add(store().write(tx -> {
                if (tx.loans().openForItem(item.id()).isPresent()) {
                    return false;
                }
                tx.loans().insert(LoansContract.open(item, p));
                return true;
            }));
        }
        long lent = futures.stream().map(StoreFixture::await).filter(Boolean::booleanValue).count();
        assertEquals(1, lent);
        List<Loan> open = read(tx -> tx.loans().openForPatron(p.id()));
        assertEquals(1, open.size());
    }

    @Test
    default void aFailedReadFailsItsFuture() {
        IllegalStateException boom = new IllegalStateException("read boom");
        Throwable failure = StoreFixture.failureOf(store().read(tx -> {
            tx.patrons().byBarcode("x");
            throw boom;
        }));
        assertEquals(boom, failure);
    }

    @Test
    default void workRunsOffTheCallersThread() {
        Thread caller = Thread.currentThread();
        assertNotSame(caller, read(tx -> Thread.currentThread()));
        assertNotSame(caller, write(tx -> Thread.currentThread()));
    }
}
