package org.stackbridge.gateway.importer;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * The loop every CSV import shares: UTF-8 checked, optional header checked against the expected columns,
 * progress, each row stored by its own transaction with a bounded number in flight, and the report.
 */
final class CsvImport {

    private static final int WINDOW = 256;

    private CsvImport() {
    }

    /**
     * @param store parses one row and starts storing it: returns a future of "added" (true) or "updated"
     *              (false), or null when the row was rejected (it reports why)
     */
    static ImportReport run(Path file, List<String> columns, Progress progress,
                            BiFunction<CsvReader.Row, ImportReport, CompletableFuture<Boolean>> store) throws IOException {
        ImportReport report = new ImportReport(file.toString(), "line");
        long size = Math.max(1, Files.size(file));
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        try (var counting = new CountingInputStream(Files.newInputStream(file));
             CsvReader csv = new CsvReader(new InputStreamReader(counting, decoder))) {
            CsvReader.Row row;
            boolean first = true;
            while ((row = nextRow(csv, report)) != null) {
                progress.at(counting.count() * 100 / size);
                if (first) {
                    first = false;
                    if (row.ok() && !row.fields().isEmpty() && row.fields().get(0).trim().equalsIgnoreCase(columns.get(0))) {
                        if (!row.fields().stream().map(String::trim).toList().equals(columns)) {
                            report.reject(row.line(), "header must be " + String.join(",", columns));
                            return report;
                        }
                        continue;
                    }
                }
                if (!row.ok()) {
                    report.reject(row.line(), row.problem());
                    continue;
                }
                if (row.fields().size() != columns.size()) {
                    report.reject(row.line(), "expected " + columns.size() + " columns (" + String.join(",", columns) + "), found "
                            + row.fields().size());
                    continue;
                }
                CompletableFuture<Boolean> stored = store.apply(row, report);
                if (stored == null) {
                    continue;
                }
                int line = row.line();
                inFlight.add(stored.handle((isNew, e) -> {
                    if (e != null) {
                        report.reject(line, PatronImporter.rootMessage(e));
                    } else if (isNew) {
                        report.added();
                    } else {
                        report.updated();
                    }
                    return null;
                }));
                if (inFlight.size() >= WINDOW) {
                    CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
                    inFlight.clear();
                }
            }
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
        progress.finish();
        return report;
    }

    static CsvReader.Row nextRow(CsvReader csv, ImportReport report) throws IOException {
        try {
            return csv.next();
        } catch (java.nio.charset.CharacterCodingException e) {
            report.reject(0, "file is not valid UTF-8; stopped reading");
            return null;
        }
    }
}
