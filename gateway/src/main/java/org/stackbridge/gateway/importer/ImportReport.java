package org.stackbridge.gateway.importer;

import java.util.ArrayList;
import java.util.List;

/** What an import did: counts and every rejected row with file, line (or record number) and reason. */
public final class ImportReport {

    public static final int MAX_LISTED_ERRORS = 10_000;

    private final String file;
    private final String unit;
    private int added;
    private int updated;
    private int unchanged;
    private int rejected;
    private final List<String> errors = new ArrayList<>();

    public ImportReport(String file, String unit) {
        this.file = file;
        this.unit = unit;
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

    public synchronized int unchangedCount() {
        return unchanged;
    }

    /** Records a rejected row; {@code where} is a line or record number. */
    public synchronized void reject(int where, String reason) {
        rejected++;
        if (errors.size() < MAX_LISTED_ERRORS) {
            errors.add(file + ":" + unit + " " + where + ": " + reason);
        }
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

    public synchronized List<String> errors() {
        return List.copyOf(errors);
    }

    public synchronized String summary() {
        return file + ": " + added + " added, " + updated + " updated, " + (unchanged > 0 ? unchanged + " unchanged, " : "")
                + rejected + " rejected"
                + (rejected > errors.size() ? " (first " + errors.size() + " listed)" : "");
    }
}
