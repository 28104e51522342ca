package org.stackbridge.ncip.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.core.port.CirculationPort;
import org.stackbridge.ncip.binding.v2.FromAgencyId;
import org.stackbridge.ncip.binding.v2.InitiationHeader;
import org.stackbridge.ncip.binding.v2.NCIPMessage;
import org.stackbridge.ncip.binding.v2.Problem;
import org.stackbridge.ncip.binding.v2.ResponseHeader;
import org.stackbridge.ncip.binding.v2.ToAgencyId;
import org.stackbridge.ncip.binding.version.LookupVersionResponse;
import org.stackbridge.ncip.binding.version.NCIPVersionMessage;
import org.stackbridge.ncip.codec.NcipParseException;
import org.stackbridge.ncip.codec.NcipXml;
import org.stackbridge.ncip.config.NcipSettings;
import org.stackbridge.ncip.mapping.NcipProblems;
import org.stackbridge.ncip.mapping.NcipValues;

/**
 * Reads an NCIP message, authenticates the partner agency, runs the service and writes the answer. Never
 * throws: every failure becomes an NCIP Problem. Parsing runs on the caller's thread; answers are written on
 * the executor given per call (small ones) or the XML executor given at construction (those that grow with
 * the data).
 */
public final class NcipDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(NcipDispatcher.class);
    /** Answered by {@link #lookupVersion} from the version binding, beside the registered services. */
    private static final String LOOKUP_VERSION = "LookupVersion";

    private final NcipSettings settings;
    private final MeterRegistry meters;
    private final NcipServices services;
    private final NcipAdmission admission;
    private final java.util.concurrent.Executor xmlExecutor;

    /** Answers are written on the thread that completes the engine call. */
    public NcipDispatcher(NcipSettings settings, CirculationPort port, MeterRegistry meters) {
        this(settings, port, meters, Runnable::run);
    }

    /** Answers are written on {@code xmlExecutor}, keeping XML work off the storage threads that complete engine calls. */
    public NcipDispatcher(NcipSettings settings, CirculationPort port, MeterRegistry meters, java.util.concurrent.Executor xmlExecutor) {
        this.xmlExecutor = xmlExecutor;
        this.settings = settings;
        this.meters = meters;
        Map<String, String> libraries = new LinkedHashMap<>(settings.libraries());
        settings.agencies().values().forEach(a -> a.libraries().forEach(libraries::putIfAbsent));
        this.admission = new NcipAdmission(settings, port);
        // registration order is the order LookupVersion lists them in
        this.services = new NcipServices(List.of(new LookupAgencyService(libraries), new LookupUserService(), new LookupItemService(),
                new LookupItemSetService(), new CheckOutItemService(), new CheckInItemService(), new RenewItemService(),
                new RequestItemService(), new CancelRequestItemService(), new RecallItemService(), new AcceptItemService(),
                new DeleteItemService(), new CreateUserFiscalTransactionService()));
        if (settings.openMode()) {
            LOG.warn("NCIP open mode: messages from unknown agencies are accepted");
        }
    }

    public NcipSettings settings() {
        return settings;
    }

    /** Handles one message body that arrived on {@code path} from {@code remote}; the stage always completes normally. */
    public CompletionStage<byte[]> handle(byte[] body, InetAddress remote, String path) {
        return handle(body, remote, path, xmlExecutor);
    }

    /**
     * As {@link #handle(byte[], InetAddress, String)}, writing answers that stay small on {@code smallAnswers}
     * (e.g. the connection's event loop, which must write them anyway) and answers that grow with the data
     * (lists of loans, items) on the XML executor.
     */
    public CompletionStage<byte[]> handle(byte[] body, InetAddress remote, String path, java.util.concurrent.Executor smallAnswers) {
        Timer.Sample sample = meters == null ? null : Timer.start(meters);
        NcipXml.Parsed parsed;
        try {
            parsed = NcipXml.read(body);
        } catch (NcipParseException e) {
            count("invalid", e.problemType());
            return done(sample, "invalid", messageProblem(NcipProblems.problem(NcipProblems.MESSAGING, e.problemType(), e.getMessage(), null, null)));
        }
        if (parsed instanceof NcipXml.Version v) {
            return done(sample, "LookupVersion", lookupVersion(v.message()));
        }
        NCIPMessage message = ((NcipXml.V2) parsed).message();
        boolean v1 = ((NcipXml.V2) parsed).v1();
        Optional<NcipService<?, ?>> service = services.serviceFor(message);
        if (service.isPresent()) {
            NcipService<?, ?> s = service.get();
            return run(s, message, remote, path, smallAnswers, v1).handle((bytes, error) -> {
                if (error != null) {
                    LOG.error("NCIP {} failed", s.name(), error);
                    count(s.name(), NcipProblems.TEMPORARY_FAILURE);
                    return messageProblem(NcipProblems.general(NcipProblems.TEMPORARY_FAILURE, "Temporary processing failure; please retry",
                            null, null), v1);
                }
                return bytes;
            }).thenApply(bytes -> {
                stop(sample, s.name());
                return bytes;
            });
        }
        String name = NcipServices.firstElement(message);
        count(name == null ? "none" : name, NcipProblems.UNSUPPORTED_SERVICE);
        return done(sample, "unsupported", messageProblem(NcipProblems.general(NcipProblems.UNSUPPORTED_SERVICE,
                name == null ? "The message names no service" : "Service " + name + " is not supported", name, null), v1));
    }

    /** Runs {@code s} on the request element it found in {@code message}. */
    private <Q, R> CompletionStage<byte[]> run(NcipService<Q, R> s, NCIPMessage message, InetAddress remote, String path,
                                               java.util.concurrent.Executor smallAnswers, boolean v1) {
        Q q = s.requestOf(message);
        InitiationHeader header = s.headerOf(q);
        return admission.admit(s.name(), header, remote, path).fold(ex -> serve(s, q, header, ex, smallAnswers, v1), p -> {
            count(s.name(), NcipValues.text(p.getProblemType()));
            return CompletableFuture.completedFuture(write(s, s.problem(p), header, v1));
        });
    }

    /** Runs an admitted request and writes its answer. */
    private <Q, R> CompletionStage<byte[]> serve(NcipService<Q, R> s, Q q, InitiationHeader header, NcipExchange ex,
                                                 java.util.concurrent.Executor smallAnswers, boolean v1) {
        CompletionStage<R> answer;
        try {
            answer = s.handle(q, ex);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        java.util.function.Function<R, byte[]> finish = r -> {
            count(s.name(), firstProblem(s, r));
            return write(s, r, header, v1);
        };
        // an engine that answered on this thread already: write a small answer here rather than queue a second hop
        boolean bounded = s.bounded(q);
        CompletableFuture<R> f = answer.toCompletableFuture();
        if (bounded && f.isDone() && !f.isCompletedExceptionally()) {
            try {
                return CompletableFuture.completedFuture(finish.apply(f.join()));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return answer.thenApplyAsync(finish, bounded ? smallAnswers : xmlExecutor);
    }

    private static <Q, R> String firstProblem(NcipService<Q, R> s, R r) {
        List<Problem> ps = s.problemsOf(r);
        return ps.isEmpty() ? null : NcipValues.text(ps.get(0).getProblemType());
    }

    /** The answer in the form the partner wrote: NCIP 2, or NCIP version 1 for a v1 request. */
    private <Q, R> byte[] write(NcipService<Q, R> s, R r, InitiationHeader header, boolean v1) {
        if (header != null) {
            ResponseHeader h = new ResponseHeader();
            // answer from the agency they addressed, to them
            FromAgencyId from = new FromAgencyId();
            from.setAgencyId(header.getToAgencyId() != null && header.getToAgencyId().getAgencyId() != null
                    ? header.getToAgencyId().getAgencyId() : NcipValues.svp(""));
            ToAgencyId to = new ToAgencyId();
            to.setAgencyId(header.getFromAgencyId() != null && header.getFromAgencyId().getAgencyId() != null
                    ? header.getFromAgencyId().getAgencyId() : NcipValues.svp(""));
            h.setFromAgencyId(from);
            h.setToAgencyId(to);
            s.setHeader(r, h);
        }
        NCIPMessage m = new NCIPMessage();
        m.setVersion(NcipXml.VERSION);
        s.put(m, r);
        return v1 ? NcipXml.writeV1(m) : NcipXml.write(m);
    }

    private byte[] lookupVersion(NCIPVersionMessage in) {
        NCIPVersionMessage out = new NCIPVersionMessage();
        out.setVersion(in.getVersion() == null ? "1.0" : in.getVersion());
        LookupVersionResponse r = new LookupVersionResponse();
        if (in.getLookupVersion() != null) {
            r.setFromAgencyId(copyFrom(in.getLookupVersion().getToAgencyId()));
            r.setToAgencyId(copyTo(in.getLookupVersion().getFromAgencyId()));
        }
        r.getVersionSupported().add(NcipXml.VERSION);
        r.getVersionSupported().add("http://www.niso.org/schemas/ncip/v2_01/ncip_v2_01.xsd");
        r.getVersionSupported().add("http://www.niso.org/schemas/ncip/v2_0/imp1/xsd/ncip_v2_0.xsd");
        r.getServiceSupported().addAll(supported());
        out.setLookupVersionResponse(r);
        return NcipXml.write(out);
    }

    private static org.stackbridge.ncip.binding.version.FromAgencyId copyFrom(org.stackbridge.ncip.binding.version.ToAgencyId to) {
        org.stackbridge.ncip.binding.version.FromAgencyId f = new org.stackbridge.ncip.binding.version.FromAgencyId();
        f.setUniqueAgencyId(to == null ? emptyAgency() : to.getUniqueAgencyId());
        return f;
    }

    private static org.stackbridge.ncip.binding.version.ToAgencyId copyTo(org.stackbridge.ncip.binding.version.FromAgencyId from) {
        org.stackbridge.ncip.binding.version.ToAgencyId t = new org.stackbridge.ncip.binding.version.ToAgencyId();
        t.setUniqueAgencyId(from == null ? emptyAgency() : from.getUniqueAgencyId());
        return t;
    }

    private static org.stackbridge.ncip.binding.version.UniqueAgencyId emptyAgency() {
        org.stackbridge.ncip.binding.version.UniqueAgencyId u = new org.stackbridge.ncip.binding.version.UniqueAgencyId();
        u.setScheme("");
        u.setValue("");
        return u;
    }

    /** A Problem directly under NCIPMessage (unreadable message or unknown service). */
    public static byte[] messageProblem(Problem p) {
        return messageProblem(p, false);
    }

    private static byte[] messageProblem(Problem p, boolean v1) {
        NCIPMessage m = new NCIPMessage();
        m.setVersion(NcipXml.VERSION);
        m.getProblem().add(p);
        return v1 ? NcipXml.writeV1(m) : NcipXml.write(m);
    }

    private void count(String service, String problem) {
        if (meters != null) {
            String p = problem == null ? "none" : problem;
            Map<String, Counter> byProblem = counters.get(service);
            Counter c = byProblem == null ? null : byProblem.get(p);
            if (c == null) {
                c = Counter.builder("stackbridge.ncip.messages").tag("service", service).tag("problem", p).register(meters);
                // an unsupported service's name comes from the message: keep only a bounded number of them
                if (counters.size() < MAX_KEPT_METERS && (byProblem != null || registered(service))) {
                    counters.computeIfAbsent(service, k -> new ConcurrentHashMap<>()).putIfAbsent(p, c);
                }
            }
            c.increment();
        }
    }

    private boolean registered(String service) {
        return LOOKUP_VERSION.equals(service) || services.names().contains(service) || "invalid".equals(service)
                || "unsupported".equals(service) || "none".equals(service);
    }

    private static final int MAX_KEPT_METERS = 64;
    /** The meters by tag values, kept: building and registering a meter id per message cost more than counting. */
    private final Map<String, Map<String, Counter>> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    private CompletionStage<byte[]> done(Timer.Sample sample, String service, byte[] bytes) {
        stop(sample, service);
        return CompletableFuture.completedFuture(bytes);
    }

    private void stop(Timer.Sample sample, String service) {
        if (sample != null) {
            Timer t = timers.get(service);
            if (t == null) {
                t = Timer.builder("stackbridge.ncip.requests").tag("service", service).register(meters);
                if (timers.size() < MAX_KEPT_METERS) {
                    timers.putIfAbsent(service, t);
                }
            }
            sample.stop(t);
        }
    }

    /** LookupVersion, then every registered service: what LookupVersion answers with. */
    List<String> supported() {
        List<String> all = new ArrayList<>();
        all.add(LOOKUP_VERSION);
        all.addAll(services.names());
        return all;
    }
}
