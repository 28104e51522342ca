package org.stackbridge.gateway.federation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.marc4j.MarcPermissiveStreamReader;
import org.marc4j.MarcReader;
import org.marc4j.MarcXmlReader;
import org.marc4j.marc.Record;
import org.stackbridge.gateway.config.GatewayConfig;
import org.stackbridge.z3950.client.Z3950Client;
import org.stackbridge.z3950.pdu.Oids;
import org.stackbridge.z3950.pdu.Z3950Pdu;
import org.stackbridge.z3950.query.CqlWriter;
import org.stackbridge.z3950.query.PqfParser;
import org.stackbridge.core.catalogue.UnsupportedSearchException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Fetches MARC records from one configured remote target (blocking; for the CLI). */
public final class RemoteCatalogue {

    /** What to search for; each maps to a Bib-1 use attribute and a CQL index. */
    public enum Access {
        ISBN(7, "bath.isbn"), LCCN(9, "bath.lccn"), TITLE(4, "dc.title"), ANY(1016, "cql.anywhere");

        final int use;
        final String cql;

        Access(int use, String cql) {
            this.use = use;
            this.cql = cql;
        }
    }

    /** A target that could not be reached or answered with an error. */
    public static final class TargetException extends IOException {
        private static final long serialVersionUID = 1L;

        public TargetException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The records found (at most {@code max}) and the total hit count the target reported. */
    public record Found(int hits, List<Record> records) {
    }

    private static final String MARCXML_NS = "http://www.loc.gov/MARC21/slim";
    private static final int MAX_SRU_BYTES = 16 << 20;

    private RemoteCatalogue() {
    }

    public static Found fetch(String name, GatewayConfig.Target target, Access access, String term, int max) throws TargetException {
        if (term.isBlank() || term.length() > 500 || term.indexOf('"') >= 0 || term.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("search term must be 1-500 characters without quotes or backslashes");
        }
        return switch (target.type()) {
            case "z3950" -> z3950(name, target, "@attr 1=" + access.use + " \"" + term + "\"", max);
            case "sru" -> sru(name, target, access.cql + "=\"" + term + "\"", max);
            default -> throw new IllegalArgumentException("unknown target type " + target.type());
        };
    }

    /**
     * A whole query in PQF (as a Z39.50 client sent it to the virtual database): forwarded as is to Z39.50 targets,
     * as CQL to SRU targets.
     */
    public static Found fetchPqf(String name, GatewayConfig.Target target, String pqf, int max) throws TargetException {
        if (pqf.isBlank() || pqf.length() > 10_000) {
            throw new IllegalArgumentException("query must be 1-10000 characters");
        }
        PqfParser.Pqf parsed;
        try {
            parsed = PqfParser.parse(pqf);
        } catch (UnsupportedSearchException e) {
            throw new IllegalArgumentException("malformed query: " + e.addinfo(), e);
        }
        return switch (target.type()) {
            case "z3950" -> z3950(name, target, pqf, max);
            case "sru" -> {
                String cql;
                try {
                    cql = CqlWriter.write(parsed.attributeSet(), parsed.rpn());
                } catch (UnsupportedSearchException e) {
                    throw new TargetException("target " + name + " (SRU) cannot take the query as CQL: " + e.getMessage() + " "
                            + e.addinfo() + " (Bib-1 " + e.bib1Condition() + ")", e);
                }
                yield sru(name, target, cql, max);
            }
            default -> throw new IllegalArgumentException("unknown target type " + target.type());
        };
    }

    private static Found z3950(String name, GatewayConfig.Target t, String pqf, int max) throws TargetException {
        int timeout = t.timeoutSeconds() * 1000;
        Z3950Client client;
        try {
            client = new Z3950Client(t.host(), t.port(), timeout);
        } catch (IOException e) {
            throw new TargetException("target " + name + " (" + t.host() + ":" + t.port() + ") is unreachable: " + e.getMessage(), e);
        }
        try (client) {
            Z3950Pdu.InitResponse init = client.init();
            if (!init.result()) {
                throw new TargetException("target " + name + " refused the connection" + diag(init.refusal()), null);
            }
            Z3950Pdu.SearchResponse sr = client.search(t.database(), pqf);
            if (!sr.searchStatus()) {
                String why = diag(sr.records());
                throw new TargetException("target " + name + " rejected the search" + why, null);
            }
            List<Record> records = new ArrayList<>();
            int n = Math.min(sr.resultCount(), max);
            if (n > 0) {
                Z3950Pdu pdu = client.present("default", 1, n, Oids.USMARC, "F");
                if (!(pdu instanceof Z3950Pdu.PresentResponse pr)) {
                    throw new TargetException("target " + name + " answered the present with " + pdu.getClass().getSimpleName(), null);
                }
                if (pr.records() instanceof Z3950Pdu.NonSurrogateDiagnostic || pr.records() instanceof Z3950Pdu.MultipleNonSurrogateDiagnostics) {
                    throw new TargetException("target " + name + " could not present the records" + diag(pr.records()), null);
                }
                if (pr.records() instanceof Z3950Pdu.ResponseRecords rr) {
                    for (Z3950Pdu.NamePlusRecord npr : rr.records()) {
                        if (npr.record() != null && npr.record().octetAligned() != null) {
                            MarcReader reader = new MarcPermissiveStreamReader(new ByteArrayInputStream(npr.record().octetAligned()), true, true);
                            if (reader.hasNext()) {
                                records.add(reader.next());
                            }
                        }
                    }
                }
            }
            return new Found(sr.resultCount(), records);
        } catch (TargetException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new TargetException("target " + name + " (" + t.host() + ":" + t.port() + ") failed: " + e, e);
        }
    }

    private static String diag(Z3950Pdu.Records records) {
        if (records instanceof Z3950Pdu.NonSurrogateDiagnostic d) {
            return diag(d.diag());
        }
        if (records instanceof Z3950Pdu.MultipleNonSurrogateDiagnostics m && !m.diags().isEmpty()) {
            return diag(m.diags().get(0));
        }
        return "";
    }

    private static String diag(org.stackbridge.z3950.pdu.Diag d) {
        return d == null ? "" : ": diagnostic " + d.condition() + (d.addinfo().isEmpty() ? "" : " (" + d.addinfo() + ")");
    }

    private static Found sru(String name, GatewayConfig.Target t, String cql, int max) throws TargetException {
        String url = t.url() + (t.url().contains("?") ? "&" : "?") + "version=1.2&operation=searchRetrieve&recordSchema=marcxml"
                + "&maximumRecords=" + max + "&query=" + URLEncoder.encode(cql, StandardCharsets.UTF_8);
        Duration timeout = Duration.ofSeconds(t.timeoutSeconds());
        byte[] body;
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
            HttpResponse<byte[]> resp = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (resp.statusCode() != 200) {
                throw new TargetException("target " + name + " answered HTTP " + resp.statusCode(), null);
            }
            body = resp.body();
        } catch (TargetException e) {
            throw e;
        } catch (IOException e) {
            throw new TargetException("target " + name + " (" + t.url() + ") is unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetException("interrupted", e);
        }
        if (body.length > MAX_SRU_BYTES) {
            throw new TargetException("target " + name + " sent more than " + MAX_SRU_BYTES + " bytes", null);
        }
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(body));
            NodeList diags = doc.getElementsByTagNameNS("*", "diagnostic");
            NodeList count = doc.getElementsByTagNameNS("*", "numberOfRecords");
            if (count.getLength() == 0) {
                String msg = diags.getLength() > 0 ? diags.item(0).getTextContent().trim().replaceAll("\\s+", " ") : "no numberOfRecords";
                throw new TargetException("target " + name + " rejected the search: " + msg, null);
            }
            int hits = Integer.parseInt(count.item(0).getTextContent().trim());
            List<Record> records = new ArrayList<>();
            NodeList marc = doc.getElementsByTagNameNS(MARCXML_NS, "record");
            var tf = TransformerFactory.newInstance();
            for (int i = 0; i < marc.getLength() && records.size() < max; i++) {
                StringWriter w = new StringWriter();
                var tr = tf.newTransformer();
                tr.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
                tr.transform(new DOMSource((Element) marc.item(i)), new StreamResult(w));
                MarcReader reader = new MarcXmlReader(new ByteArrayInputStream(w.toString().getBytes(StandardCharsets.UTF_8)));
                if (reader.hasNext()) {
                    records.add(reader.next());
                }
            }
            return new Found(hits, records);
        } catch (TargetException e) {
            throw e;
        } catch (Exception e) {
            throw new TargetException("target " + name + " sent an unreadable SRU response: " + e, e);
        }
    }
}
