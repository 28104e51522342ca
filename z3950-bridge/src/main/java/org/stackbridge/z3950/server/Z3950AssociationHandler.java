package org.stackbridge.z3950.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.core.catalogue.CatalogueQuery;
import org.stackbridge.core.catalogue.FederatedSearch;
import org.stackbridge.core.catalogue.ScanResult;
import org.stackbridge.core.catalogue.SortKey;
import org.stackbridge.core.catalogue.UnsupportedSearchException;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.z3950.ber.BerException;
import org.stackbridge.z3950.pdu.Diag;
import org.stackbridge.z3950.pdu.Z3950Codec;
import org.stackbridge.z3950.pdu.Z3950Pdu;
import org.stackbridge.z3950.pdu.Z3950Pdu.*;
import org.stackbridge.z3950.query.PqfWriter;
import org.stackbridge.z3950.query.Z3950QueryMapper;
import org.stackbridge.z3950.record.RecordSpec;

/**
 * One Z39.50 association. PDUs are handled one at a time (reading pauses until the answer is written);
 * index work runs on the worker executor. Bad requests get Bib-1 diagnostics; only undecodable input,
 * a PDU before Init, or an unsupported service closes the association (close reason protocolError).
 */
final class Z3950AssociationHandler extends SimpleChannelInboundHandler<byte[]> {

    private static final Logger LOG = LoggerFactory.getLogger(Z3950AssociationHandler.class);
    /** search, present, delSet, scan, sort, namedResultSets. */
    static final long SUPPORTED_OPTIONS = (1L) | (1L << 1) | (1L << 2) | (1L << 7) | (1L << 8) | (1L << 14);
    private static final long NEGOTIATION_OPTION = 1L << 17;

    private final Z3950Settings settings;
    private final CatalogueAccess catalogue;
    /** The federated virtual database, or null. */
    private final VirtualDatabase virtual;
    private final MeterRegistry meters;
    private final Z3950Session session = new Z3950Session();
    private final ConcurrentHashMap<String, Counter> counters;
    private static final int MAX_PIPELINED = 32;
    private static final int PAUSE_READING_AT = 4;
    private final java.util.ArrayDeque<byte[]> pending = new java.util.ArrayDeque<>();
    private boolean busy;
    /** The most frequent counter, looked up once per association. */
    private Counter searchOk;

    Z3950AssociationHandler(Z3950Settings settings, CatalogueAccess catalogue, VirtualDatabase virtual, MeterRegistry meters,
                            ConcurrentHashMap<String, Counter> counters) {
        this.settings = settings;
        this.catalogue = catalogue;
        this.virtual = virtual;
        this.meters = meters;
        this.counters = counters;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, byte[] frame) {
        if (pending.size() >= MAX_PIPELINED) {
            closeWith(ctx, null, Close.RESOURCES, "too many outstanding requests");
            return;
        }
        pending.addLast(frame);
        if (pending.size() >= PAUSE_READING_AT) {
            // backpressure for origins that pipeline: stop reading until the queue drains
            ctx.channel().config().setAutoRead(false);
        }
        drain(ctx);
    }

    /** Handles queued PDUs strictly one after another (Z39.50 answers in order). Event loop only. */
    private void drain(ChannelHandlerContext ctx) {
        if (busy || pending.isEmpty() || !ctx.channel().isActive()) {
            if (!busy && pending.isEmpty() && ctx.channel().isActive() && !ctx.channel().config().isAutoRead()) {
                ctx.channel().config().setAutoRead(true);
            }
            return;
        }
        busy = true;
        byte[] frame = pending.pollFirst();
        Z3950Pdu pdu;
        try {
            pdu = Z3950Codec.decode(frame);
        } catch (RuntimeException e) {
            count("undecodable", "protocol-error");
            LOG.debug("undecodable PDU from {}: {}", ctx.channel().remoteAddress(), e.getMessage());
            closeWith(ctx, null, Close.PROTOCOL_ERROR, "undecodable PDU: " + e.getMessage());
            return;
        }
        CompletionStage<Z3950Pdu> answer;
        try {
            answer = dispatch(ctx, pdu);
        } catch (RejectedExecutionException e) {
            closeWith(ctx, pdu.referenceId(), Close.RESOURCES, "server busy");
            return;
        }
        answer.whenComplete((response, err) -> {
            // answered without leaving the event loop (cache hit, diagnostic): respond inline, no task hop
            if (ctx.executor().inEventLoop()) {
                respond(ctx, pdu, response, err);
            } else {
                ctx.executor().execute(() -> respond(ctx, pdu, response, err));
            }
        });
    }

    private void respond(ChannelHandlerContext ctx, Z3950Pdu pdu, Z3950Pdu response, Throwable err) {
        if (err != null) {
            LOG.warn("request failed on {}", ctx.channel().remoteAddress(), err);
            closeWith(ctx, pdu.referenceId(), Close.SYSTEM_PROBLEM, "internal error");
            return;
        }
        if (response instanceof Close c) {
            closeWith(ctx, c.referenceId(), c.closeReason(), c.diagnosticInformation());
            return;
        }
        Z3950Pdu withRef = withReference(response, pdu.referenceId());
        ctx.writeAndFlush(Unpooled.wrappedBuffer(Z3950Codec.encode(withRef))).addListener((ChannelFutureListener) f -> {
            if (withRef instanceof InitResponse ir && !ir.result()) {
                f.channel().close();
                return;
            }
            busy = false;
            drain(ctx);
        });
    }

    /** Echo the request's referenceId (responses built deep inside present logic carry none). */
    private static Z3950Pdu withReference(Z3950Pdu r, byte[] ref) {
        if (ref == null || r.referenceId() != null) {
            return r;
        }
        if (r instanceof PresentResponse p) {
            return new PresentResponse(ref, p.numberOfRecordsReturned(), p.nextResultSetPosition(), p.presentStatus(), p.records());
        }
        if (r instanceof SearchResponse s) {
            return new SearchResponse(ref, s.resultCount(), s.numberOfRecordsReturned(), s.nextResultSetPosition(), s.searchStatus(),
                    s.resultSetStatus(), s.presentStatus(), s.records());
        }
        return r;
    }

    private CompletionStage<Z3950Pdu> dispatch(ChannelHandlerContext ctx, Z3950Pdu pdu) {
        if (pdu instanceof InitRequest init) {
            return init(ctx, init);
        }
        if (!session.initialised) {
            count("before-init", "protocol-error");
            return done(new Close(pdu.referenceId(), Close.PROTOCOL_ERROR, "initRequest expected first"));
        }
        if (pdu instanceof SearchRequest s) {
            return search(s);
        } else if (pdu instanceof PresentRequest p) {
            return present(p);
        } else if (pdu instanceof ScanRequest s) {
            return scan(s);
        } else if (pdu instanceof SortRequest s) {
            return sort(s);
        } else if (pdu instanceof DeleteResultSetRequest d) {
            return delete(d);
        } else if (pdu instanceof Close c) {
            count("close", "reason-" + c.closeReason());
            return done(new Close(c.referenceId(), Close.FINISHED, "Association terminated by client"));
        }
        int tag = pdu instanceof Unsupported u ? u.tag() : -1;
        count("unsupported", "protocol-error");
        return done(new Close(pdu.referenceId(), Close.PROTOCOL_ERROR, "PDU [" + tag + "] not supported by this target"));
    }

    // ------------------------------------------------------------------ init

    private CompletionStage<Z3950Pdu> init(ChannelHandlerContext ctx, InitRequest r) {
        LOG.info("init from {}: implementation id={} name={} version={}", ctx.channel().remoteAddress(),
                r.implementationId(), r.implementationName(), r.implementationVersion());
        int versions = r.versions() & 0b111;
        if (versions == 0) {
            versions = 0b11;
        }
        session.version3 = (versions & 0b100) != 0;
        long options = r.options() & SUPPORTED_OPTIONS;
        int pref = clamp(r.preferredMessageSize(), settings.maxMessageSize());
        int exc = Math.max(pref, clamp(r.exceptionalRecordSize(), settings.maxRecordSize()));
        String charset = null;
        boolean recordsInCharset = false;
        if (r.charsetProposal() != null && r.charsetProposal().charsets().contains("utf-8")) {
            charset = "utf-8";
            recordsInCharset = true;
            options |= NEGOTIATION_OPTION & r.options();
        }
        final int fv = versions;
        final long fo = options;
        final String fc = charset;
        final boolean fr = recordsInCharset;
        if (session.initialised) {
            return done(new Close(r.referenceId(), Close.PROTOCOL_ERROR, "second initRequest"));
        }
        Z3950Settings.Authentication auth = settings.authentication();
        if (!auth.required()) {
            accept(pref, exc, r.authentication() == null ? null : r.authentication().user());
            count("init", "accepted");
            return done(new InitResponse(r.referenceId(), fv, fo, pref, exc, true, "SB", settings.implementationName(),
                    version(), null, fc, fr));
        }
        Authentication a = r.authentication();
        // PBKDF2 is slow on purpose: verify on the worker executor
        return catalogue.async(() -> {
            boolean ok = a != null && a.user() != null && a.password() != null
                    && SecretHasher.verify(a.password(), auth.users().get(a.user()));
            if (ok) {
                accept(pref, exc, a.user());
                count("init", "accepted");
                return new InitResponse(r.referenceId(), fv, fo, pref, exc, true, "SB", settings.implementationName(), version(), null, fc, fr);
            }
            count("init", "refused");
            LOG.info("init refused for user {} from {}", a == null ? null : a.user(), ctx.channel().remoteAddress());
            return new InitResponse(r.referenceId(), fv, fo, pref, exc, false, "SB", settings.implementationName(), version(),
                    Diag.bib1(1011, "bad userid or password"), null, false);
        });
    }

    private void accept(int pref, int exc, String user) {
        session.initialised = true;
        session.preferredMessageSize = pref;
        session.exceptionalRecordSize = exc;
        session.user = user;
    }

    private static int clamp(int proposed, int limit) {
        return proposed <= 0 ? limit : Math.min(proposed, limit);
    }

    private static String version() {
        String v = Z3950AssociationHandler.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    // ------------------------------------------------------------------ search

    private CompletionStage<Z3950Pdu> search(SearchRequest r) {
        Diag dbDiag = checkDatabases(r.databaseNames());
        if (dbDiag != null) {
            return done(failedSearch(r, dbDiag));
        }
        if (r.queryType() != 1 && r.queryType() != 101) {
            return done(failedSearch(r, Diag.bib1(107, Integer.toString(r.queryType()))));
        }
        String name = r.resultSetName();
        if (name == null || name.isEmpty() || name.length() > 200) {
            return done(failedSearch(r, Diag.bib1(128, name)));
        }
        if (session.resultSets.containsKey(name) && !r.replaceIndicator()) {
            return done(failedSearch(r, Diag.bib1(21, name)));
        }
        if (!session.resultSets.containsKey(name) && session.resultSets.size() >= settings.maxResultSets()) {
            return done(failedSearch(r, Diag.bib1(112, Integer.toString(settings.maxResultSets()))));
        }
        if (virtual != null && virtual.is(r.databaseNames().get(0))) {
            return federatedSearch(r, name);
        }
        CatalogueQuery query;
        try {
            query = Z3950QueryMapper.map(r.attributeSet(), r.rpn(), n -> {
                Z3950Session.ResultSet s = session.resultSets.get(n);
                if (s != null && s.federated()) {
                    throw new UnsupportedSearchException(18, n, "a set of the virtual database cannot be searched locally");
                }
                return s == null ? null : s.ids();
            });
        } catch (UnsupportedSearchException e) {
            session.remove(name);
            return done(failedSearch(r, Diag.bib1(e.bib1Condition(), e.addinfo())));
        }
        String db = settings.database(r.databaseNames().get(0));
        // a repeated search answered from the index's in-memory result cache stays on the event loop
        long[] cached = catalogue.index().searchIfCached(query);
        if (cached != null) {
            return searched(r, name, db, cached);
        }
        return catalogue.async(() -> catalogue.index().search(query)).handle((ids, err) -> {
            if (err != null) {
                session.remove(name);
                return CompletableFuture.<Z3950Pdu>completedFuture(failedSearch(r, diagOf(err)));
            }
            return searched(r, name, db, ids);
        }).thenCompose(x -> x);
    }

    /** Stores the hits as the named set and answers, piggybacking records when the request asks for them. */
    private CompletionStage<Z3950Pdu> searched(SearchRequest r, String name, String db, long[] ids) {
        int n = ids.length;
        long[] kept = n > settings.maxHitsPerSession() ? Arrays.copyOf(ids, settings.maxHitsPerSession()) : ids;
        session.put(new Z3950Session.ResultSet(name, db, kept, n), settings.maxHitsPerSession());
        if (searchOk == null) {
            searchOk = counter("search", "ok");
        }
        searchOk.increment();
        return piggyback(r, name, n, Integer.MAX_VALUE);
    }

    /**
     * The search response for {@code n} hits in result set {@code name}, with the records the small/medium/large set
     * rules of the request ask to piggyback (at most {@code available} of them).
     */
    private CompletionStage<Z3950Pdu> piggyback(SearchRequest r, String name, int n, int available) {
        int piggy = n <= r.smallSetUpperBound() ? n : n < r.largeSetLowerBound() ? Math.min(n, r.mediumSetPresentNumber()) : 0;
        piggy = Math.min(piggy, available);
        if (piggy <= 0) {
            return CompletableFuture.<Z3950Pdu>completedFuture(new SearchResponse(r.referenceId(), n, 0, 1, true, null, null, null));
        }
        String esn = n <= r.smallSetUpperBound() ? r.smallSetElementSetName() : r.mediumSetElementSetName();
        return presentRecords(session.resultSets.get(name), 1, Math.min(piggy, settings.maxRecordsPerPresent()), r.preferredRecordSyntax(), esn)
                .thenApply(p -> (Z3950Pdu) new SearchResponse(r.referenceId(), n, p.numberOfRecordsReturned(), p.nextResultSetPosition(),
                        true, null, p.presentStatus(), p.records()));
    }

    /**
     * A search of the virtual database: the query goes to every remote target as the client sent it (PQF), the
     * answering targets' records are merged round-robin into the named set. Each failed or slow target is a
     * non-surrogate diagnostic 109 (database unavailable, addinfo naming the target) next to searchStatus TRUE and
     * the others' hit count, as YAZ's yaz-client shows them; only when every target fails does the search fail.
     */
    private CompletionStage<Z3950Pdu> federatedSearch(SearchRequest r, String name) {
        String pqf;
        try {
            pqf = PqfWriter.write(r.attributeSet(), r.rpn());
        } catch (UnsupportedSearchException e) {
            session.remove(name);
            return done(failedSearch(r, Diag.bib1(e.bib1Condition(), e.addinfo())));
        }
        CompletionStage<FederatedSearch.Result> answer;
        try {
            answer = virtual.search().search(new FederatedSearch.Query("pqf", pqf, virtual.maxRecordsPerTarget()));
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.handle((res, err) -> {
            if (err != null) {
                session.remove(name);
                return CompletableFuture.<Z3950Pdu>completedFuture(failedSearch(r, diagOf(err)));
            }
            List<Diag> diags = new ArrayList<>();
            for (FederatedSearch.TargetDiagnostic d : res.diagnostics()) {
                String msg = d.message() == null ? "failed" : d.message();
                String info = msg.contains(d.target()) ? msg : d.target() + ": " + msg;
                diags.add(Diag.bib1(109, info.length() > 300 ? info.substring(0, 300) : info));
            }
            if (res.hitsPerTarget().isEmpty()) {
                session.remove(name);
                count("search", "federated-failed");
                List<Diag> all = diags.isEmpty() ? List.of(Diag.bib1(109, virtual.name() + ": no remote targets")) : diags;
                return CompletableFuture.<Z3950Pdu>completedFuture(
                        new SearchResponse(r.referenceId(), 0, 0, 1, false, 3, null, nonSurrogate(all)));
            }
            List<FederatedSearch.Hit> merged = VirtualDatabase.interleave(res.records());
            int n = (int) Math.min(Integer.MAX_VALUE, res.hitsPerTarget().values().stream().mapToLong(Integer::longValue).sum());
            session.put(new Z3950Session.ResultSet(name, virtual.name(), new long[0], n, merged), settings.maxHitsPerSession());
            count("search", diags.isEmpty() ? "federated" : "federated-partial");
            if (!diags.isEmpty()) {
                // the diagnostics take the records field: the client presents the merged set afterwards
                return CompletableFuture.<Z3950Pdu>completedFuture(
                        new SearchResponse(r.referenceId(), n, 0, 1, true, null, null, nonSurrogate(diags)));
            }
            return piggyback(r, name, n, merged.size());
        }).thenCompose(x -> x);
    }

    /** One diagnostic, or several as multipleNonSurDiagnostics (v3); v2 origins get them joined into one. */
    private Records nonSurrogate(List<Diag> diags) {
        if (diags.size() == 1) {
            return new NonSurrogateDiagnostic(diags.get(0));
        }
        if (session.version3) {
            return new MultipleNonSurrogateDiagnostics(diags);
        }
        return new NonSurrogateDiagnostic(Diag.bib1(diags.get(0).condition(),
                String.join("; ", diags.stream().map(Diag::addinfo).toList())));
    }


    private SearchResponse failedSearch(SearchRequest r, Diag d) {
        count("search", "diagnostic-" + d.condition());
        return new SearchResponse(r.referenceId(), 0, 0, 1, false, 3, null, new NonSurrogateDiagnostic(d));
    }

    private Diag checkDatabases(List<String> dbs) {
        if (dbs.isEmpty()) {
            return Diag.bib1(109, "no database");
        }
        if (dbs.size() > 1) {
            return Diag.bib1(111, Integer.toString(dbs.size()));
        }
        if (settings.database(dbs.get(0)) == null && (virtual == null || !virtual.is(dbs.get(0)))) {
            return Diag.bib1(109, dbs.get(0));
        }
        return null;
    }

    private static Diag diagOf(Throwable err) {
        Throwable t = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
        if (t instanceof UnsupportedSearchException u) {
            return Diag.bib1(u.bib1Condition(), u.addinfo());
        }
        LOG.warn("catalogue failure", t);
        return Diag.bib1(2, "temporary system error");
    }

    // ------------------------------------------------------------------ present

    private CompletionStage<Z3950Pdu> present(PresentRequest r) {
        Z3950Session.ResultSet set = session.resultSets.get(r.resultSetId());
        if (set == null) {
            int cond = session.missingCondition(r.resultSetId());
            count("present", "diagnostic-" + cond);
            return done(new PresentResponse(r.referenceId(), 0, 0, 5, new NonSurrogateDiagnostic(Diag.bib1(cond, r.resultSetId()))));
        }
        int start = r.resultSetStartPoint();
        int n = r.numberOfRecordsRequested();
        if (start < 1 || n < 0 || start > set.count() || (long) start + n - 1 > set.count()) {
            count("present", "diagnostic-13");
            return done(new PresentResponse(r.referenceId(), 0, start, 5, new NonSurrogateDiagnostic(Diag.bib1(13, Integer.toString(start + n - 1)))));
        }
        if ((long) start + n - 1 > set.presentable()) {
            count("present", "diagnostic-13");
            return done(new PresentResponse(r.referenceId(), 0, start, 5, new NonSurrogateDiagnostic(Diag.bib1(13,
                    "only the first " + set.presentable() + " records of " + (set.federated() ? "a federated" : "a")
                            + " result set can be presented"))));
        }
        if (n > settings.maxRecordsPerPresent()) {
            n = settings.maxRecordsPerPresent();
        }
        return presentRecords(set, start, n, r.preferredRecordSyntax(), r.elementSetName())
                .thenApply(p -> (Z3950Pdu) new PresentResponse(r.referenceId(), p.numberOfRecordsReturned(), p.nextResultSetPosition(),
                        p.presentStatus(), p.records()));
    }

    /** Records start..start+n-1 of a set, applying the message-size rules. */
    private CompletionStage<PresentResponse> presentRecords(Z3950Session.ResultSet set, int start, int n, String syntax, String esn) {
        RecordSpec spec;
        try {
            spec = RecordSpec.of(syntax, esn);
        } catch (UnsupportedSearchException e) {
            count("present", "diagnostic-" + e.bib1Condition());
            return done(new PresentResponse(null, 0, start, 5, new NonSurrogateDiagnostic(Diag.bib1(e.bib1Condition(), e.addinfo()))));
        }
        int pref = session.preferredMessageSize;
        int exc = session.exceptionalRecordSize;
        int presentable = set.presentable();
        CompletionStage<List<CatalogueAccess.Fetched>> records;
        if (set.federated()) {
            List<FederatedSearch.Hit> slice = set.remote().subList(start - 1, start - 1 + n);
            records = catalogue.async(() -> CatalogueAccess.remote(slice, spec));
        } else {
            records = catalogue.fetch(Arrays.copyOfRange(set.ids(), start - 1, start - 1 + n), spec);
        }
        return records.handle((fetched, err) -> {
            if (err != null) {
                return new PresentResponse(null, 0, start, 5, new NonSurrogateDiagnostic(diagOf(err)));
            }
            List<NamePlusRecord> out = new ArrayList<>();
            int total = 0;
            int status = 0;
            int next = start;
            for (int i = 0; i < fetched.size(); i++) {
                CatalogueAccess.Fetched f = fetched.get(i);
                // records of the virtual database are named by their source target (NamePlusRecord.name)
                String db = set.federated() ? set.remote().get(start - 1 + i).target() : set.database();
                NamePlusRecord npr;
                if (f.missing() && set.federated()) {
                    npr = NamePlusRecord.diagnostic(db, Diag.bib1(238, "MARC-8 output is not offered for records of remote targets"));
                } else if (f.missing()) {
                    npr = NamePlusRecord.diagnostic(db, Diag.bib1(spec.kind() == RecordSpec.Kind.USMARC_MARC8 ? 238 : 14,
                            "record " + f.bibId() + " is no longer available"));
                } else {
                    External e;
                    try {
                        e = CatalogueAccess.external(f, spec);
                    } catch (RuntimeException ex) {
                        LOG.warn("cannot convert record {}", f.bibId(), ex);
                        e = null;
                    }
                    if (e == null) {
                        npr = NamePlusRecord.diagnostic(db, Diag.bib1(14, "conversion failed"));
                    } else if (e.size() > exc) {
                        npr = NamePlusRecord.diagnostic(db, Diag.bib1(17, Integer.toString(e.size())));
                    } else if (e.size() > pref && n > 1) {
                        npr = NamePlusRecord.diagnostic(db, Diag.bib1(16, Integer.toString(e.size())));
                    } else if (!out.isEmpty() && total + e.size() > pref) {
                        status = 2;
                        break;
                    } else {
                        npr = NamePlusRecord.of(db, e);
                    }
                }
                int sz = npr.record() == null ? 64 : npr.record().size() + 32;
                total += sz;
                out.add(npr);
                next++;
            }
            count("present", status == 0 ? "ok" : "partial");
            return new PresentResponse(null, out.size(), next > presentable ? 0 : next, status, new ResponseRecords(out));
        });
    }

    // ------------------------------------------------------------------ scan, sort, delete

    private CompletionStage<Z3950Pdu> scan(ScanRequest r) {
        Diag dbDiag = checkDatabases(r.databaseNames());
        if (dbDiag != null) {
            return done(failedScan(r, dbDiag));
        }
        if (virtual != null && virtual.is(r.databaseNames().get(0))) {
            return done(failedScan(r, Diag.bib1(109, virtual.name() + ": scan is not offered on the virtual database")));
        }
        if (r.stepSize() != null && r.stepSize() != 0) {
            return done(failedScan(r, Diag.bib1(205, Integer.toString(r.stepSize()))));
        }
        int wanted = Math.max(0, Math.min(r.numberOfTermsRequested(), settings.maxScanTerms()));
        int position = r.preferredPositionInResponse() == null ? 1 : r.preferredPositionInResponse();
        if (position < 1 || position > wanted + 1) {
            return done(failedScan(r, Diag.bib1(233, Integer.toString(position))));
        }
        org.stackbridge.core.catalogue.Attributes attrs;
        String term;
        try {
            if (r.attributeSet() != null && !org.stackbridge.z3950.pdu.Oids.BIB1_ATTRIBUTES.equals(r.attributeSet())) {
                throw new UnsupportedSearchException(121, r.attributeSet(), "Unsupported attribute set");
            }
            attrs = Z3950QueryMapper.attributes(r.termListAndStartPoint().attributes());
            term = Z3950QueryMapper.termText(r.termListAndStartPoint().term());
        } catch (UnsupportedSearchException e) {
            return done(failedScan(r, Diag.bib1(e.bib1Condition(), e.addinfo())));
        }
        return catalogue.async(() -> catalogue.index().scan(attrs, term, wanted, position)).handle((res, err) -> {
            if (err != null) {
                return failedScan(r, diagOf(err));
            }
            count("scan", "ok");
            ScanResult s = res;
            List<ScanTerm> terms = s.entries().stream().map(e -> new ScanTerm(e.term(), e.term(), e.occurrences())).toList();
            int status = terms.size() < wanted ? 1 : 0;
            return new ScanResponse(r.referenceId(), 0, terms.isEmpty() ? 0 : status, s.positionOfTerm(), terms, List.of());
        });
    }

    private ScanResponse failedScan(ScanRequest r, Diag d) {
        count("scan", "diagnostic-" + d.condition());
        return new ScanResponse(r.referenceId(), 0, 6, null, List.of(), List.of(d));
    }

    private CompletionStage<Z3950Pdu> sort(SortRequest r) {
        if (r.inputResultSetNames().isEmpty()) {
            return done(failedSort(r, Diag.bib1(208, "")));
        }
        if (r.inputResultSetNames().size() > 1) {
            return done(failedSort(r, Diag.bib1(230, Integer.toString(r.inputResultSetNames().size()))));
        }
        Z3950Session.ResultSet in = session.resultSets.get(r.inputResultSetNames().get(0));
        if (in == null) {
            return done(failedSort(r, Diag.bib1(session.missingCondition(r.inputResultSetNames().get(0)), r.inputResultSetNames().get(0))));
        }
        if (in.federated()) {
            return done(failedSort(r, Diag.bib1(207, "sets of the virtual database are not sorted")));
        }
        String out = r.sortedResultSetName();
        if (out == null || out.isEmpty()) {
            return done(failedSort(r, Diag.bib1(208, "")));
        }
        if (!session.resultSets.containsKey(out) && session.resultSets.size() >= settings.maxResultSets()) {
            return done(failedSort(r, Diag.bib1(112, Integer.toString(settings.maxResultSets()))));
        }
        if (r.sortSequence().isEmpty() || r.sortSequence().size() > 10) {
            return done(failedSort(r, Diag.bib1(211, Integer.toString(r.sortSequence().size()))));
        }
        List<SortKey> keys = new ArrayList<>();
        try {
            for (SortKeySpec k : r.sortSequence()) {
                keys.add(Z3950QueryMapper.sortKey(k.attributes(), k.sortField(), k.sortRelation()));
            }
        } catch (UnsupportedSearchException e) {
            return done(failedSort(r, Diag.bib1(e.bib1Condition(), e.addinfo())));
        }
        return catalogue.async(() -> catalogue.index().sort(in.ids(), keys)).handle((ids, err) -> {
            if (err != null) {
                return failedSort(r, diagOf(err));
            }
            session.put(new Z3950Session.ResultSet(out, in.database(), ids, ids.length), settings.maxHitsPerSession());
            count("sort", "ok");
            return new SortResponse(r.referenceId(), 0, null, List.of());
        });
    }

    private SortResponse failedSort(SortRequest r, Diag d) {
        count("sort", "diagnostic-" + d.condition());
        return new SortResponse(r.referenceId(), 2, 3, List.of(d));
    }

    private CompletionStage<Z3950Pdu> delete(DeleteResultSetRequest r) {
        count("delete", "ok");
        if (r.deleteFunction() == 1) {
            session.clear();
            return done(new DeleteResultSetResponse(r.referenceId(), 0, List.of()));
        }
        List<DeleteStatus> st = new ArrayList<>();
        boolean all = true;
        for (String name : r.resultSetList()) {
            boolean existed = session.remove(name) != null;
            all &= existed;
            st.add(new DeleteStatus(name, existed ? 0 : 1));
        }
        return done(new DeleteResultSetResponse(r.referenceId(), all ? 0 : 9, st));
    }

    // ------------------------------------------------------------------ connection events

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            count("idle", "close-7");
            closeWith(ctx, null, Close.LACK_OF_ACTIVITY, "idle for " + settings.idleTimeoutSeconds() + " s");
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException) {
            count("framing", "protocol-error");
            LOG.debug("bad BER from {}: {}", ctx.channel().remoteAddress(), cause.getMessage());
            closeWith(ctx, null, Close.PROTOCOL_ERROR, "malformed BER: " + cause.getMessage());
        } else {
            LOG.debug("connection error {}: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }

    private void closeWith(ChannelHandlerContext ctx, byte[] ref, int reason, String text) {
        if (!ctx.channel().isActive()) {
            return;
        }
        ctx.writeAndFlush(Unpooled.wrappedBuffer(Z3950Codec.encode(new Close(ref, reason, text))))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private void count(String pdu, String outcome) {
        counter(pdu, outcome).increment();
    }

    private Counter counter(String pdu, String outcome) {
        return counters.computeIfAbsent(pdu + '|' + outcome, k -> Counter.builder("stackbridge.z3950.requests")
                .tag("pdu", pdu).tag("outcome", outcome).register(meters));
    }

    private static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
