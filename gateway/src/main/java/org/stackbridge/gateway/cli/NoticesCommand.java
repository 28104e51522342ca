package org.stackbridge.gateway.cli;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import org.stackbridge.core.notice.NoticeState;
import org.stackbridge.core.notice.NoticeType;
import org.stackbridge.core.port.NoticeRuns;
import org.stackbridge.core.port.Notices;
import org.stackbridge.gateway.job.JobLease;
import org.stackbridge.gateway.Policies;
import org.stackbridge.gateway.notice.NoticeJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code notices run} and {@code notices list}: the notices job of issue #13. Sent to the running gateway when one
 * serves the data directory (its job, its lease); otherwise run here on the storage (with the same job class).
 */
@Command(name = "notices", mixinStandardHelpOptions = true,
        description = "Overdue, pre-due, hold and fee notices: run the job now, or list what was sent to whom and when.",
        subcommands = {NoticesCommand.Run.class, NoticesCommand.ListCmd.class})
final class NoticesCommand {

    /** The gateway's job, or one on this command's own storage. */
    private static <T> T withJob(CommonOptions common, java.util.function.BiFunction<NoticeRuns, String, T> work) {
        if (common.hosted()) {
            return work.apply(common.host.notices(), common.user());
        }
        try (IllCommand.EngineSession s = new IllCommand.EngineSession(common)) {
            Policies policies = new Policies();
            policies.reload(s.storage.loaded.config(), s.storage.loaded.file(), s.storage.storage);
            try (NoticeJob job = NoticeJob.create(s.storage.loaded, s.storage.storage, s.port, Clock.systemUTC(), policies::table,
                    JobLease.newNodeName(), m -> m)) {
                return work.apply(job, common.user());
            }
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Run the notices job now for every library: record what is due, mail it, print the rest.",
                    "Exit 0 when it ran, 3 when another gateway node holds the job."})
    static final class Run implements Callable<Integer>, GatewayCommand {
        @Mixin
        CommonOptions common;

        @Override
        public CommonOptions common() {
            return common;
        }

        @Override
        public Integer call() {
            NoticeRuns.RunResult r = withJob(common, (job, user) -> job.run(user).toCompletableFuture().join());
            if (!r.ran()) {
                common.out().println("not run: " + r.holder() + " holds the notices job");
                return 3;
            }
            common.out().println("recorded " + r.recorded() + ", mailed " + r.mailed() + ", failed attempts " + r.failed()
                    + ", printed " + r.printed() + (r.batchId() == null ? "" : " (print batch " + r.batchId() + ")"));
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List notices, newest first.")
    static final class ListCmd implements Callable<Integer>, GatewayCommand {
        @Mixin
        CommonOptions common;
        @Option(names = "--patron", paramLabel = "BARCODE", description = "Only this patron's.")
        String patron;
        @Option(names = "--type", paramLabel = "TYPE", description = "e.g. overdue-1, hold-ready, pre-due.")
        String type;
        @Option(names = "--state", paramLabel = "STATE", description = "pending, sent or failed.")
        String state;
        @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "Recorded on or after this day (UTC).")
        String from;
        @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Recorded on or before this day (UTC).")
        String to;
        @Option(names = "--limit", defaultValue = "100", description = "At most this many (1-1000).")
        int limit;

        @Override
        public CommonOptions common() {
            return common;
        }

        @Override
        public Integer call() {
            if (limit < 1 || limit > 1000) {
                throw new StackbridgeCli.CliException("--limit must be between 1 and 1000", 2);
            }
            NoticeType t = type == null ? null : NoticeType.parse(type)
                    .orElseThrow(() -> new StackbridgeCli.CliException("--type: unknown notice type " + type, 2));
            NoticeState st = state == null ? null : parseState(state);
            Instant f = from == null ? null : day(from, "--from");
            Instant u = to == null ? null : day(to, "--to").plusSeconds(86_400);
            Notices.Page page = withJob(common, (job, user) -> job.list(new Notices.Filter(patron, t, st, null, f, u), 0, limit));
            for (Notices.NoticeRecord n : page.notices()) {
                common.out().printf("%d  %s  %-19s %-7s %-5s %s %s  %s%s%n", n.id(), n.createdAt(), n.type().label(),
                        n.state().name().toLowerCase(java.util.Locale.ROOT), n.channel().name().toLowerCase(java.util.Locale.ROOT),
                        n.patronBarcode(), n.recipient() == null ? "(paper)" : n.recipient(), n.subject(),
                        n.sentAt() == null ? "" : "  sent " + n.sentAt());
            }
            common.out().println(page.notices().size() + " of " + page.total() + " notice(s)");
            return 0;
        }

        private static NoticeState parseState(String s) {
            try {
                return NoticeState.valueOf(s.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new StackbridgeCli.CliException("--state must be pending, sent or failed", 2);
            }
        }

        private static Instant day(String s, String option) {
            try {
                return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                throw new StackbridgeCli.CliException(option + " must be a date YYYY-MM-DD", 2);
            }
        }
    }

    private NoticesCommand() {
    }
}
