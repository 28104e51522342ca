package org.stackbridge.core.port;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.Item;
import org.stackbridge.core.model.ItemStatus;
import org.stackbridge.core.model.Patron;

/**
 * What every store contract needs: the store under test, which must be EMPTY at the start of each test,
 * and helpers that run units of work and wait (with a deadline) for their futures.
 */
public interface StoreFixture {

    /** Microsecond precision: what both databases keep. */
    Instant T0 = Instant.parse("2026-03-02T10:15:30.123456Z");
    long WAIT_SECONDS = 30;

    /** The store under test; empty when each test starts. */
    TransactionRunner store();

    default <T> T write(Function<StoreTx, T> work) {
        return await(store().write(work));
    }

    default <T> T read(Function<StoreTx, T> work) {
        return await(store().read(work));
    }

    /** Runs a write that must fail and returns why. */
    default Throwable writeFailure(Function<StoreTx, ?> work) {
        return failureOf(store().write(work));
    }

    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("unit of work failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("no answer within " + WAIT_SECONDS + " s", e);
        }
    }

    static Throwable failureOf(CompletableFuture<?> future) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(WAIT_SECONDS, TimeUnit.SECONDS));
        return e.getCause();
    }

    static Patron patron(String barcode) {
        return new Patron(0, barcode, "pbkdf2$hash", "Patron " + barcode, "ADULT", barcode + "@example.org", "555-0100",
                "1 Main St", LocalDate.of(2030, 1, 31), "MAIN", false);
    }

    static BibRecord bib(String controlNumber) {
        return new BibRecord(0, controlNumber, "Title " + controlNumber, "Author", "9780000000000", "Publisher", "2001",
                new byte[] {'0', '0', '0', '2', '6', 'n', 'a', 'm', ' ', 'a', (byte) 0xC3, (byte) 0xA9});
    }

    static Item item(String barcode, long bibId) {
        return new Item(0, barcode, bibId, "BOOK", "MAIN", "MAIN", "Stacks", "QA76 " + barcode, new BigDecimal("25.00"),
                ItemStatus.AVAILABLE, null, null);
    }

    default Patron newPatron(String barcode) {
        return write(tx -> tx.patrons().insert(patron(barcode)));
    }

    default BibRecord newBib(String controlNumber) {
        return write(tx -> tx.bibs().insert(bib(controlNumber)));
    }

    default Item newItem(String barcode) {
        BibRecord b = newBib("bib-" + barcode);
        return write(tx -> tx.items().insert(item(barcode, b.id())));
    }

    static void expectConflict(Throwable t) {
        if (!(t instanceof StoreConflictException)) {
            fail("expected StoreConflictException, got " + t, t);
        }
    }
}
