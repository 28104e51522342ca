package org.stackbridge.z3950.sru;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stackbridge.core.catalogue.Attributes;
import org.stackbridge.core.catalogue.CatalogueQuery;
import org.stackbridge.core.catalogue.ScanResult;
import org.stackbridge.core.catalogue.SortKey;
import org.stackbridge.core.catalogue.UnsupportedSearchException;
import org.stackbridge.z3950.pdu.Oids;
import org.stackbridge.z3950.pdu.RpnNode;
import org.stackbridge.z3950.query.CqlParser;
import org.stackbridge.z3950.query.PqfParser;
import org.stackbridge.z3950.query.PqfWriter;
import org.stackbridge.z3950.config.VirtualDatabase;
import org.stackbridge.core.catalogue.FederatedSearch;
import org.stackbridge.z3950.query.Z3950QueryMapper;
import org.stackbridge.z3950.record.MarcRecord;
import org.stackbridge.z3950.record.OpacRecords;
import org.stackbridge.z3950.record.RecordFormats;
import org.stackbridge.z3950.record.RecordSpec;
import org.stackbridge.z3950.handler.CatalogueAccess;
import org.stackbridge.z3950.config.Z3950Settings;

/**
 * SRU 1.1/1.2/2.0 over HTTP GET or form POST: searchRetrieve (CQL, or PQF in {@code x-pquery}), scan,
 * explain; records as MARCXML, Dublin Core or OPAC XML. Served on the Z39.50 port and mountable at
 * {@code /sru} on another HTTP server ({@link #handle}). Errors are SRU diagnostics in a 200 response.
 */
public final class SruHttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SruHttpHandler.class);
    private static final String NS_1 = "http://www.loc.gov/zing/srw/";
    private static final String NS_2 = "http://docs.oasis-open.org/ns/search-ws/sruResponse";
    private static final String DIAG_NS_1 = "http://www.loc.gov/zing/srw/diagnostic/";
    private static final String DIAG_NS_2 = "http://docs.oasis-open.org/ns/search-ws/diagnostic";
    private static final int MAX_RECORDS = 100;

    private final Z3950Settings settings;
    private final CatalogueAccess catalogue;
    private final VirtualDatabase virtual;

    public SruHttpHandler(Z3950Settings settings, CatalogueAccess catalogue) {
        this(settings, catalogue, null);
    }

    /** With the virtual database (nullable) served at its name, e.g. /sru/Federated. */
    public SruHttpHandler(Z3950Settings settings, CatalogueAccess catalogue, VirtualDatabase virtual) {
        this.settings = settings;
        this.catalogue = catalogue;
        this.virtual = virtual;
    }

    /**
     * A handler over its own catalogue access, for an HTTP server without the Z39.50 listener; index work
     * runs on {@code executor} (never pass an event loop).
     */
    public static SruHttpHandler standalone(Z3950Settings settings, org.stackbridge.core.catalogue.CatalogueIndex index,
                                            org.stackbridge.core.port.CirculationPort circulation, java.util.concurrent.Executor executor) {
        return new SruHttpHandler(settings, new CatalogueAccess(index, circulation, executor, java.time.ZoneId.of(settings.zone()),
                settings.institution()));
    }

    /** An SRU diagnostic: number in info:srw/diagnostic/1/, details, message. */
    record SruDiag(int code, String details, String message) {
    }

    private static final class SruException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient SruDiag diag;

        SruException(int code, String details, String message) {
            super(message);
            diag = new SruDiag(code, details, message);
        }
    }

    /** Answers one SRU request; never completes exceptionally. */
    public CompletionStage<FullHttpResponse> handle(FullHttpRequest request, InetSocketAddress remote) {
        Map<String, String> p;
        String db;
        boolean soap = false;
        try {
            if (request.method() != HttpMethod.GET && request.method() != HttpMethod.POST && request.method() != HttpMethod.HEAD) {
                return CompletableFuture.completedFuture(plain(HttpResponseStatus.METHOD_NOT_ALLOWED, "GET or POST\n"));
            }
            QueryStringDecoder uri = new QueryStringDecoder(request.uri(), StandardCharsets.UTF_8);
            p = params(uri);
            if (request.method() == HttpMethod.POST) {
                String ct = request.headers().get(HttpHeaderNames.CONTENT_TYPE, "").toLowerCase(Locale.ROOT);
                if (ct.startsWith("application/x-www-form-urlencoded")) {
                    p.putAll(params(new QueryStringDecoder(request.content().toString(StandardCharsets.UTF_8), StandardCharsets.UTF_8, false)));
                } else if (ct.startsWith("text/xml") || ct.startsWith("application/soap+xml") || ct.startsWith("application/xml")) {
                    soap = true;
                    p.putAll(SrwSoap.parse(request.content().toString(StandardCharsets.UTF_8)));
                } else {
                    return CompletableFuture.completedFuture(plain(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
                            "POST needs application/x-www-form-urlencoded or an SRW SOAP request\n"));
                }
            }
            db = database(uri.path());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(plain(HttpResponseStatus.BAD_REQUEST, "malformed request\n"));
        }
        final boolean wrap = soap;
        String version = p.getOrDefault("version", p.containsKey("operation") ? "1.2" : "2.0");
        boolean v2 = version.startsWith("2");
        String operation = p.getOrDefault("operation", p.containsKey("query") || p.containsKey("x-pquery") ? "searchRetrieve"
                : p.containsKey("scanClause") ? "scan" : "explain");
        CompletionStage<String> body;
        if (!List.of("1.1", "1.2", "2.0").contains(version)) {
            body = CompletableFuture.completedFuture(diagnosticsOnly("explainResponse", "1.2", false, new SruDiag(5, "1.2", "Unsupported version")));
        } else if (db == null) {
            body = CompletableFuture.completedFuture(diagnosticsOnly(responseName(operation), version, v2,
                    new SruDiag(1, database(request.uri()), "Database does not exist")));
        } else {
            body = switch (operation) {
                case "searchRetrieve" -> virtual != null && virtual.is(db) ? federatedSearchRetrieve(p, version, v2)
                        : searchRetrieve(p, version, v2);
                case "scan" -> virtual != null && virtual.is(db) ? CompletableFuture.completedFuture(diagnosticsOnly("scanResponse", version, v2,
                        new SruDiag(4, "scan", "Unsupported operation: scan is not offered on the virtual database")))
                        : scan(p, version, v2);
                case "explain" -> CompletableFuture.completedFuture(explain(version, v2, db, request.headers().get(HttpHeaderNames.HOST)));
                default -> CompletableFuture.completedFuture(diagnosticsOnly("explainResponse", version, v2, new SruDiag(4, operation, "Unsupported operation")));
            };
        }
        return body.handle((xml, err) -> {
            if (err != null) {
                LOG.warn("SRU request failed from {}", remote, err);
                xml = diagnosticsOnly(responseName(operation), version, v2, new SruDiag(1, "", "General system error"));
            }
            if (wrap) {
                xml = SrwSoap.envelope(xml);
            }
            byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(bytes));
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/xml; charset=UTF-8");
            r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
            return r;
        });
    }

    private static String responseName(String operation) {
        return switch (operation) {
            case "scan" -> "scanResponse";
            case "searchRetrieve" -> "searchRetrieveResponse";
            default -> "explainResponse";
        };
    }

    private static Map<String, String> params(QueryStringDecoder d) {
        Map<String, String> out = new LinkedHashMap<>();
        d.parameters().forEach((k, v) -> {
            if (!v.isEmpty()) {
                out.put(k, v.get(0));
            }
        });
        return out;
    }

    /** "/", "/sru", "/Default", "/sru/Default" → the configured database name, null when unknown. */
    private String database(String path) {
        List<String> parts = new ArrayList<>(Arrays.stream(path.split("\\?")[0].split("/")).filter(s -> !s.isEmpty()).toList());
        if (!parts.isEmpty() && parts.get(0).equalsIgnoreCase("sru")) {
            parts.remove(0);
        }
        if (parts.isEmpty()) {
            return settings.databaseNames().get(0);
        }
        if (virtual != null && virtual.is(parts.get(0))) {
            return virtual.name();
        }
        return settings.database(parts.get(0));
    }

    // ------------------------------------------------------------------ searchRetrieve

    private CompletionStage<String> searchRetrieve(Map<String, String> p, String version, boolean v2) {
        int start;
        int max;
        RecordSpec spec;
        String schema;
        String packing;
        CatalogueQuery query;
        List<SortKey> sort = new ArrayList<>();
        try {
            start = startRecord(p);
            max = maximumRecords(p);
            String s = p.getOrDefault("recordSchema", "marcxml");
            spec = schemaSpec(s);
            schema = schemaId(spec);
            packing = p.getOrDefault(v2 ? "recordXMLEscaping" : "recordPacking", p.getOrDefault("recordPacking", "xml"));
            if (!packing.equals("xml") && !packing.equals("string")) {
                throw new SruException(71, packing, "Unsupported record packing");
            }
            RpnNode rpn;
            String set = Oids.BIB1_ATTRIBUTES;
            if (p.containsKey("x-pquery")) {
                PqfParser.Pqf pqf = PqfParser.parse(p.get("x-pquery"));
                rpn = pqf.rpn();
                set = pqf.attributeSet();
            } else if (p.containsKey("query")) {
                CqlParser.Cql cql = CqlParser.parse(p.get("query"));
                rpn = cql.rpn();
                sort.addAll(cql.sortKeys());
            } else {
                throw new SruException(7, "query", "Mandatory parameter not supplied");
            }
            if (p.containsKey("sortKeys")) {
                for (String key : p.get("sortKeys").trim().split("\\s+")) {
                    String[] f = key.split(",");
                    sort.add(new SortKey(CqlParser.parse(f[0] + "=x").rpn() instanceof RpnNode.AttributesPlusTerm t
                            ? (int) t.attributes().get(0).value() : 1016, f.length > 2 && f[2].equals("0")));
                }
            }
            query = Z3950QueryMapper.map(set, rpn, name -> null);
        } catch (SruException e) {
            return CompletableFuture.completedFuture(diagnosticsOnly("searchRetrieveResponse", version, v2, e.diag));
        } catch (UnsupportedSearchException e) {
            return CompletableFuture.completedFuture(diagnosticsOnly("searchRetrieveResponse", version, v2, fromBib1(e)));
        }
        final int fstart = start;
        final int fmax = max;
        return catalogue.async(() -> {
            long[] ids = catalogue.index().search(query);
            return sort.isEmpty() ? ids : catalogue.index().sort(ids, sort);
        }).thenCompose(ids -> {
            if (ids.length > 0 && fstart > ids.length && fmax > 0) {
                return CompletableFuture.completedFuture(result(version, v2, ids.length, List.of(), 0, 0, schema, packing,
                        new SruDiag(61, Integer.toString(fstart), "First record position out of range")));
            }
            int from = Math.min(fstart - 1, ids.length);
            int to = Math.min(ids.length, from + fmax);
            long[] slice = Arrays.copyOfRange(ids, from, to);
            return catalogue.fetch(slice, spec).thenApply(fetched -> {
                List<String> recs = new ArrayList<>();
                for (CatalogueAccess.Fetched f : fetched) {
                    recs.add(f.missing() ? null : recordXml(f, spec));
                }
                int next = to < ids.length ? to + 1 : 0;
                return result(version, v2, ids.length, recs, from + 1, next, schema, packing, List.of());
            });
        }).exceptionally(err -> {
            Throwable t = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
            if (t instanceof UnsupportedSearchException u) {
                return diagnosticsOnly("searchRetrieveResponse", version, v2, fromBib1(u));
            }
            throw new CompletionException(t);
        });
    }

    /**
     * searchRetrieve on the virtual database: the query goes to every remote target (as PQF), the records are merged
     * round-robin and each carries its source in 970 $a. A failed target is a non-fatal diagnostic 2 next to the
     * records; only when all fail is it the whole answer. Sorting is not offered here (diagnostic 80).
     */
    private CompletionStage<String> federatedSearchRetrieve(Map<String, String> p, String version, boolean v2) {
        int start;
        int max;
        RecordSpec spec;
        String schema;
        String packing;
        String pqf;
        try {
            start = startRecord(p);
            max = maximumRecords(p);
            spec = schemaSpec(p.getOrDefault("recordSchema", "marcxml"));
            schema = schemaId(spec);
            packing = p.getOrDefault(v2 ? "recordXMLEscaping" : "recordPacking", p.getOrDefault("recordPacking", "xml"));
            if (!packing.equals("xml") && !packing.equals("string")) {
                throw new SruException(71, packing, "Unsupported record packing");
            }
            if (p.containsKey("x-pquery")) {
                PqfParser.Pqf q = PqfParser.parse(p.get("x-pquery"));
                pqf = PqfWriter.write(q.attributeSet(), q.rpn());
            } else if (p.containsKey("query")) {
                CqlParser.Cql cql = CqlParser.parse(p.get("query"));
                if (!cql.sortKeys().isEmpty()) {
                    throw new SruException(80, "sortby", "Sort not supported on the virtual database");
                }
                pqf = PqfWriter.write(Oids.BIB1_ATTRIBUTES, cql.rpn());
            } else {
                throw new SruException(7, "query", "Mandatory parameter not supplied");
            }
            if (p.containsKey("sortKeys")) {
                throw new SruException(80, "sortKeys", "Sort not supported on the virtual database");
            }
        } catch (SruException e) {
            return CompletableFuture.completedFuture(diagnosticsOnly("searchRetrieveResponse", version, v2, e.diag));
        } catch (UnsupportedSearchException e) {
            return CompletableFuture.completedFuture(diagnosticsOnly("searchRetrieveResponse", version, v2, fromBib1(e)));
        }
        final int fstart = start;
        final int fmax = max;
        CompletionStage<FederatedSearch.Result> answer;
        try {
            answer = virtual.search().search(new FederatedSearch.Query("pqf", pqf, virtual.maxRecordsPerTarget()));
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.thenCompose(res -> {
            List<SruDiag> diags = new ArrayList<>();
            for (FederatedSearch.TargetDiagnostic d : res.diagnostics()) {
                String msg = d.message() == null ? "failed" : d.message();
                diags.add(new SruDiag(2, d.target(), "System temporarily unavailable: " + (msg.length() > 300 ? msg.substring(0, 300) : msg)));
            }
            if (res.hitsPerTarget().isEmpty()) {
                if (diags.isEmpty()) {
                    diags.add(new SruDiag(2, virtual.name(), "System temporarily unavailable: no remote targets"));
                }
                return CompletableFuture.completedFuture(result(version, v2, 0, List.of(), 0, 0, schema, packing, diags));
            }
            List<FederatedSearch.Hit> merged = VirtualDatabase.interleave(res.records());
            int total = (int) Math.min(Integer.MAX_VALUE, res.hitsPerTarget().values().stream().mapToLong(Integer::longValue).sum());
            if (total > 0 && fstart > total && fmax > 0) {
                diags.add(new SruDiag(61, Integer.toString(fstart), "First record position out of range"));
                return CompletableFuture.completedFuture(result(version, v2, total, List.of(), 0, 0, schema, packing, diags));
            }
            int from = Math.min(fstart - 1, merged.size());
            int to = Math.min(merged.size(), from + fmax);
            List<FederatedSearch.Hit> slice = merged.subList(from, to);
            return catalogue.async(() -> {
                List<String> recs = new ArrayList<>();
                for (CatalogueAccess.Fetched f : CatalogueAccess.remote(slice, spec)) {
                    recs.add(recordXml(f, spec));
                }
                // only the fetched part of the merged set can be paged through
                int next = to < merged.size() ? to + 1 : 0;
                return result(version, v2, total, recs, from + 1, next, schema, packing, diags);
            });
        });
    }

    private static int startRecord(Map<String, String> p) {
        int start = intParam(p, "startRecord", 1);
        if (start < 1) {
            throw new SruException(6, "startRecord", "Unsupported parameter value");
        }
        return start;
    }

    /** The page size asked for, at most {@link #MAX_RECORDS}. */
    private static int maximumRecords(Map<String, String> p) {
        int max = Math.min(intParam(p, "maximumRecords", 10), MAX_RECORDS);
        if (max < 0) {
            throw new SruException(6, "maximumRecords", "Unsupported parameter value");
        }
        return max;
    }

    private static int intParam(Map<String, String> p, String name, int dflt) {
        String v = p.get(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new SruException(6, name, "Unsupported parameter value");
        }
    }

    private static RecordSpec schemaSpec(String schema) {
        return switch (schema.toLowerCase(Locale.ROOT)) {
            case "marcxml", "marc21", "info:srw/schema/1/marcxml-v1.1", "http://www.loc.gov/marc21/slim" -> RecordSpec.of(Oids.XML, "marcxml");
            case "dc", "info:srw/schema/1/dc-v1.1" -> RecordSpec.of(Oids.XML, "dc");
            case "opac", "opacxml", "info:srw/schema/1/opacxml" -> RecordSpec.of(Oids.XML, "opacxml");
            default -> throw new SruException(66, schema, "Unknown schema for retrieval");
        };
    }

    private static String schemaId(RecordSpec spec) {
        return switch (spec.kind()) {
            case DUBLIN_CORE -> "info:srw/schema/1/dc-v1.1";
            case OPAC_XML -> "info:srw/schema/1/opacxml";
            default -> "info:srw/schema/1/marcxml-v1.1";
        };
    }

    private static String recordXml(CatalogueAccess.Fetched f, RecordSpec spec) {
        MarcRecord r = MarcRecord.parse(f.record().marcUnsafe());
        return switch (spec.kind()) {
            case DUBLIN_CORE -> RecordFormats.dublinCore(r);
            case OPAC_XML -> OpacRecords.xml(r, f.holdings());
            default -> RecordFormats.marcXml(r, true);
        };
    }

    private String result(String version, boolean v2, int count, List<String> records, int firstPosition, int next, String schema,
                          String packing, SruDiag diag) {
        return result(version, v2, count, records, firstPosition, next, schema, packing, diag == null ? List.of() : List.of(diag));
    }

    private String result(String version, boolean v2, int count, List<String> records, int firstPosition, int next, String schema,
                          String packing, List<SruDiag> diags) {
        String ns = v2 ? NS_2 : NS_1;
        StringBuilder b = new StringBuilder(8192);
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<zs:searchRetrieveResponse xmlns:zs=\"").append(ns).append("\">\n");
        b.append("<zs:version>").append(version).append("</zs:version>\n");
        b.append("<zs:numberOfRecords>").append(count).append("</zs:numberOfRecords>\n");
        if (!records.isEmpty()) {
            b.append("<zs:records>\n");
            int pos = firstPosition;
            for (String rec : records) {
                b.append("<zs:record>\n<zs:recordSchema>").append(schema).append("</zs:recordSchema>\n");
                b.append(v2 ? "<zs:recordXMLEscaping>" : "<zs:recordPacking>").append(packing)
                        .append(v2 ? "</zs:recordXMLEscaping>\n" : "</zs:recordPacking>\n");
                b.append("<zs:recordData>");
                if (rec == null) {
                    b.append(diagXml(v2, new SruDiag(65, Integer.toString(pos), "Record deleted by another user")));
                } else {
                    b.append(packing.equals("string") ? RecordFormats.esc(rec) : rec);
                }
                b.append("</zs:recordData>\n<zs:recordPosition>").append(pos++).append("</zs:recordPosition>\n</zs:record>\n");
            }
            b.append("</zs:records>\n");
        }
        if (next > 0) {
            b.append("<zs:nextRecordPosition>").append(next).append("</zs:nextRecordPosition>\n");
        }
        if (!diags.isEmpty()) {
            b.append("<zs:diagnostics>");
            for (SruDiag d : diags) {
                b.append(diagXml(v2, d));
            }
            b.append("</zs:diagnostics>\n");
        }
        return b.append("</zs:searchRetrieveResponse>\n").toString();
    }

    // ------------------------------------------------------------------ scan

    private CompletionStage<String> scan(Map<String, String> p, String version, boolean v2) {
        Attributes attrs;
        String term;
        int position;
        int max;
        try {
            String clause = p.get("scanClause");
            if (clause == null) {
                throw new SruException(7, "scanClause", "Mandatory parameter not supplied");
            }
            position = intParam(p, "responsePosition", 1);
            max = Math.min(intParam(p, "maximumTerms", 20), settings.maxScanTerms());
            if (position < 0 || position > max + 1 || max < 0) {
                throw new SruException(6, "responsePosition", "Unsupported parameter value");
            }
            RpnNode rpn = CqlParser.parse(clause).rpn();
            if (!(rpn instanceof RpnNode.AttributesPlusTerm apt)) {
                throw new SruException(10, clause, "Query syntax error");
            }
            attrs = Z3950QueryMapper.attributes(apt.attributes()).withTruncation(0);
            term = apt.term().text();
        } catch (SruException e) {
            return CompletableFuture.completedFuture(diagnosticsOnly("scanResponse", version, v2, e.diag));
        } catch (UnsupportedSearchException e) {
            return CompletableFuture.completedFuture(diagnosticsOnly("scanResponse", version, v2, fromBib1(e)));
        }
        int fpos = Math.max(1, position);
        return catalogue.async(() -> catalogue.index().scan(attrs, term, max, fpos)).handle((ScanResult res, Throwable err) -> {
            if (err != null) {
                Throwable t = err.getCause() != null ? err.getCause() : err;
                if (t instanceof UnsupportedSearchException u) {
                    return diagnosticsOnly("scanResponse", version, v2, fromBib1(u));
                }
                throw new CompletionException(t);
            }
            String ns = v2 ? "http://docs.oasis-open.org/ns/search-ws/scan" : NS_1;
            StringBuilder b = new StringBuilder(2048);
            b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<zs:scanResponse xmlns:zs=\"").append(ns).append("\">\n");
            b.append("<zs:version>").append(version).append("</zs:version>\n<zs:terms>\n");
            res.entries().forEach(e -> b.append("<zs:term><zs:value>").append(RecordFormats.esc(e.term())).append("</zs:value><zs:numberOfRecords>")
                    .append(e.occurrences()).append("</zs:numberOfRecords></zs:term>\n"));
            return b.append("</zs:terms>\n</zs:scanResponse>\n").toString();
        });
    }

    // ------------------------------------------------------------------ explain

    private String explain(String version, boolean v2, String db, String hostHeader) {
        String host = hostHeader == null ? settings.host() : hostHeader.replaceAll(":\\d+$", "");
        String port = hostHeader != null && hostHeader.matches(".*:\\d+$") ? hostHeader.replaceAll(".*:", "") : Integer.toString(settings.port());
        String ns = v2 ? NS_2 : NS_1;
        StringBuilder b = new StringBuilder(4096);
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<zs:explainResponse xmlns:zs=\"").append(ns).append("\">\n");
        b.append("<zs:version>").append(version).append("</zs:version>\n<zs:record>\n");
        b.append("<zs:recordSchema>http://explain.z3950.org/dtd/2.0/</zs:recordSchema>\n");
        b.append(v2 ? "<zs:recordXMLEscaping>xml</zs:recordXMLEscaping>\n" : "<zs:recordPacking>xml</zs:recordPacking>\n");
        b.append("<zs:recordData>\n<explain xmlns=\"http://explain.z3950.org/dtd/2.0/\">\n");
        b.append("<serverInfo protocol=\"SRU\" version=\"").append(version).append("\">\n<host>").append(RecordFormats.esc(host))
                .append("</host>\n<port>").append(RecordFormats.esc(port)).append("</port>\n<database>").append(RecordFormats.esc(db))
                .append("</database>\n</serverInfo>\n");
        b.append("<databaseInfo><title>").append(RecordFormats.esc(settings.implementationName())).append(" catalogue</title></databaseInfo>\n");
        b.append("<indexInfo>\n<set name=\"cql\" identifier=\"info:srw/cql-context-set/1/cql-v1.2\"/>\n")
                .append("<set name=\"dc\" identifier=\"info:srw/cql-context-set/1/dc-v1.1\"/>\n")
                .append("<set name=\"bath\" identifier=\"http://zing.z3950.org/cql/bath/2.0/\"/>\n")
                .append("<set name=\"rec\" identifier=\"info:srw/cql-context-set/2/rec-1.1\"/>\n");
        String[][] idx = {{"cql", "serverChoice"}, {"dc", "title"}, {"dc", "creator"}, {"dc", "subject"}, {"dc", "publisher"},
            {"dc", "date"}, {"dc", "identifier"}, {"dc", "language"}, {"rec", "id"}, {"bath", "isbn"}, {"bath", "issn"},
            {"bath", "lccn"}, {"bath", "name"}, {"bath", "subject"}, {"bath", "title"}, {"bath", "possessingInstitution"}};
        for (String[] i : idx) {
            b.append("<index><title>").append(i[1]).append("</title><map><name set=\"").append(i[0]).append("\">").append(i[1])
                    .append("</name></map></index>\n");
        }
        b.append("</indexInfo>\n<schemaInfo>\n")
                .append("<schema identifier=\"info:srw/schema/1/marcxml-v1.1\" name=\"marcxml\"><title>MARCXML</title></schema>\n")
                .append("<schema identifier=\"info:srw/schema/1/dc-v1.1\" name=\"dc\"><title>Dublin Core</title></schema>\n")
                .append("<schema identifier=\"info:srw/schema/1/opacxml\" name=\"opac\"><title>OPAC record with holdings</title></schema>\n")
                .append("</schemaInfo>\n<configInfo>\n<default type=\"numberOfRecords\">10</default>\n")
                .append("<setting type=\"maximumRecords\">").append(MAX_RECORDS).append("</setting>\n</configInfo>\n");
        b.append("</explain>\n</zs:recordData>\n</zs:record>\n</zs:explainResponse>\n");
        return b.toString();
    }

    // ------------------------------------------------------------------ diagnostics

    private static SruDiag fromBib1(UnsupportedSearchException e) {
        int code = switch (e.bib1Condition()) {
            case 108, 125 -> 10;
            case 121 -> 15;
            case 114 -> 16;
            case 117 -> 19;
            case 118, 119, 122 -> 20;
            case 120 -> 28;
            case 110, 132 -> 37;
            case 31 -> 1;
            case 207, 211, 214 -> 80;
            default -> 1;
        };
        return new SruDiag(code, e.addinfo(), e.getMessage() + " (Bib-1 " + e.bib1Condition() + ")");
    }

    private static String diagXml(boolean v2, SruDiag d) {
        return "<diag:diagnostic xmlns:diag=\"" + (v2 ? DIAG_NS_2 : DIAG_NS_1) + "\"><diag:uri>info:srw/diagnostic/1/" + d.code()
                + "</diag:uri><diag:details>" + RecordFormats.esc(d.details() == null ? "" : d.details()) + "</diag:details><diag:message>"
                + RecordFormats.esc(d.message()) + "</diag:message></diag:diagnostic>";
    }

    private static String diagnosticsOnly(String element, String version, boolean v2, SruDiag d) {
        String ns = v2 ? (element.equals("scanResponse") ? "http://docs.oasis-open.org/ns/search-ws/scan" : NS_2) : NS_1;
        StringBuilder b = new StringBuilder(512);
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<zs:").append(element).append(" xmlns:zs=\"").append(ns).append("\">\n");
        b.append("<zs:version>").append(version).append("</zs:version>\n");
        if (element.equals("searchRetrieveResponse")) {
            b.append("<zs:numberOfRecords>0</zs:numberOfRecords>\n");
        }
        b.append("<zs:diagnostics>").append(diagXml(v2, d)).append("</zs:diagnostics>\n");
        return b.append("</zs:").append(element).append(">\n").toString();
    }

    private static FullHttpResponse plain(HttpResponseStatus status, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(b));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8");
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, b.length);
        return r;
    }
}
