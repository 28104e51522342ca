package org.stackbridge.gateway.importer;

import java.util.ArrayList;
import java.util.List;
import org.stackbridge.core.port.ImportJobs;

/**
 * What an import did, live while it runs: lines (or records) read, counts, warnings, and every rejected line with its
 * number and reason (the first {@link ImportJobs#MAX_LISTED_REJECTIONS} listed, all counted). Thread-safe: the import
 * job's status page reads it while the import writes it.
 */
public final class ImportReport {

    public static final int MAX_LISTED_ERRORS = ImportJobs.MAX_LISTED_REJECTIONS;

    private final String file;
    private final String unit;
    private long read;
    private int added;
    private int updated;
    private int unchanged;
    private int rejected;
    private final List<ImportJobs.Rejection> rejections = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    public ImportReport(String file, String unit) {
        this.file = file;
        this.unit = unit;
    }

    /** One more line (or record) read from the input. */
    public synchronized void read() {
        read++;
    }

    public synchronized void added() {
        added++;
    }

    public synchronized void updated() {
        updated++;
    }

    public synchronized void unchanged() {
        unchanged++;
    }

    /** Something noticed without rejecting a line (said once, e.g. an unknown column). */
    public synchronized void warn(String warning) {
        if (!warnings.contains(warning)) {
            warnings.add(warning);
        }
    }

    /** Records a rejected row; {@code where} is a line or record number (0: the file as a whole). */
    public synchronized void reject(long where, String reason) {
        rejected++;
        if (rejections.size() < MAX_LISTED_ERRORS) {
            rejections.add(new ImportJobs.Rejection(where, reason));
        }
    }

    public synchronized long readCount() {
        return read;
    }

    public synchronized int unchangedCount() {
        return unchanged;
    }

    public synchronized int addedCount() {
        return added;
    }

    public synchronized int updatedCount() {
        return updated;
    }

    public synchronized int rejectedCount() {
        return rejected;
    }

    public synchronized List<ImportJobs.Rejection> rejections() {
        return List.copyOf(rejections);
    }

    public synchronized List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Rejections as {@code FILE:line N: reason}, in the order found. */
    public synchronized List<String> errors() {
        return rejections.stream().map(r -> file + ":" + unit + " " + r.line() + ": " + r.reason()).toList();
    }

    public synchronized String summary() {
        return file + ": " + added + " added, " + updated + " updated, " + (unchanged > 0 ? unchanged + " unchanged, " : "")
                + rejected + " rejected"
                + (rejected > rejections.size() ? " (first " + rejections.size() + " listed)" : "");
    }
}
