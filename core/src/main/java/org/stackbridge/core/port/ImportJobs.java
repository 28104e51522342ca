package org.stackbridge.core.port;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.stackbridge.core.command.RequestContext;

/**
 * Bulk imports run as jobs on the running gateway: patrons and items from CSV, bibliographic records from MARC
 * (ISO 2709 or MARCXML). A submitted job is queued and run on a bounded pool, never on a network thread; its state,
 * progress and every rejected line (up to {@link #MAX_LISTED_REJECTIONS}, with the total) can be read while it runs.
 * The staff API and the command line submit the same jobs.
 */
public interface ImportJobs {

    /** Rejected lines listed per job; the count goes on beyond it. */
    int MAX_LISTED_REJECTIONS = 1_000;

    /** What a job imports. */
    enum Kind {
        PATRONS("line"), ITEMS("line"), BIBLIOS("record");

        private final String unit;

        Kind(String unit) {
            this.unit = unit;
        }

        /** What a rejection's position counts: CSV lines or MARC records. */
        public String unit() {
            return unit;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Kind> parse(String text) {
            for (Kind k : values()) {
                if (k.label().equalsIgnoreCase(text == null ? "" : text.strip())) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    enum State {
        QUEUED, RUNNING, DONE, FAILED;

        public boolean finished() {
            return this == DONE || this == FAILED;
        }
    }

    /** One rejected line (CSV) or record (MARC), counted from 1, and why. */
    record Rejection(long line, String reason) {
    }

    /**
     * A job as it stands now.
     *
     * @param read       lines or records read so far (the header line not counted)
     * @param rejections the first {@link #MAX_LISTED_REJECTIONS} rejected lines; {@code rejected} counts them all
     * @param warnings   things the import noticed without rejecting a line (e.g. an unknown column, reported once)
     * @param error      why a {@link State#FAILED} job stopped (the file could not be read at all); null otherwise
     */
    record Job(String id, Kind kind, State state, String actor, String source, Instant submittedAt, Instant startedAt,
               Instant finishedAt, long read, long added, long updated, long unchanged, long rejected,
               List<Rejection> rejections, List<String> warnings, String error) {

        public Job {
            rejections = List.copyOf(rejections);
            warnings = List.copyOf(warnings);
        }

        /** Lines or records taken: added, updated or found unchanged. */
        public long accepted() {
            return added + updated + unchanged;
        }
    }

    /** A submission the gateway cannot take; {@code tooLarge} when the body is over {@link #maxBodyBytes()}. */
    final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean tooLarge;

        public Refused(String message, boolean tooLarge) {
            super(message, null, false, false);
            this.tooLarge = tooLarge;
        }

        public boolean tooLarge() {
            return tooLarge;
        }
    }

    /**
     * Queues a job reading {@code body} (read here, before this returns; the caller closes it).
     *
     * @param who    who submits it: its actor and channel go into the event log with every change the job makes
     * @param source a name for the input (a file name) shown in the job; may be null
     * @throws Refused when the queue is full or the body is larger than {@link #maxBodyBytes()}
     */
    Job submit(Kind kind, RequestContext who, String source, InputStream body);

    Optional<Job> find(String id);

    /** The most recent jobs, newest first, at most {@code limit}, after skipping {@code offset}. */
    List<Job> recent(int offset, int limit);

    /** The largest body a job takes. */
    long maxBodyBytes();
}
