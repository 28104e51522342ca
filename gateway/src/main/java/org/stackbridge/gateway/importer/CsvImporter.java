package org.stackbridge.gateway.importer;

import java.io.IOException;
import java.nio.file.Path;

/** A CSV import of one kind (patrons, items): counts into a live report, or makes its own for the command line. */
public interface CsvImporter {

    /** Imports {@code file}, counting into {@code report} as it goes. */
    void run(Path file, ImportReport report) throws IOException;

    /** Imports {@code file} and answers what it did. */
    default ImportReport run(Path file, Progress progress) throws IOException {
        ImportReport report = new ImportReport(file.toString(), "line");
        run(file, report);
        progress.finish();
        return report;
    }
}
