package org.stackbridge.ncip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.stackbridge.adapter.memory.InMemoryCirculation;
import org.stackbridge.core.ill.IllEngine;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.core.model.CirculationEvent;
import org.stackbridge.core.testing.TestClock;
import org.stackbridge.ncip.binding.v2.NCIPMessage;
import org.stackbridge.ncip.codec.NcipParseException;
import org.stackbridge.ncip.codec.NcipXml;
import org.stackbridge.ncip.config.NcipAgency;
import org.stackbridge.ncip.config.NcipDefaults;
import org.stackbridge.ncip.config.NcipSettings;
import org.stackbridge.ncip.server.NcipHttpServer;

/**
 * An NCIP server on 127.0.0.1:0 over the in-memory engine with ILL registered, seeded with one institution,
 * patrons, titles and items; every answer is checked against the official NCIP 2.02 schema.
 */
final class NcipFixture implements AutoCloseable {

    static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    static final String SECRET = "s3cret-reshare";

    private static final Schema OFFICIAL;
    private static final Schema VERSION;

    static {
        try {
            SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            OFFICIAL = f.newSchema(NcipFixture.class.getResource("/ncip/xsd/ncip_v2_02.xsd"));
            VERSION = f.newSchema(NcipFixture.class.getResource("/ncip/ncip_version.xsd"));
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final TestClock clock = new TestClock(NOW);
    final InMemoryCirculation circ = new InMemoryCirculation(clock);
    final IllEngine ill = IllEngine.registerWith(circ.engine());
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final NcipHttpServer server;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    BibRecord bib;

    NcipFixture() throws InterruptedException {
        this(settings());
    }

    NcipFixture(NcipSettings settings) throws InterruptedException {
        circ.library("MAIN", "MAIN");
        circ.library("EAST", "MAIN");
        circ.patron("P100", "1234", "adult", "MAIN");
        circ.patron("P200", "9999", "adult", "EAST");
        circ.patron("PARTNER1", null, "ill-partner", "MAIN");
        bib = circ.bib("ocm0001", "The Left Hand of Darkness", "Le Guin, Ursula K.");
        circ.item("I100", bib, "book", "MAIN");
        circ.item("I101", bib, "book", "MAIN");
        BibRecord other = circ.bib("ocm0002", "Dune", "Herbert, Frank");
        circ.item("I200", other, "book", "MAIN");
        server = new NcipHttpServer(settings, circ.port(), meters).start();
    }

    static NcipSettings settings() {
        NcipDefaults lending = new NcipDefaults(null, null, null, "PARTNER1", null, null);
        NcipAgency reshare = new NcipAgency(SECRET, null, "reshare", Map.of("MAIN", "MAIN"), lending, null, null, null, null);
        NcipAgency relais = new NcipAgency(null, List.of("127.0.0.0/8"), "relais", null, lending, null, null, null, null);
        NcipAgency tipasa = new NcipAgency(null, null, "tipasa", null, new NcipDefaults("ILL-TIPASA", "ILL shelf", new BigDecimal("3.00"),
                "PARTNER1", null, null), null, null, null, "/ncip/tipasa");
        NcipAgency generic = new NcipAgency(null, List.of("10.99.0.0/16"), "generic", null, null, null, null, null, null);
        return new NcipSettings(null, 64 * 1024, false, Map.of("ReShare", reshare, "relais", relais, "tipasa", tipasa, "farAway", generic),
                Map.of("MAIN", "MAIN"), null, "USD", 2);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    HttpResponse<String> postRaw(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** POSTs a message to /ncip, checks HTTP 200 and schema validity, and returns the parsed answer. */
    NCIPMessage post(String xml) throws IOException, InterruptedException {
        return post("/ncip", xml);
    }

    NCIPMessage post(String path, String xml) throws IOException, InterruptedException {
        HttpResponse<String> r = postRaw(path, "application/xml", xml.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, r.statusCode(), r.body());
        return parseValid(r.body());
    }

    static NCIPMessage parseValid(String body) {
        validate(body, OFFICIAL);
        try {
            NcipXml.Parsed p = NcipXml.read(body.getBytes(StandardCharsets.UTF_8));
            return ((NcipXml.V2) p).message();
        } catch (NcipParseException e) {
            throw new AssertionError("answer unreadable: " + e.getMessage() + "\n" + body);
        }
    }

    /** An NCIP version 1 answer: no NCIP 2 namespace, the v1 version; parsed through the v1-to-v2 input mapping. */
    static NCIPMessage parseV1(String body) {
        assertTrue(!body.contains(NcipXml.NCIP_NS) && body.contains("version=\"http://www.niso.org/ncip/v1_0/imp1/dtd/ncip_v1_0.dtd\""), body);
        try {
            NcipXml.Parsed p = NcipXml.read(body.getBytes(StandardCharsets.UTF_8));
            return ((NcipXml.V2) p).message();
        } catch (NcipParseException e) {
            throw new AssertionError("answer unreadable: " + e.getMessage() + "\n" + body);
        }
    }

    static void validate(String body, Schema schema) {
        try {
            Validator v = schema.newValidator();
            v.validate(new StreamSource(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))));
        } catch (Exception e) {
            fail("answer is not schema-valid: " + e.getMessage() + "\n" + body);
        }
    }

    static void validateVersion(String body) {
        validate(body, VERSION);
    }

    List<CirculationEvent> events() {
        return circ.store().runNow(tx -> tx.events().between(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), 100_000));
    }

    /** A header from the ReShare test partner (with its secret) to MAIN. */
    static String header(String from, String secret) {
        return "<ns1:InitiationHeader><ns1:FromAgencyId><ns1:AgencyId>" + from + "</ns1:AgencyId></ns1:FromAgencyId>"
                + (secret == null ? "" : "<ns1:FromAgencyAuthentication>" + secret + "</ns1:FromAgencyAuthentication>")
                + "<ns1:ToAgencyId><ns1:AgencyId>MAIN</ns1:AgencyId></ns1:ToAgencyId></ns1:InitiationHeader>";
    }

    static String reshare() {
        return header("ReShare", SECRET);
    }

    /** Wraps a service element in an NCIPMessage with the ns1 prefix. */
    static String msg(String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ns1:NCIPMessage xmlns:ns1=\"http://www.niso.org/2008/ncip\" "
                + "ns1:version=\"http://www.niso.org/schemas/ncip/v2_02/ncip_v2_02.xsd\">" + body + "</ns1:NCIPMessage>";
    }

    static String problemType(List<org.stackbridge.ncip.binding.v2.Problem> ps) {
        return ps.isEmpty() ? null : ps.get(0).getProblemType().getValue();
    }

    @Override
    public void close() {
        server.close();
        circ.close();
    }
}
