package org.stackbridge.gateway.notice;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.core.command.PatronCommands;
import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.model.BlockType;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.FeeType;
import org.stackbridge.core.model.Library;
import org.stackbridge.core.notice.NoticeChannel;
import org.stackbridge.core.notice.NoticePolicy;
import org.stackbridge.core.notice.NoticeType;
import org.stackbridge.core.policy.CirculationRule;
import org.stackbridge.core.policy.Fines;
import org.stackbridge.core.policy.PolicyTable;
import org.stackbridge.core.port.CirculationPort;
import org.stackbridge.core.port.NoticeRuns;
import org.stackbridge.core.port.Notices;
import org.stackbridge.core.port.StoreTx;
import org.stackbridge.core.port.TransactionRunner;
import org.stackbridge.gateway.job.JobLease;
import org.stackbridge.gateway.config.NoticesConfig;

/**
 * The notices job. A run, on its own thread and only while this node holds the {@code notices} lease: (1) reads
 * what is due (loans, holds on the shelf, fees, ILL arrivals, cards), asks {@link NoticePolicy} what each patron gets
 * and how, renders it, and records each new notice in the outbox with its Message-ID (nothing is sent yet); (2)
 * mails the pending e-mail notices one by one: claim, send, mark sent; a failed send is retried later with back-off
 * and shown as failed after the last attempt; (3) puts the pending paper notices in a new print batch (one PDF, one
 * page per patron) and marks them sent in the same transaction. A crash between a send and its mark leaves that one
 * notice claimed; once the claim expires the next run sends it again with the same Message-ID; nothing else is sent
 * twice and nothing is skipped, because recording comes first.
 *
 * <p>Scheduled runs come from the housekeeping timer and act only for libraries inside their sending window
 * ({@code send-time} to {@code send-until}, library local time); on-demand runs act for all.
 */
public final class NoticeJob implements NoticeRuns, AutoCloseable {

    public static final String JOB = "notices";
    private static final Logger LOG = LoggerFactory.getLogger(NoticeJob.class);
    private static final int PAGE = 500;
    private static final int MAIL_PAGE = 100;
    private static final int MAX_PRINT = 10_000;
    private static final Duration STEP = Duration.ofMinutes(2);

    private final TransactionRunner storage;
    private final CirculationPort port;
    private final Clock clock;
    private final NoticesConfig config;
    private final NoticePolicy policy;
    /** Replaced by a configuration reload; a notice is rendered with the templates in force when it is. */
    private volatile NoticeTemplates templates;
    private final NoticeMailer mailer;
    private final Supplier<PolicyTable> rules;
    private final JobLease lease;
    private final String domain;
    private final String currency;
    private final ExecutorService thread;
    private final AtomicBoolean scheduledQueued = new AtomicBoolean();

    /** {@code mailer} null: no SMTP server; every notice goes to the print batch. */
    public NoticeJob(TransactionRunner storage, CirculationPort port, Clock clock, NoticesConfig config, NoticeTemplates templates,
                     NoticeMailer mailer, Supplier<PolicyTable> rules, String node, String currency) {
        this.currency = currency;
        this.storage = storage;
        this.port = port;
        this.clock = clock;
        this.config = config;
        this.policy = new NoticePolicy(config.settings());
        this.templates = templates;
        this.mailer = mailer;
        this.rules = rules;
        this.lease = new JobLease(storage, clock, JOB, node, Duration.ofSeconds(config.leaseSeconds()));
        int at = config.from().lastIndexOf('@');
        this.domain = at < 0 ? "stackbridge.invalid" : config.from().substring(at + 1).replace(">", "").strip();
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "notices");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The job as the configuration says (templates from {@code notices.templates} beside the configuration file,
     * checked now; SMTP if a host is set, passed through {@code mailerHook}, which tests use to fail deliveries).
     */
    public static NoticeJob create(org.stackbridge.gateway.config.ConfigLoader.Loaded loaded, TransactionRunner storage,
                                   CirculationPort port, Clock clock, Supplier<PolicyTable> rules, String node,
                                   java.util.function.UnaryOperator<NoticeMailer> mailerHook) {
        NoticesConfig nc = loaded.config().notices();
        NoticeTemplates templates = NoticeTemplates.load(templateDirectory(loaded));
        NoticeMailer mailer = nc.smtp().configured() ? new SmtpNoticeMailer(nc.smtp(), nc.from())
                : nc.mailsToFolder() ? new FolderNoticeMailer(mailFolder(loaded), nc.from()) : null;
        return new NoticeJob(storage, port, clock, nc, templates, mailer == null ? null : mailerHook.apply(mailer), rules, node,
                loaded.config().engine().currency());
    }

    /** {@code notices.mail-folder}, relative to the data directory. */
    public static java.nio.file.Path mailFolder(org.stackbridge.gateway.config.ConfigLoader.Loaded loaded) {
        return java.nio.file.Path.of(loaded.config().dataDir()).resolve(loaded.config().notices().mailFolder());
    }

    /**
     * Where {@code notices.templates} points: relative to the configuration file's folder; without a configuration file
     * (tests, the demo) a relative directory means the built-in templates (null).
     */
    public static java.nio.file.Path templateDirectory(org.stackbridge.gateway.config.ConfigLoader.Loaded loaded) {
        NoticesConfig nc = loaded.config().notices();
        return loaded.directory() == null ? (java.nio.file.Path.of(nc.templates()).isAbsolute()
                ? java.nio.file.Path.of(nc.templates()) : null) : loaded.directory().resolve(nc.templates());
    }

    /** Renders from {@code reloaded} from now on (a configuration reload; they were checked when loaded). */
    public void templates(NoticeTemplates reloaded) {
        this.templates = java.util.Objects.requireNonNull(reloaded, "reloaded");
    }

    @Override
    public CompletionStage<RunResult> run(String actor) {
        return CompletableFuture.supplyAsync(() -> runOnce(actor, false), thread);
    }

    /** A scheduled run (from housekeeping), unless one is waiting already; libraries outside their window wait. */
    public void scheduled() {
        if (!config.enabled() || !scheduledQueued.compareAndSet(false, true)) {
            return;
        }
        thread.execute(() -> {
            scheduledQueued.set(false);
            try {
                runOnce("notices", true);
            } catch (RuntimeException e) {
                // the next run tries again: everything recorded stays recorded
                LOG.warn("notices run failed", e);
            }
        });
    }

    @Override
    public Notices.Page list(Notices.Filter filter, int offset, int limit) {
        return storage.read(tx -> tx.notices().list(filter, offset, limit)).join();
    }

    @Override
    public Optional<Notices.PrintBatch> printBatch(Long id) {
        return storage.read(tx -> tx.notices().batch(id)).join();
    }

    /** Whether e-mail goes out (an SMTP host is configured). */
    public boolean mails() {
        return mailer != null;
    }

    /**
     * One run on the calling thread. {@code scheduled}: only for libraries inside their sending window now; else for
     * all.
     */
    public RunResult runOnce(String actor, boolean scheduled) {
        if (!lease.acquire()) {
            String holder = lease.holder().orElse("another node");
            LOG.info("notices: not run here, {} holds the job", holder);
            return new RunResult(false, holder, 0, 0, 0, 0, null);
        }
        try {
            Map<String, Library> libs = new HashMap<>();
            for (Library l : join(storage.read(tx -> tx.libraries().all()))) {
                libs.put(l.code(), l);
            }
            Predicate<String> open = code -> code == null || !scheduled || inWindow(code, libs.get(code));
            int recorded = collect(actor, libs, open);
            int[] mail = mailer == null ? new int[] {0, 0} : deliver(open);
            Printed printed = print(open);
            if (recorded + mail[0] + mail[1] + printed.count() > 0) {
                LOG.info("notices: {} recorded, {} mailed, {} failed attempts, {} printed", recorded, mail[0], mail[1], printed.count());
            }
            return new RunResult(true, lease.node(), recorded, mail[0], mail[1], printed.count(), printed.batchId());
        } finally {
            lease.release();
        }
    }

    private boolean inWindow(String library, Library known) {
        LocalTime now = LocalTime.ofInstant(clock.instant(), zone(known));
        LocalTime[] w = config.window(library);
        return !now.isBefore(w[0]) && now.isBefore(w[1]);
    }

    // ------------------------------------------------------------------ recording

    /** A notice due: its key, and how to render it (only done when the key is not recorded yet). */
    private record Candidate(String key, NoticeType type, String subjectRef, String patronBarcode,
                             Supplier<Notices.NewNotice> render) {
    }

    private int collect(String actor, Map<String, Library> libs, Predicate<String> open) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        int n = 0;
        Instant horizon = policy.preDueHorizon(now);
        n += pages(tx -> (after) -> tx.notices().openLoansDueBefore(horizon, after, PAGE), Notices.LoanFact::loanId, f -> {
            if (!open.test(f.library())) {
                return List.of();
            }
            if (policy.preDue(f.dueAt(), now)) {
                return candidate(NoticeType.PRE_DUE, f.patron(), "loan:" + f.loanId() + ":" + f.dueAt(), f.library(), libs,
                        c -> c.item(f.title(), f.itemBarcode(), date(f.dueAt(), libs.get(f.library())), ""));
            }
            CirculationRule rule = rules.get().resolve(f.library(), f.category(), f.itemType()).rule();
            OptionalInt level = policy.overdueLevel(f.dueAt(), now, rule == null ? null : rule.overdueNoticeDays());
            if (level.isEmpty()) {
                return List.of();
            }
            Library lib = libs.getOrDefault(f.library(), Library.of(f.library(), f.library()));
            String fine = Fines.overdueFine(f.dueAt(), now, rule, lib).toPlainString() + " " + currency();
            return candidate(NoticeType.overdue(level.getAsInt()), f.patron(), "loan:" + f.loanId() + ":" + level.getAsInt(),
                    f.library(), libs, c -> c.item(f.title(), f.itemBarcode(), date(f.dueAt(), lib), fine));
        }, actor);
        n += pages(tx -> (after) -> tx.notices().holdsOnShelf(after, PAGE), Notices.HoldFact::holdId, f -> {
            if (!open.test(f.pickupLibrary())) {
                return List.of();
            }
            List<Candidate> out = new ArrayList<>();
            Function<NoticeContext, NoticeContext> ctx = c -> c.item(f.title(), f.itemBarcode(), "", "")
                    .hold(name(libs, f.pickupLibrary()), f.lastShelfDay() == null ? "" : f.lastShelfDay().toString());
            // an interlibrary loan on the shelf has its own notice, which names the pickup library: one message, not two
            boolean saidByIllNotice = f.interlibraryLoan() && policy.enabled(NoticeType.ILL_ARRIVED);
            if (policy.enabled(NoticeType.HOLD_READY) && !saidByIllNotice) {
                out.addAll(candidate(NoticeType.HOLD_READY, f.patron(), "hold:" + f.holdId(), f.pickupLibrary(), libs, ctx));
            }
            if (policy.holdExpiring(f.lastShelfDay(), today)) {
                out.addAll(candidate(NoticeType.HOLD_EXPIRING, f.patron(), "hold:" + f.holdId() + ":" + f.lastShelfDay(),
                        f.pickupLibrary(), libs, ctx));
            }
            return out;
        }, actor);
        Instant since = policy.lookback(now);
        n += pages(tx -> (after) -> tx.notices().feesSince(since, after, PAGE), Notices.FeeFact::feeId, f -> {
            NoticeType type = f.type() == FeeType.LOST ? NoticeType.LOST_BILLED : NoticeType.FEE_CHARGED;
            if (!policy.enabled(type) || !open.test(f.patron().homeLibrary())) {
                return List.of();
            }
            return candidate(type, f.patron(), "fee:" + f.feeId(), f.patron().homeLibrary(), libs, c -> {
                if (f.itemBarcode() != null) {
                    c.item(f.title(), f.itemBarcode(), "", "");
                }
                return c.fee(f.type().name().toLowerCase(java.util.Locale.ROOT),
                        f.amount().amount().toPlainString() + " " + f.amount().currency().getCurrencyCode(), f.description());
            });
        }, actor);
        n += pages(tx -> (after) -> tx.notices().illArrivedSince(since, after, PAGE), Notices.IllFact::requestId, f -> {
            String lib = f.pickupLibrary() == null ? f.patron().homeLibrary() : f.pickupLibrary();
            if (!policy.enabled(NoticeType.ILL_ARRIVED) || !open.test(lib)) {
                return List.of();
            }
            return candidate(NoticeType.ILL_ARRIVED, f.patron(), "ill:" + f.requestId(), lib, libs,
                    c -> c.item(f.title(), f.itemBarcode(), "", "").hold(name(libs, lib), ""));
        }, actor);
        if (policy.enabled(NoticeType.MEMBERSHIP_EXPIRING)) {
            LocalDate until = today.plusDays(policy.settings().membershipDays());
            n += pages(tx -> (after) -> tx.notices().cardsExpiring(today, until, after, PAGE), f -> f.patron().patronId(), f -> {
                if (!policy.membershipExpiring(f.expires(), today) || !open.test(f.patron().homeLibrary())) {
                    return List.of();
                }
                return candidate(NoticeType.MEMBERSHIP_EXPIRING, f.patron(), "card:" + f.expires(), f.patron().homeLibrary(), libs,
                        c -> c.card(f.expires().toString()));
            }, actor);
        }
        return n;
    }

    /** Reads facts a page at a time, records the notices they make that are not recorded yet; returns how many. */
    private <F> int pages(Function<StoreTx, Function<Long, List<F>>> read, java.util.function.ToLongFunction<F> id,
                          Function<F, List<Candidate>> make, String actor) {
        int recorded = 0;
        long after = 0;
        while (true) {
            long from = after;
            List<F> facts = join(storage.read(tx -> read.apply(tx).apply(from)));
            if (facts.isEmpty()) {
                return recorded;
            }
            after = id.applyAsLong(facts.get(facts.size() - 1));
            boolean renewed = false;
            List<Candidate> all = new ArrayList<>();
            for (F f : facts) {
                all.addAll(make.apply(f));
            }
            if (!all.isEmpty()) {
                Set<String> known = join(storage.read(tx -> tx.notices().recorded(all.stream().map(Candidate::key).toList())));
                Map<Candidate, Notices.NewNotice> fresh = new java.util.LinkedHashMap<>();
                for (Candidate c : all) {
                    if (!known.contains(c.key())) {
                        fresh.put(c, c.render().get());
                    }
                }
                if (!fresh.isEmpty()) {
                    // one transaction, one batched insert for the page; the lease is renewed in it
                    Set<String> inserted = join(storage.write(tx -> lease.renew(tx)
                            ? tx.notices().recordAll(List.copyOf(fresh.values())) : null));
                    if (inserted == null) {
                        throw new IllegalStateException("lost the notices job lease while recording; the next run goes on");
                    }
                    recorded += inserted.size();
                    for (Candidate c : fresh.keySet()) {
                        if (inserted.contains(c.key()) && policy.blocks(c.type())) {
                            block(actor, c);
                        }
                    }
                    renewed = true;
                }
            }
            if (!renewed && !lease.acquire()) {
                throw new IllegalStateException("lost the notices job lease while recording; the next run goes on");
            }
            if (facts.size() < PAGE) {
                return recorded;
            }
        }
    }

    private void block(String actor, Candidate c) {
        RequestContext ctx = RequestContext.of(Channel.SYSTEM, actor, null);
        var out = join(port.execute(new PatronCommands.PlaceBlock(ctx, c.patronBarcode(), BlockType.OVERDUE_NOTICES, null,
                "with " + c.type().label() + " notice for " + c.subjectRef(), null)));
        LOG.info("notices: patron blocked with the {} notice ({}): {}", c.type().label(), c.subjectRef(), out);
    }

    private List<Candidate> candidate(NoticeType type, Notices.Recipient p, String subject, String library,
                                      Map<String, Library> libs, Function<NoticeContext, NoticeContext> fill) {
        if (!policy.enabled(type)) {
            return List.of();
        }
        Optional<NoticeChannel> channel = policy.channel(p.preference(), p.email(), mailer != null);
        if (channel.isEmpty()) {
            return List.of();
        }
        NoticeChannel via = channel.get();
        String key = NoticePolicy.key(type, p.patronId(), subject);
        return List.of(new Candidate(key, type, subject, p.barcode(), () -> {
            Instant now = clock.instant();
            NoticesConfig.LibraryNotices ln = config.libraries().get(library);
            NoticeContext ctx = new NoticeContext(type.label(), LocalDate.ofInstant(now, zone(libs.get(library))).toString())
                    .patron(p.name(), p.barcode(), p.email(), p.address())
                    .library(library, name(libs, library), ln == null ? "" : ln.address(), ln == null ? "" : ln.openingHours());
            NoticeTemplates.Rendered r = templates.render(type, library, p.language(), fill.apply(ctx).values());
            String messageId = "<" + UUID.randomUUID() + "." + type.label() + "@" + domain + ">";
            return new Notices.NewNotice(key, type, p.patronId(), subject, library, via, via == NoticeChannel.EMAIL ? p.email() : null,
                    messageId, r.subject(), r.text(), r.html(), now);
        }));
    }

    // ------------------------------------------------------------------ delivery

    /**
     * Mails the pending e-mail notices with {@code notices.senders} threads, each over one connection: a sender claims
     * a page of {@code notices.claim-size} notices (renewing the job lease in the same transaction), sends them, and
     * marks them sent (or failed) in the transaction of its next claim, so a page costs one durable write. The page
     * in flight is what a crash may send twice (with the same Message-IDs); the claim keeps every other node off it.
     */
    private int[] deliver(Predicate<String> open) {
        int senders = config.senders();
        AtomicBoolean stop = new AtomicBoolean();
        if (senders == 1) {
            return send(0, 1, open, stop);
        }
        ExecutorService pool = Executors.newFixedThreadPool(senders, r -> {
            Thread t = new Thread(r, "notices-sender");
            t.setDaemon(true);
            return t;
        });
        try {
            List<java.util.concurrent.Future<int[]>> running = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                int part = i;
                running.add(pool.submit(() -> send(part, senders, open, stop)));
            }
            int[] total = {0, 0};
            Throwable first = null;
            for (java.util.concurrent.Future<int[]> f : running) {
                try {
                    int[] one = f.get();
                    total[0] += one[0];
                    total[1] += one[1];
                } catch (java.util.concurrent.ExecutionException e) {
                    first = first == null ? e.getCause() : first;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stop.set(true);
                    throw new IllegalStateException("interrupted", e);
                }
            }
            if (first instanceof Error err) {
                throw err;
            }
            if (first != null) {
                throw first instanceof RuntimeException re ? re : new IllegalStateException(first);
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }

    /** What became of a claimed notice, written with the sender's next claim. */
    private record Settled(long id, Instant sentAt, int attempts, Instant next, String error, boolean unclaim) {
    }

    private static void settle(StoreTx tx, List<Settled> done) {
        for (Settled d : done) {
            if (d.unclaim()) {
                tx.notices().unclaim(d.id());
            } else if (d.sentAt() != null) {
                tx.notices().sent(d.id(), d.sentAt(), null);
            } else {
                tx.notices().failed(d.id(), d.attempts(), d.next(), d.error());
            }
        }
    }

    /** One sender: the notices with {@code id % parts == part}, page by page over one connection. */
    private int[] send(int part, int parts, Predicate<String> open, AtomicBoolean stop) {
        int mailed = 0;
        int failed = 0;
        long after = 0;
        List<Settled> done = List.of();
        Duration worst = mailer instanceof SmtpNoticeMailer smtp ? smtp.worstSend() : Duration.ZERO;
        try (NoticeMailer.Connection connection = mailer.connect()) {
            while (!stop.get()) {
                List<Settled> previous = done;
                long from = after;
                Instant now = clock.instant();
                Instant until = now.plus(lease.ttl());
                List<Notices.NoticeRecord> page = join(storage.write(tx -> {
                    settle(tx, previous);
                    if (!lease.renew(tx)) {
                        return null;
                    }
                    return tx.notices().claimNext(NoticeChannel.EMAIL, lease.node(), now, until, from, part, parts, config.claimSize());
                }));
                done = List.of();
                if (page == null) {
                    LOG.warn("notices: lost the job lease; stopping this run");
                    stop.set(true);
                    break;
                }
                if (page.isEmpty()) {
                    break;
                }
                after = page.get(page.size() - 1).id();
                List<Settled> results = new ArrayList<>(page.size());
                for (Notices.NoticeRecord n : page) {
                    // outside its library's window, or too close to the end of the claim to finish before another node
                    // could claim it: give it back untried
                    if (stop.get() || !open.test(n.library()) || clock.instant().plus(worst).isAfter(until)) {
                        results.add(new Settled(n.id(), null, 0, null, null, true));
                        continue;
                    }
                    try {
                        connection.send(n);
                        results.add(new Settled(n.id(), clock.instant(), 0, null, null, false));
                        mailed++;
                    } catch (Exception e) {
                        failed++;
                        int attempts = n.attempts() + 1;
                        Instant next = policy.retryAfter(attempts).map(d -> clock.instant().plus(d)).orElse(null);
                        String why = e.getClass().getSimpleName() + ": " + e.getMessage();
                        if (next == null) {
                            LOG.warn("notices: {} to patron {} failed for good after {} attempts: {}", n.type().label(),
                                    n.patronBarcode(), attempts, why);
                        } else {
                            LOG.info("notices: {} to patron {} failed (attempt {}), next try {}: {}", n.type().label(),
                                    n.patronBarcode(), attempts, next, why);
                        }
                        results.add(new Settled(n.id(), null, attempts, next, why, false));
                    }
                }
                done = results;
            }
        } catch (RuntimeException e) {
            // a failure of the store or the job (not a crash): mark what went out before giving up
            stop.set(true);
            writeQuietly(done);
            throw e;
        }
        List<Settled> last = done;
        if (!last.isEmpty()) {
            join(storage.write(tx -> {
                settle(tx, last);
                return null;
            }));
        }
        return new int[] {mailed, failed};
    }

    private void writeQuietly(List<Settled> done) {
        if (done.isEmpty()) {
            return;
        }
        try {
            join(storage.write(tx -> {
                settle(tx, done);
                return null;
            }));
        } catch (RuntimeException e) {
            LOG.warn("notices: could not mark {} delivered notice(s); their claims expire and they go out again", done.size(), e);
        }
    }

    private record Printed(int count, Long batchId) {
    }

    private Printed print(Predicate<String> open) {
        Instant now = clock.instant();
        List<Notices.NoticeRecord> pending = join(storage.read(tx -> tx.notices().deliverable(NoticeChannel.PRINT, now, 0, MAX_PRINT)))
                .stream().filter(n -> open.test(n.library())).toList();
        if (pending.isEmpty()) {
            return new Printed(0, null);
        }
        List<Notices.NoticeRecord> mine = join(storage.write(tx -> {
            List<Notices.NoticeRecord> claimed = new ArrayList<>();
            for (Notices.NoticeRecord n : pending) {
                if (tx.notices().claim(n.id(), lease.node(), now, now.plus(lease.ttl()))) {
                    claimed.add(n);
                }
            }
            return claimed;
        }));
        if (mine.isEmpty()) {
            return new Printed(0, null);
        }
        byte[] pdf = PrintBatchWriter.write(mine);
        long batch = join(storage.write(tx -> {
            long id = tx.notices().saveBatch(clock.instant(), mine.size(), pdf);
            for (Notices.NoticeRecord n : mine) {
                tx.notices().sent(n.id(), clock.instant(), id);
            }
            return id;
        }));
        return new Printed(mine.size(), batch);
    }

    // ------------------------------------------------------------------ helpers

    private String currency() {
        return currency;
    }

    private static String name(Map<String, Library> libs, String code) {
        Library l = code == null ? null : libs.get(code);
        return l == null ? (code == null ? "" : code) : l.name();
    }

    private static ZoneId zone(Library l) {
        return l == null ? ZoneOffset.UTC : l.zone();
    }

    private static String date(Instant t, Library l) {
        return LocalDate.ofInstant(t, zone(l)).toString();
    }

    private static <T> T join(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(STEP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("notices step failed: " + e, e);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
