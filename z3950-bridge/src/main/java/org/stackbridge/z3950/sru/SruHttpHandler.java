package org.stackbridge.z3950.sru;

import static org.stackbridge.z3950.sru.SruResponses.MAX_RECORDS;
import static org.stackbridge.z3950.sru.SruResponses.NS_1;
import static org.stackbridge.z3950.sru.SruResponses.NS_2;
import static org.stackbridge.z3950.sru.SruResponses.SruDiag;
import static org.stackbridge.z3950.sru.SruResponses.SruException;
import static org.stackbridge.z3950.sru.SruResponses.diagnosticsOnly;
import static org.stackbridge.z3950.sru.SruResponses.fromBib1;
import static org.stackbridge.z3950.sru.SruResponses.refusal;
import static org.stackbridge.z3950.sru.SruResponses.intParam;
import static org.stackbridge.z3950.sru.SruResponses.maximumRecords;
import static org.stackbridge.z3950.sru.SruResponses.responseName;

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
import org.stackbridge.core.catalogue.ScanResult;
import org.stackbridge.core.catalogue.UnsupportedSearchException;
import org.stackbridge.z3950.pdu.RpnNode;
import org.stackbridge.z3950.query.CqlParser;
import org.stackbridge.z3950.query.PqfParser;
import org.stackbridge.z3950.config.VirtualDatabase;
import org.stackbridge.z3950.query.Z3950QueryMapper;
import org.stackbridge.z3950.record.RecordFormats;
import org.stackbridge.z3950.handler.CatalogueAccess;
import org.stackbridge.z3950.handler.ScanWindow;
import org.stackbridge.z3950.config.Z3950Settings;

/**
 * SRU 1.1/1.2/2.0 over HTTP GET or form POST: searchRetrieve (CQL, or PQF in {@code x-pquery}), scan (CQL, or PQF in
 * {@code x-pScanClause}),
 * explain; records as MARCXML, Dublin Core or OPAC XML. Served on the Z39.50 port and mountable at
 * {@code /sru} on another HTTP server ({@link #handle}). Errors are SRU diagnostics in a 200 response.
 */
public final class SruHttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SruHttpHandler.class);
    /** YAZ's extension: the scan clause as PQF (zoomsh and yaz-client send it for a PQF scan). */
    static final String X_PSCAN_CLAUSE = "x-pScanClause";

    private final Z3950Settings settings;
    private final CatalogueAccess catalogue;
    private final VirtualDatabase virtual;
    private final SruSearchRetrieve searchRetrieve;

    public SruHttpHandler(Z3950Settings settings, CatalogueAccess catalogue) {
        this(settings, catalogue, null);
    }

    /** With the virtual database (nullable) served at its name, e.g. /sru/Federated. */
    public SruHttpHandler(Z3950Settings settings, CatalogueAccess catalogue, VirtualDatabase virtual) {
        this.settings = settings;
        this.catalogue = catalogue;
        this.virtual = virtual;
        this.searchRetrieve = new SruSearchRetrieve(catalogue, virtual);
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
                : p.containsKey("scanClause") || p.containsKey(X_PSCAN_CLAUSE) ? "scan" : "explain");
        CompletionStage<String> body;
        if (!List.of("1.1", "1.2", "2.0").contains(version)) {
            body = CompletableFuture.completedFuture(diagnosticsOnly("explainResponse", "1.2", false, new SruDiag(5, "1.2", "Unsupported version")));
        } else if (db == null) {
            body = CompletableFuture.completedFuture(diagnosticsOnly(responseName(operation), version, v2,
                    new SruDiag(1, database(request.uri()), "Database does not exist")));
        } else {
            body = switch (operation) {
                case "searchRetrieve" -> virtual != null && virtual.is(db) ? searchRetrieve.federatedSearchRetrieve(p, version, v2)
                        : searchRetrieve.searchRetrieve(p, version, v2);
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


    // ------------------------------------------------------------------ scan

    private CompletionStage<String> scan(Map<String, String> p, String version, boolean v2) {
        Attributes attrs;
        String term;
        int position;
        int max;
        try {
            String clause = p.get("scanClause");
            String pqf = p.get(X_PSCAN_CLAUSE);
            if (clause == null && pqf == null) {
                throw new SruException(7, "scanClause", "Mandatory parameter not supplied");
            }
            position = intParam(p, "responsePosition", 1);
            max = Math.min(intParam(p, "maximumTerms", 20), settings.maxScanTerms());
            if (!ScanWindow.supported(position, max, settings.maxScanTerms()) || max < 0) {
                throw new SruException(6, "responsePosition", "Unsupported parameter value");
            }
            RpnNode rpn = clause != null ? CqlParser.parse(clause).rpn() : PqfParser.parse(pqf).rpn();
            if (!(rpn instanceof RpnNode.AttributesPlusTerm apt)) {
                throw new SruException(10, clause != null ? clause : pqf, "Query syntax error");
            }
            attrs = Z3950QueryMapper.attributes(apt.attributes()).withTruncation(0);
            term = apt.term().text();
        } catch (SruException | UnsupportedSearchException e) {
            return CompletableFuture.completedFuture(diagnosticsOnly("scanResponse", version, v2, refusal(e)));
        }
        return catalogue.async(() -> catalogue.index().scan(attrs, term, max, position)).handle((ScanResult res, Throwable err) -> {
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
            b.append("<zs:version>").append(version).append("</zs:version>\n<zs:terms>");
            // no whitespace between the terms: YAZ (yaz-client, zoomsh) counts every child node of <terms> as a term and
            // crashes on the text nodes; displayTerm is what they print: the term as the records have it (value is the folded term)
            res.entries().forEach(e -> b.append("<zs:term><zs:value>").append(RecordFormats.esc(e.term())).append("</zs:value><zs:numberOfRecords>")
                    .append(e.occurrences()).append("</zs:numberOfRecords><zs:displayTerm>").append(RecordFormats.esc(e.displayTerm()))
                    .append("</zs:displayTerm></zs:term>"));
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


    private static FullHttpResponse plain(HttpResponseStatus status, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(b));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8");
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, b.length);
        return r;
    }
}
