package org.stackbridge.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.core.command.Commands;
import org.stackbridge.core.command.HistoryCommands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.outcome.HistoryViews;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.Views;
import org.stackbridge.core.port.CirculationPort;
import org.stackbridge.core.service.LocalCirculationPort;

/**
 * Housekeeping on a timer, as Koha's and Evergreen's cron jobs do: expire holds whose hold-shelf time or
 * not-needed-after date passed (so SIP2 and NCIP stop reporting them as waiting), and drop stored outcomes
 * of keyed requests older than {@code engine.request-key-days}, and, when
 * {@code circulation.anonymise-loan-history-after-days} is set, remove the patron link of loans returned longer ago
 * than that (a page of patrons per transaction; reports still count them). Holds are expired through the command
 * route a page per transaction, so the job never holds the writer for long.
 */
public final class Maintenance implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);
    static final int PAGE = 500;
    /** Patrons whose due loans are anonymised in one transaction. */
    static final int ANONYMISE_PATRONS_PER_PAGE = 100;
    /** Bounds one run even if pages keep coming (they cannot, ids only grow, but a bug must not spin). */
    private static final int MAX_PAGES = 100_000;
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(2);

    private final CirculationPort port;
    private final LocalCirculationPort local;
    private final Counter expired;
    private final Counter purged;
    private final Counter anonymised;
    private int anonymiseAfterDays;
    private ScheduledExecutorService timer;
    /** Null: run on every tick (one node, or a test); else only while this node holds the housekeeping lease. */
    private org.stackbridge.gateway.job.JobLease lease;
    private Runnable afterRun = () -> { };
    private java.util.function.IntSupplier purgeStaffTokens = () -> 0;

    public Maintenance(CirculationPort port, LocalCirculationPort local, MeterRegistry meters) {
        this.port = port;
        this.local = local;
        this.expired = Counter.builder("stackbridge.maintenance.holds.expired").description("holds expired by the expiry job").register(meters);
        this.purged = Counter.builder("stackbridge.maintenance.request.keys.purged")
                .description("stored outcomes of keyed requests dropped after request-key-days").register(meters);
        this.anonymised = Counter.builder("stackbridge.maintenance.loans.anonymised")
                .description("closed loans whose patron link was removed (circulation.anonymise-loan-history-after-days)").register(meters);
    }

    /**
     * Each run also anonymises the loans returned more than {@code days} days ago (core's {@code LoanHistoryPolicy});
     * 0 (the default) keeps every patron link. Set before {@link #start}.
     */
    public Maintenance anonymiseLoanHistoryAfterDays(int days) {
        this.anonymiseAfterDays = days;
        return this;
    }

    /**
     * Runs only on the node holding {@code lease} (issue #16: several gateways on one database run housekeeping once),
     * and calls {@code afterRun} after every tick on every node (the notices job, which has its own lease).
     */
    public Maintenance withLease(org.stackbridge.gateway.job.JobLease housekeeping, Runnable after) {
        this.lease = housekeeping;
        this.afterRun = after;
        return this;
    }

    /** Each run also removes the expired staff API tokens from the database ({@code purge} answers how many). */
    public Maintenance purgingStaffTokens(java.util.function.IntSupplier purge) {
        this.purgeStaffTokens = purge;
        return this;
    }

    /** Runs every {@code interval}, the first run one minute after start (0 = never). */
    public Maintenance start(Duration interval) {
        if (interval.isZero()) {
            LOG.info("maintenance job disabled (engine.maintenance-minutes: 0)");
            return this;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "maintenance");
            t.setDaemon(true);
            return t;
        });
        long period = interval.toMillis();
        timer.scheduleWithFixedDelay(this::runQuietly, Math.min(period, 60_000), period, TimeUnit.MILLISECONDS);
        return this;
    }

    private void runQuietly() {
        try {
            if (lease == null || lease.acquire()) {
                runOnce();
            } else {
                LOG.debug("maintenance: another node holds the housekeeping lease");
            }
        } catch (RuntimeException e) {
            // the next run tries again; a failed page changed nothing
            LOG.warn("maintenance run failed", e);
        }
        try {
            afterRun.run();
        } catch (RuntimeException e) {
            LOG.warn("after maintenance", e);
        }
    }

    /** One full run; returns what it did. Blocks the calling thread (never call it on an event loop). */
    public Result runOnce() {
        RequestContext ctx = RequestContext.of(Channel.SYSTEM, "maintenance", null);
        long after = 0;
        int examined = 0;
        int expiredNow = 0;
        for (int page = 0; page < MAX_PAGES; page++) {
            Outcome<Views.HoldsExpired> out = join(port.execute(new Commands.ExpireHolds(ctx, after, PAGE)));
            if (!(out instanceof Outcome.Success<Views.HoldsExpired> ok)) {
                throw new IllegalStateException("hold expiry refused: " + ((Outcome.Refused<?>) out).message());
            }
            Views.HoldsExpired r = ok.result();
            examined += r.examined();
            expiredNow += r.expired();
            after = r.lastId();
            if (r.done()) {
                break;
            }
        }
        int keys = join(local.purgeExpiredRequestKeys());
        int loans = anonymiseAfterDays > 0 ? anonymiseLoanHistory(ctx) : 0;
        int tokens = purgeStaffTokens.getAsInt();
        if (tokens > 0) {
            LOG.info("maintenance: {} expired staff API tokens removed", tokens);
        }
        expired.increment(expiredNow);
        purged.increment(keys);
        anonymised.increment(loans);
        if (expiredNow > 0 || keys > 0 || loans > 0) {
            LOG.info("maintenance: {} of {} open holds expired, {} stored request outcomes purged, {} closed loans anonymised",
                    expiredNow, examined, keys, loans);
        }
        return new Result(examined, expiredNow, keys, loans);
    }

    private static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("maintenance step failed: " + e, e);
        }
    }

    /** Anonymises the closed loans due, a page of patrons per transaction; returns how many loans. */
    private int anonymiseLoanHistory(RequestContext ctx) {
        long after = 0;
        int loans = 0;
        for (int page = 0; page < MAX_PAGES; page++) {
            Outcome<HistoryViews.LoanHistoryAnonymised> out = join(port.execute(
                    new HistoryCommands.AnonymiseLoanHistory(ctx, anonymiseAfterDays, after, ANONYMISE_PATRONS_PER_PAGE)));
            if (!(out instanceof Outcome.Success<HistoryViews.LoanHistoryAnonymised> ok)) {
                throw new IllegalStateException("loan-history anonymisation refused: " + ((Outcome.Refused<?>) out).message());
            }
            loans += ok.result().loans();
            after = ok.result().lastPatronId();
            if (ok.result().done()) {
                break;
            }
        }
        return loans;
    }

    public record Result(int holdsExamined, int holdsExpired, int requestKeysPurged, int loansAnonymised) {
        public Result(int holdsExamined, int holdsExpired, int requestKeysPurged) {
            this(holdsExamined, holdsExpired, requestKeysPurged, 0);
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
