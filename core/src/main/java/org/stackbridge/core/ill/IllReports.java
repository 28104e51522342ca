package org.stackbridge.core.ill;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.core.ill.IllCommands.ListRequests;
import org.stackbridge.core.ill.IllCommands.ShowRequest;
import org.stackbridge.core.ill.IllCommands.Statistics;
import org.stackbridge.core.model.CirculationEvent;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.model.IllRequest;
import org.stackbridge.core.model.IllRole;
import org.stackbridge.core.model.IllState;
import org.stackbridge.core.outcome.Outcome;
import org.stackbridge.core.outcome.RefusalReason;
import org.stackbridge.core.port.StoreTx;
import org.stackbridge.core.service.CirculationEngine;
import org.stackbridge.core.service.EngineTx;

/** ILL listings, one request's history and the statistics, read from the requests and the event log. */
final class IllReports extends IllDesk {

    private static final Logger LOG = LoggerFactory.getLogger(IllReports.class);
    IllReports(CirculationEngine engine) {
        super(engine);
    }

    void registerOn(CirculationEngine engine) {
        engine.register(ListRequests.class, this::list);
        engine.register(ShowRequest.class, this::show);
        engine.register(IllCommands.SearchRequests.class, this::search);
        engine.register(Statistics.class, (cmd, tx) -> Outcome.success(statistics(tx.store(), cmd.from(), cmd.to())));
    }

    private static final int MAX_SCANNED_EVENTS = 200_000;

    // ---------------------------------------------------------------- queries

    private Outcome<IllViews.Listing> list(ListRequests cmd, EngineTx tx) {
        int limit = cmd.limit() <= 0 ? 100 : Math.min(cmd.limit(), MAX_LIST);
        List<IllViews.IllRequestView> out = new ArrayList<>();
        long after = Math.max(0, cmd.afterId());
        while (out.size() < limit) {
            List<IllRequest> page = tx.store().ill().page(after, 500);
            for (IllRequest r : page) {
                if ((cmd.role() == null || r.role() == cmd.role()) && (cmd.state() == null || r.state() == cmd.state())) {
                    out.add(view(tx, r));
                    if (out.size() == limit) {
                        break;
                    }
                }
            }
            if (page.size() < 500) {
                break;
            }
            after = page.get(page.size() - 1).id();
        }
        return Outcome.success(new IllViews.Listing(out));
    }

    private Outcome<IllViews.Detail> show(ShowRequest cmd, EngineTx tx) {
        Optional<IllRequest> r = resolve(tx, cmd.context(), cmd.ref()).filter(x -> visible(tx, cmd.context(), x));
        if (r.isEmpty()) {
            return Outcome.refused(RefusalReason.UNKNOWN_ILL_REQUEST, "Unknown " + cmd.ref());
        }
        return Outcome.success(new IllViews.Detail(view(tx, r.get()), history(tx.store(), r.get(), tx.now())));
    }

    private Outcome<org.stackbridge.core.outcome.Page<IllViews.IllRequestView>> search(IllCommands.SearchRequests cmd, EngineTx tx) {
        List<IllViews.IllRequestView> out = new ArrayList<>();
        Instant createdBefore = cmd.olderThanDays() == null ? null : tx.now().minus(Duration.ofDays(cmd.olderThanDays()));
        long after = 0;
        for (int scanned = 0; scanned < MAX_SCANNED_EVENTS; ) {
            List<IllRequest> page = tx.store().ill().page(after, 500);
            for (IllRequest r : page) {
                if ((cmd.role() == null || r.role() == cmd.role()) && (cmd.state() == null || r.state() == cmd.state())
                        && (cmd.partnerAgency() == null || cmd.partnerAgency().equals(r.partnerAgency()))
                        && (cmd.externalId() == null || cmd.externalId().equals(r.externalId()))
                        && (createdBefore == null || r.createdAt().isBefore(createdBefore)) && visible(tx, cmd.context(), r)) {
                    out.add(view(tx, r));
                }
            }
            scanned += page.size();
            if (page.size() < 500) {
                break;
            }
            after = page.get(page.size() - 1).id();
        }
        return Outcome.success(org.stackbridge.core.outcome.Page.of(out, cmd.page(), cmd.perPage()));
    }

    /** The transitions of one request, from the event log. */
    public List<IllViews.Transition> history(StoreTx s, IllRequest r, Instant now) {
        List<IllViews.Transition> out = new ArrayList<>();
        // the log's half-open range ends a second after now: a database keeps times to the microsecond, so an event logged
        // at this very instant would fall outside an end of now plus a nanosecond
        for (CirculationEvent e : illEvents(s, r.createdAt(), now.plusSeconds(1))) {
            IllEventDetail.parse(e.detail()).filter(d -> d.requestId() == r.id()).ifPresent(d ->
                    out.add(new IllViews.Transition(e.at(), d.from(), d.to().name(), e.actor(), e.channel(), d.note())));
        }
        return out;
    }

    /**
     * ILL statistics: current counts by role and state from the requests, and completions in [from, to) with
     * the median turnaround (creation to completion), from the event log.
     */
    public IllViews.Stats statistics(StoreTx s, Instant from, Instant to) {
        Map<IllRole, Map<IllState, Long>> counts = new EnumMap<>(IllRole.class);
        long after = 0;
        while (true) {
            List<IllRequest> page = s.ill().page(after, 500);
            for (IllRequest r : page) {
                counts.computeIfAbsent(r.role(), k -> new EnumMap<>(IllState.class)).merge(r.state(), 1L, Long::sum);
            }
            if (page.size() < 500) {
                break;
            }
            after = page.get(page.size() - 1).id();
        }
        Map<IllRole, List<Duration>> turnaround = new EnumMap<>(IllRole.class);
        Map<Long, Instant> created = new java.util.HashMap<>();
        // only the window is scanned; a request created before it takes its start from the stored creation time,
        // which is the time of its first logged transition
        List<CirculationEvent> events = illEvents(s, from, to);
        for (CirculationEvent e : events) {
            Optional<IllEventDetail> parsed = IllEventDetail.parse(e.detail());
            if (parsed.isEmpty()) {
                continue;
            }
            IllEventDetail d = parsed.get();
            long id = d.requestId();
            if (d.creation()) {
                created.put(id, e.at());
            }
            if (d.to() == IllState.COMPLETE && !e.at().isBefore(from)) {
                Instant start = created.get(id);
                if (start == null) {
                    start = s.ill().byId(id).map(IllRequest::createdAt).orElse(e.at());
                }
                turnaround.computeIfAbsent(d.role(), k -> new ArrayList<>()).add(Duration.between(start, e.at()));
            }
        }
        Map<IllRole, Map<IllState, Long>> frozen = new EnumMap<>(IllRole.class);
        counts.forEach((k, v) -> frozen.put(k, Map.copyOf(v)));
        Map<IllRole, Long> completed = new EnumMap<>(IllRole.class);
        Map<IllRole, Duration> median = new EnumMap<>(IllRole.class);
        turnaround.forEach((role, list) -> {
            completed.put(role, (long) list.size());
            median.put(role, median(list));
        });
        return new IllViews.Stats(from, to, frozen, completed, median);
    }

    static Duration median(List<Duration> values) {
        List<Duration> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        if (n % 2 == 1) {
            return sorted.get(n / 2);
        }
        return sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
    }

    /** ILL transition events in [from, to), paged through the log by time. */
    private static List<CirculationEvent> illEvents(StoreTx s, Instant from, Instant to) {
        List<CirculationEvent> out = new ArrayList<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        Instant cursor = from;
        int scanned = 0;
        while (scanned < MAX_SCANNED_EVENTS) {
            List<CirculationEvent> page = s.events().between(cursor, to, 5000);
            for (CirculationEvent e : page) {
                if (seen.add(e.id()) && e.type() == EventType.ILL_TRANSITION) {
                    out.add(e);
                }
            }
            scanned += page.size();
            if (page.size() < 5000) {
                break;
            }
            Instant last = page.get(page.size() - 1).at();
            // many events at one instant: step past it rather than loop
            cursor = last.equals(cursor) ? last.plusNanos(1) : last;
        }
        if (scanned >= MAX_SCANNED_EVENTS) {
            LOG.warn("ILL event scan stopped after {} events", scanned);
        }
        out.sort(java.util.Comparator.comparing(CirculationEvent::at).thenComparingLong(CirculationEvent::id));
        return out;
    }

}
