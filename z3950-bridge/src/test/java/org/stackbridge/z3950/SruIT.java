package org.stackbridge.z3950;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SRU 1.2/2.0 and SRW over HTTP on the Z39.50 port, and the mountable handler. */
@Timeout(60)
class SruIT {

    private static Z3950ServerFixture fixture;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        fixture = new Z3950ServerFixture();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static String get(String pathAndQuery) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fixture.server.port() + pathAndQuery))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        return r.body();
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void searchRetrieve12WithCql() throws Exception {
        String body = get("/Default?version=1.2&operation=searchRetrieve&query=" + q("dc.creator=austen and dc.title=prejudice")
                + "&maximumRecords=2&recordSchema=marcxml");
        assertTrue(body.contains("xmlns:zs=\"http://www.loc.gov/zing/srw/\""), body);
        assertTrue(body.contains("<zs:numberOfRecords>184</zs:numberOfRecords>"), body);
        assertTrue(body.contains("<zs:nextRecordPosition>3</zs:nextRecordPosition>"), body);
        assertEquals(2, body.split("<zs:recordPosition>").length - 1);
    }

    @Test
    void searchRetrieve20WithDublinCoreAndPqf() throws Exception {
        String body = get("/?version=2.0&operation=searchRetrieve&x-pquery=" + q("@attr 1=7 0060933259") + "&recordSchema=dc");
        assertTrue(body.contains("http://docs.oasis-open.org/ns/search-ws/sruResponse"), body);
        assertTrue(body.contains("<zs:numberOfRecords>1</zs:numberOfRecords>"), body);
        assertTrue(body.contains("<dc:title>"), body);
    }

    @Test
    void opacSchemaCarriesLiveHoldings() throws Exception {
        String body = get("/Default?version=1.2&operation=searchRetrieve&query=" + q("bath.isbn=000470147X") + "&recordSchema=opac");
        assertTrue(body.contains("<itemId>ITEM-1</itemId>") && body.contains("<availableNow value=\"1\"/>"), body);
    }

    @Test
    void truncationSortAndDiagnostics() throws Exception {
        assertTrue(get("/Default?version=1.2&operation=searchRetrieve&query=" + q("dc.title=prejud*") + "&maximumRecords=0")
                .contains("<zs:numberOfRecords>195</zs:numberOfRecords>"));
        assertTrue(get("/Default?version=1.2&operation=searchRetrieve&query=" + q("dc.creator=austen sortby dc.date/sort.descending")
                + "&maximumRecords=1").contains("<zs:numberOfRecords>357</zs:numberOfRecords>"));
        assertTrue(get("/Default?version=1.2&operation=searchRetrieve&query=" + q("dc.nosuch=x")).contains("info:srw/diagnostic/1/16"));
        assertTrue(get("/Default?version=1.2&operation=searchRetrieve&query=" + q("dc.title=(")).contains("info:srw/diagnostic/1/10"));
        assertTrue(get("/Default?version=1.2&operation=searchRetrieve").contains("info:srw/diagnostic/1/7"));
        assertTrue(get("/Default?version=1.2&operation=searchRetrieve&query=pride&recordSchema=grs1").contains("info:srw/diagnostic/1/66"));
        assertTrue(get("/Default?version=1.2&operation=searchRetrieve&query=pride&startRecord=9999").contains("info:srw/diagnostic/1/61"));
    }

    @Test
    void scanAndExplain() throws Exception {
        String scan = get("/Default?version=1.2&operation=scan&scanClause=" + q("dc.title=pride") + "&maximumTerms=5");
        assertTrue(scan.contains("<zs:value>pride</zs:value><zs:numberOfRecords>196</zs:numberOfRecords>"
                + "<zs:displayTerm>Pride</zs:displayTerm>"), scan);
        String pqfScan = get("/Default?version=1.2&operation=scan&x-pScanClause=" + q("@attr 1=4 pride") + "&maximumTerms=2&responsePosition=3");
        assertTrue(pqfScan.contains("<zs:value>press</zs:value>") && pqfScan.contains("<zs:value>prici</zs:value>")
                && !pqfScan.contains("<zs:value>pride</zs:value>"), pqfScan);
        String explain = get("/Default?version=1.2&operation=explain");
        assertTrue(explain.contains("<database>Default</database>") && explain.contains("marcxml"), explain);
    }

    @Test
    void srwSoapRequestFromTheVectors() throws Exception {
        byte[] soap;
        try (InputStream in = SruIT.class.getResourceAsStream("/golden/z3950/srw-request.xml")) {
            soap = in.readAllBytes();
        }
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fixture.server.port() + "/Default"))
                .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofByteArray(soap)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(r.body().contains("SOAP-ENV:Envelope") && r.body().contains("<zs:numberOfRecords>"), r.body());
    }

    @Test
    void handlerMountableAtSlashSru() throws Exception {
        DefaultFullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
                "/sru?version=1.2&operation=searchRetrieve&query=" + q("rec.id=ocm42943498"), Unpooled.EMPTY_BUFFER);
        FullHttpResponse resp = fixture.server.sruHandler().handle(req, new InetSocketAddress("127.0.0.1", 1))
                .toCompletableFuture().get(20, TimeUnit.SECONDS);
        try {
            assertEquals(200, resp.status().code());
            assertTrue(resp.content().toString(StandardCharsets.UTF_8).contains("<zs:numberOfRecords>1</zs:numberOfRecords>"));
        } finally {
            resp.release();
        }
    }
}
