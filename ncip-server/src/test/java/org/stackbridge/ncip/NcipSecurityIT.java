package org.stackbridge.ncip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.stackbridge.ncip.NcipFixture.problemType;
import static org.stackbridge.ncip.NcipFixture.reshare;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.ncip.binding.v2.NCIPMessage;

/** Hostile and broken input: each gets a clear NCIP answer, nothing is read or fetched, and the server stays up. */
@Timeout(60)
class NcipSecurityIT {

    private NcipFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new NcipFixture();
    }

    @AfterEach
    void stop() {
        assertServerStillServes();
        f.close();
    }

    private void assertServerStillServes() {
        try {
            NCIPMessage m = f.post(NcipServicesIT.lookupUser(reshare(), "P100", ""));
            assertTrue(m.getLookupUserResponse().getProblem().isEmpty(), "server still answers normal requests");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private String syntaxProblem(String body) throws Exception {
        HttpResponse<String> r = f.postRaw("/ncip", "application/xml", body.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, r.statusCode());
        NCIPMessage m = NcipFixture.parseValid(r.body());
        assertEquals("Invalid Message Syntax Error", problemType(m.getProblem()), r.body());
        return r.body();
    }

    private static String lookupWith(String doctype, String value) {
        return "<?xml version=\"1.0\"?>" + doctype + "<NCIPMessage xmlns=\"http://www.niso.org/2008/ncip\" version=\"x\"><LookupUser>"
                + "<InitiationHeader><FromAgencyId><AgencyId>relais</AgencyId></FromAgencyId><ToAgencyId><AgencyId>MAIN</AgencyId></ToAgencyId>"
                + "</InitiationHeader><UserId><UserIdentifierValue>" + value + "</UserIdentifierValue></UserId></LookupUser></NCIPMessage>";
    }

    @Test
    void externalEntityIsRejectedWithoutReadingTheFile(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        String body = syntaxProblem(lookupWith("<!DOCTYPE NCIPMessage [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>", "&xxe;"));
        assertFalse(body.contains("TOP-SECRET"));
    }

    @Test
    void externalEntityOnAFifoDoesNotHang(@TempDir Path dir) throws Exception {
        // opening a FIFO for reading blocks until a writer comes: any attempt to read it would hang this request
        Path fifo = dir.resolve("pipe");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo available");
        syntaxProblem(lookupWith("<!DOCTYPE NCIPMessage [<!ENTITY xxe SYSTEM \"" + fifo.toUri() + "\">]>", "&xxe;"));
        syntaxProblem(lookupWith("<!DOCTYPE NCIPMessage [<!ENTITY % pe SYSTEM \"" + fifo.toUri() + "\"> %pe;]>", "P100"));
    }

    @Test
    void externalDtdIsNeverFetched() throws Exception {
        try (ServerSocket trap = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            String dtd = "http://127.0.0.1:" + trap.getLocalPort() + "/ncip_v1_0.dtd";
            String v1 = lookupWith("<!DOCTYPE NCIPMessage PUBLIC \"-//NISO//NCIP DTD Version 1//EN\" \"" + dtd + "\">", "P100");
            HttpResponse<String> r = f.postRaw("/ncip", "text/xml", v1.getBytes(StandardCharsets.UTF_8));
            assertTrue(NcipFixture.parseValid(r.body()).getLookupUserResponse().getProblem().isEmpty(), "v1 DOCTYPE is read, DTD ignored");
            trap.setSoTimeout(200);
            boolean connected;
            try (Socket s = trap.accept()) {
                connected = true;
            } catch (SocketTimeoutException e) {
                connected = false;
            }
            assertFalse(connected, "the DTD was fetched");
        }
    }

    @Test
    void billionLaughsIsRejected() throws Exception {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE NCIPMessage [<!ENTITY lol \"lol\">");
        dtd.append("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">");
        for (int i = 2; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                dtd.append("&lol").append(i - 1).append(';');
            }
            dtd.append("\">");
        }
        dtd.append("]>");
        syntaxProblem(lookupWith(dtd.toString(), "&lol9;"));
    }

    @Test
    void deepNestingIsRejected() throws Exception {
        String deep = "<a>".repeat(5_000) + "</a>".repeat(5_000);
        syntaxProblem("<NCIPMessage xmlns=\"http://www.niso.org/2008/ncip\" version=\"x\"><LookupUser>" + deep + "</LookupUser></NCIPMessage>");
    }

    @Test
    void oversizeBodyGets413() throws Exception {
        byte[] big = new byte[70 * 1024];
        java.util.Arrays.fill(big, (byte) 'a');
        HttpResponse<String> r = f.postRaw("/ncip", "application/xml", big);
        assertEquals(413, r.statusCode());
        assertEquals("Protocol Error", problemType(NcipFixture.parseValid(r.body()).getProblem()));
    }

    @Test
    void nonXmlWrongNamespaceAndTruncatedBodies() throws Exception {
        syntaxProblem("hello, is this the library?");
        syntaxProblem("{\"json\": true}");
        syntaxProblem("<x:NCIPMessage xmlns:x=\"urn:not-ncip\"><x:LookupUser/></x:NCIPMessage>");
        syntaxProblem(NcipServicesIT.lookupUser(reshare(), "P100", "").substring(0, 150));
        Random random = new Random(42);
        for (int i = 0; i < 20; i++) {
            byte[] junk = new byte[1 + random.nextInt(2000)];
            random.nextBytes(junk);
            HttpResponse<String> r = f.postRaw("/ncip", "application/xml", junk);
            assertEquals(200, r.statusCode());
            assertFalse(NcipFixture.parseValid(r.body()).getProblem().isEmpty());
        }
    }

    @Test
    void emptyMessageAndMessageWithoutService() throws Exception {
        syntaxProblem("");
        NCIPMessage m = f.post("<NCIPMessage xmlns=\"http://www.niso.org/2008/ncip\" version=\"x\"/>");
        assertEquals("Unsupported Service", problemType(m.getProblem()));
    }

    @Test
    void otherMethodsAndPathsAnswerInNcip() throws Exception {
        HttpResponse<String> get = f.http.send(HttpRequest.newBuilder(f.uri("/ncip")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, get.statusCode());
        NcipFixture.parseValid(get.body());
        HttpResponse<String> put = f.http.send(HttpRequest.newBuilder(f.uri("/ncip")).PUT(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, put.statusCode());
        NcipFixture.parseValid(put.body());
        HttpResponse<String> other = f.postRaw("/elsewhere", "application/xml", "<a/>".getBytes(StandardCharsets.UTF_8));
        assertEquals(404, other.statusCode());
        NcipFixture.parseValid(other.body());
        assertTrue(other.headers().firstValue("content-type").orElse("").startsWith("application/xml"));
    }

    @Test
    void malformedHttpIsAnsweredAndClosed() throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), f.server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /ncip HTTP/1.1\r\nHost: x\r\nContent-Length: banana\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        }
    }

    @Test
    void keepAliveServesManyRequestsOnOneConnection() throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), f.server.port())) {
            s.setSoTimeout(10_000);
            byte[] body = NcipServicesIT.lookupUser(reshare(), "P100", "").getBytes(StandardCharsets.UTF_8);
            OutputStream out = s.getOutputStream();
            java.io.BufferedInputStream in = new java.io.BufferedInputStream(s.getInputStream());
            for (int i = 0; i < 3; i++) {
                out.write(("POST /ncip HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                String status = readLine(in);
                assertTrue(status.startsWith("HTTP/1.1 200"), status);
                int length = -1;
                for (String h = readLine(in); !h.isEmpty(); h = readLine(in)) {
                    if (h.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(h.substring(15).trim());
                    }
                }
                byte[] answer = in.readNBytes(length);
                assertTrue(NcipFixture.parseValid(new String(answer, StandardCharsets.UTF_8)).getLookupUserResponse().getProblem().isEmpty());
            }
        }
    }

    private static String readLine(InputStream in) throws java.io.IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }
}
