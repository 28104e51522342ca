package org.stackbridge.core.port;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The notices job as the staff API and the command line see it: run it now, list the outbox, fetch a print batch.
 * A run records the notices due, mails the e-mail ones and puts the paper ones in a new print batch.
 */
public interface NoticeRuns {

    /** Runs the job now (every library, whatever the time of day) on the job's own thread, in {@code actor}'s name. */
    CompletionStage<RunResult> run(String actor);

    /** Notices by filter, newest first. Blocks on the storage (not for an event loop). */
    Notices.Page list(Notices.Filter filter, int offset, int limit);

    /** A print batch by id, or the latest with {@code id} null. Blocks on the storage. */
    Optional<Notices.PrintBatch> printBatch(Long id);

    /**
     * What one run did. {@code ran} false: another node holds the job's lease ({@code holder}), nothing was done.
     *
     * @param recorded notices newly recorded in the outbox
     * @param mailed   e-mails delivered
     * @param failed   delivery attempts that failed (retried later, or given up after the last attempt)
     * @param printed  notices placed in the print batch {@code batchId} (null when none)
     */
    record RunResult(boolean ran, String holder, int recorded, int mailed, int failed, int printed, Long batchId) {
    }
}
