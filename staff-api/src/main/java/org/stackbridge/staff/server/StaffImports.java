package org.stackbridge.staff.server;

import org.stackbridge.core.port.ImportJobs;
import org.stackbridge.staff.problem.ProblemException;

/** The import jobs the API submits to; a gateway without them answers 503. */
public final class StaffImports {

    private final ImportJobs jobs;

    public StaffImports(ImportJobs jobs) {
        this.jobs = jobs;
    }

    public ImportJobs jobs() {
        if (jobs == null) {
            throw ProblemException.of(503, "imports-unavailable", "Service Unavailable", "This gateway runs no import jobs.");
        }
        return jobs;
    }

    /** The largest import body, or 0 without import jobs. */
    long maxBodyBytes() {
        return jobs == null ? 0 : jobs.maxBodyBytes();
    }
}
