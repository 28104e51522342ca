package org.stackbridge.gateway.importer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.stackbridge.core.port.StoreTx;
import org.stackbridge.core.port.TransactionRunner;

/**
 * The loop every CSV import shares: the header checked (required columns present, unknown ones warned about once),
 * each row parsed and prepared (possibly in parallel, e.g. PIN hashing), a barcode repeated within the file rejected,
 * and the prepared rows written in file order, a batch per transaction. A batch that fails as a whole is written
 * again row by row, so one bad row costs only itself.
 */
final class CsvImport {

    private CsvImport() {
    }

    /** The columns a kind of CSV knows, and those it cannot do without. */
    record Columns(List<String> known, List<String> required) {
    }

    /** What a row's write did. */
    enum Change { ADDED, UPDATED, UNCHANGED }

    /** A row written ({@code change}) or rejected inside its transaction ({@code rejection}, nothing written). */
    record Written(Change change, String rejection) {
        static Written of(Change change) {
            return new Written(change, null);
        }

        static Written rejected(String reason) {
            return new Written(null, reason);
        }
    }

    /** How one kind of row is parsed and stored. */
    interface RowStore<T> {
        /** Parses and checks a row: the prepared value (maybe still being computed), or null when it is rejected (reported). */
        CompletableFuture<T> prepare(CsvRows.Row row, ImportReport report);

        /** Stores a prepared row in {@code tx}; rejects it without writing when the stored state forbids it. */
        Written write(StoreTx tx, T row, long line);
    }

    /** The file cannot be imported at all (a missing column); the message says why. */
    static final class ImportFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ImportFailed(String message) {
            super(message, null, false, false);
        }
    }

    private record Pending<T>(long line, CompletableFuture<T> prepared) {
    }

    static <T> void run(Path file, Columns columns, ImportReport report, TransactionRunner storage, int batchSize, RowStore<T> store)
            throws IOException {
        Deque<Pending<T>> pending = new ArrayDeque<>();
        Map<String, Long> barcodes = new HashMap<>();
        CsvRows.read(file, new CsvRows.Handler() {
            @Override
            public boolean header(List<String> names, long line) {
                List<String> missing = CsvRows.missing(names, columns.required());
                if (!missing.isEmpty()) {
                    throw new ImportFailed("line " + line + ": the header has no column " + String.join(", ", missing)
                            + " (columns: " + String.join(",", columns.known()) + "; the first line must name them)");
                }
                List<String> unknown = names.stream().filter(n -> !columns.known().contains(n)).distinct().toList();
                if (!unknown.isEmpty()) {
                    report.warn("unknown column" + (unknown.size() == 1 ? " " : "s ") + String.join(", ", unknown)
                            + " ignored (known: " + String.join(",", columns.known()) + ")");
                }
                return true;
            }

            @Override
            public void row(CsvRows.Row row) {
                report.read();
                if (row.problem() != null) {
                    report.reject(row.line(), row.problem());
                    return;
                }
                String barcode = row.get("barcode").strip();
                if (!barcode.isEmpty()) {
                    Long first = barcodes.putIfAbsent(barcode, row.line());
                    if (first != null) {
                        report.reject(row.line(), "barcode " + barcode + " is repeated: line " + first + " has it already (only that line is imported)");
                        return;
                    }
                }
                CompletableFuture<T> prepared = store.prepare(row, report);
                if (prepared != null) {
                    pending.add(new Pending<>(row.line(), prepared));
                    if (pending.size() >= 2 * batchSize) {
                        writeBatch(pending, batchSize, report, storage, store);
                    }
                }
            }
        });
        while (!pending.isEmpty()) {
            writeBatch(pending, batchSize, report, storage, store);
        }
    }

    private record Ready<T>(long line, T value) {
    }

    /** Writes the first {@code batchSize} pending rows (waiting for their preparation) in one transaction. */
    private static <T> void writeBatch(Deque<Pending<T>> pending, int batchSize, ImportReport report, TransactionRunner storage,
                                       RowStore<T> store) {
        List<Ready<T>> batch = new ArrayList<>(batchSize);
        while (batch.size() < batchSize && !pending.isEmpty()) {
            Pending<T> p = pending.poll();
            try {
                batch.add(new Ready<>(p.line(), p.prepared().join()));
            } catch (CompletionException | java.util.concurrent.CancellationException e) {
                report.reject(p.line(), rootMessage(e));
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        List<Written> written;
        try {
            written = storage.write(tx -> {
                List<Written> out = new ArrayList<>(batch.size());
                for (Ready<T> r : batch) {
                    out.add(store.write(tx, r.value(), r.line()));
                }
                return out;
            }).join();
        } catch (RuntimeException batchFailed) {
            // find the row that failed: each row on its own
            written = new ArrayList<>(batch.size());
            for (Ready<T> r : batch) {
                try {
                    written.add(storage.write(tx -> store.write(tx, r.value(), r.line())).join());
                } catch (RuntimeException e) {
                    written.add(Written.rejected("not stored: " + rootMessage(e)));
                }
            }
        }
        for (int i = 0; i < batch.size(); i++) {
            Written w = written.get(i);
            if (w.rejection() != null) {
                report.reject(batch.get(i).line(), w.rejection());
            } else {
                switch (w.change()) {
                    case ADDED -> report.added();
                    case UPDATED -> report.updated();
                    case UNCHANGED -> report.unchanged();
                }
            }
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }
}
