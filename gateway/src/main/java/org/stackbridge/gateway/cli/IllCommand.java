package org.stackbridge.gateway.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.stackbridge.core.command.RequestContext;
import org.stackbridge.core.ill.IllCommands;
import org.stackbridge.core.ill.IllEngine;
import org.stackbridge.core.ill.IllRef;
import org.stackbridge.core.ill.IllViews;
import org.stackbridge.core.model.Channel;
import org.stackbridge.core.model.IllRole;
import org.stackbridge.core.model.IllState;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.port.EventSink;
import org.stackbridge.core.service.CirculationEngine;
import org.stackbridge.core.service.EngineSettings;
import org.stackbridge.core.service.LocalCirculationPort;
import org.stackbridge.gateway.Policies;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ill list|show|advance|stats}: interlibrary-loan requests for technicians. */
@Command(name = "ill", mixinStandardHelpOptions = true, description = "Interlibrary-loan requests.",
        subcommands = {IllCommand.ListCmd.class, IllCommand.Show.class, IllCommand.AdvanceCmd.class, IllCommand.Stats.class})
final class IllCommand {

    /** The engine on the configured storage for one CLI command, or the running gateway's circulation port. */
    static final class EngineSession implements AutoCloseable {
        final StorageSession storage;
        final org.stackbridge.core.port.CirculationPort port;

        EngineSession(CommonOptions common) {
            storage = new StorageSession(common);
            if (common.hosted()) {
                port = common.host.port();
                return;
            }
            var cfg = storage.loaded.config();
            Policies policies = new Policies();
            policies.reload(cfg, storage.loaded.file(), storage.storage);
            CirculationEngine engine = new CirculationEngine(Clock.systemUTC(), new EngineSettings(
                    java.util.Currency.getInstance(cfg.engine().currency()), cfg.engine().feeLimit(), cfg.engine().maxOverdue(),
                    Duration.ofDays(cfg.engine().requestKeyDays())), policies::table);
            IllEngine.registerWith(engine);
            port = new LocalCirculationPort(engine, storage.storage, EventSink.NONE);
        }

        <R> R run(org.stackbridge.core.command.Command<R> command) {
            Outcome<R> outcome = port.execute(command).toCompletableFuture().join();
            if (outcome instanceof Outcome.Refused<R> r) {
                throw new StackbridgeCli.CliException(r.message() + " (" + r.reason().name().toLowerCase(Locale.ROOT) + ")", 5);
            }
            return outcome.value();
        }

        @Override
        public void close() {
            storage.close();
        }
    }

    /** The operator at the command line (the user who typed the command, also when the gateway runs it). */
    static RequestContext technician(CommonOptions common) {
        return new RequestContext(Channel.CLI, common.user(), "cli", null, null, null, null);
    }

    static void print(java.io.PrintWriter out, IllViews.IllRequestView r) {
        out.printf(Locale.ROOT, "%6d  %-9s %-22s %-12s %-16s patron=%s item=%s  %s%n", r.id(), r.role(), r.state(),
                r.partnerAgency(), r.externalId(), r.patronBarcode() == null ? "-" : r.patronBarcode(),
                r.itemBarcode() == null ? "-" : r.itemBarcode(), r.title() == null ? "" : r.title());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List ILL requests.")
    static final class ListCmd implements Callable<Integer>, GatewayCommand {
        @Mixin
        CommonOptions common;

        @Override
        public CommonOptions common() {
            return common;
        }
        @Option(names = "--role", description = "BORROWING or LENDING")
        IllRole role;
        @Option(names = "--state", description = "e.g. RECEIVED, SHIPPED_TO_PARTNER")
        IllState state;
        @Option(names = "--after", defaultValue = "0", description = "List requests with ids after this one.")
        long after;
        @Option(names = "--limit", defaultValue = "100")
        int limit;

        @Override
        public Integer call() {
            try (EngineSession s = new EngineSession(common)) {
                IllViews.Listing listing = s.run(new IllCommands.ListRequests(technician(common), role, state, after, limit));
                listing.requests().forEach(r -> print(common.out(), r));
                common.out().println(listing.requests().size() + " request(s)");
                return 0;
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show an ILL request and its history.")
    static final class Show implements Callable<Integer>, GatewayCommand {
        @Mixin
        CommonOptions common;

        @Override
        public CommonOptions common() {
            return common;
        }
        @Parameters(paramLabel = "ID")
        long id;

        @Override
        public Integer call() {
            try (EngineSession s = new EngineSession(common)) {
                IllViews.Detail d = s.run(new IllCommands.ShowRequest(technician(common), IllRef.byId(id)));
                print(common.out(), d.request());
                common.out().println("  pickup " + d.request().pickupLibrary() + ", created " + d.request().createdAt());
                for (IllViews.Transition t : d.history()) {
                    common.out().println("  " + t.at() + "  " + t.from() + " -> " + t.to() + "  by " + t.actor() + " (" + t.channel() + ")"
                            + (t.note() == null ? "" : "  " + t.note()));
                }
                return 0;
            }
        }
    }

    @Command(name = "advance", mixinStandardHelpOptions = true, description = "Move an ILL request to a new state.")
    static final class AdvanceCmd implements Callable<Integer>, GatewayCommand {
        @Mixin
        CommonOptions common;

        @Override
        public CommonOptions common() {
            return common;
        }
        @Parameters(index = "0", paramLabel = "ID")
        long id;
        @Parameters(index = "1", paramLabel = "STATE", description = "e.g. SHIPPED_TO_US, RETURNED_TO_LENDER, PICKED, SHIPPED_TO_PARTNER, CANCELLED")
        IllState state;
        @Option(names = "--note")
        String note;

        @Override
        public Integer call() {
            try (EngineSession s = new EngineSession(common)) {
                IllViews.IllRequestView r = s.run(new IllCommands.Advance(technician(common), IllRef.byId(id), state, note));
                print(common.out(), r);
                return 0;
            }
        }
    }

    @Command(name = "stats", mixinStandardHelpOptions = true, description = "ILL counts and median turnaround from the event log.")
    static final class Stats implements Callable<Integer>, GatewayCommand {
        @Mixin
        CommonOptions common;

        @Override
        public CommonOptions common() {
            return common;
        }
        @Option(names = "--days", defaultValue = "30", description = "Completed requests in the last N days.")
        int days;

        @Override
        public Integer call() {
            try (EngineSession s = new EngineSession(common)) {
                Instant to = Instant.now();
                IllViews.Stats st = s.run(new IllCommands.Statistics(technician(common), to.minus(Duration.ofDays(days)), to));
                st.counts().forEach((role, byState) -> byState.forEach((state, n) -> common.out().println(role + "\t" + state + "\t" + n)));
                for (IllRole role : IllRole.values()) {
                    common.out().println(role + " completed in the last " + days + " days: " + st.completed().getOrDefault(role, 0L)
                            + (st.medianTurnaround().containsKey(role) ? ", median turnaround " + st.medianTurnaround().get(role) : ""));
                }
                return 0;
            }
        }
    }

}
