package org.stackbridge.ncip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stackbridge.ncip.NcipFixture.problemType;
import static org.stackbridge.ncip.NcipFixture.reshare;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.stackbridge.ncip.binding.v2.LookupUserResponse;
import org.stackbridge.ncip.binding.v2.NCIPMessage;

/**
 * The two request paths of the listener: small messages handled on the event loop, large ones and answers
 * that grow with the data on the worker pool; and answers in request order for a client that pipelines.
 */
@Timeout(60)
class NcipHttpPathIT {

    private NcipFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new NcipFixture();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        String[] users = {"P100", "NOBODY", "P200", "NOBODY2", "P100"};
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (String u : users) {
            all.write(request(NcipServicesIT.lookupUser(reshare(), u, "")));
        }
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), f.server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(all.toByteArray()); // every request in one write
            out.flush();
            BufferedInputStream in = new BufferedInputStream(s.getInputStream());
            for (String u : users) {
                LookupUserResponse r = readAnswer(in).getLookupUserResponse();
                if (u.startsWith("NOBODY")) {
                    assertEquals("Unknown User", problemType(r.getProblem()), u);
                } else {
                    assertTrue(r.getProblem().isEmpty(), u);
                    assertEquals(u, r.getUserId().getUserIdentifierValue());
                }
            }
        }
    }

    @Test
    void largeMessageIsReadOnTheWorkerPool() throws Exception {
        // over the inline limit (16 KiB) but under the body limit (64 KiB in the fixture)
        String padding = "<!--" + "x".repeat(40_000) + "-->";
        NCIPMessage m = f.post(NcipServicesIT.lookupUser(reshare(), "P100", padding));
        assertTrue(m.getLookupUserResponse().getProblem().isEmpty());
        assertEquals("P100", m.getLookupUserResponse().getUserId().getUserIdentifierValue());
    }

    @Test
    void answerThatGrowsWithTheDataIsWritten() throws Exception {
        NCIPMessage m = f.post(NcipServicesIT.lookupUser(reshare(), "P100",
                "<ns1:LoanedItemsDesired/><ns1:RequestedItemsDesired/><ns1:UserFiscalAccountDesired/>"));
        assertTrue(m.getLookupUserResponse().getProblem().isEmpty());
        assertTrue(m.getLookupUserResponse().getUserOptionalFields() != null);
    }

    @Test
    void manyConcurrentClientsAllGetTheirOwnAnswer() throws Exception {
        int clients = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
        try {
            java.util.List<java.util.concurrent.Future<String>> answers = new java.util.ArrayList<>();
            for (int c = 0; c < clients; c++) {
                String user = c % 2 == 0 ? "P100" : "P200";
                answers.add(pool.submit(() -> {
                    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), f.server.port())) {
                        s.setSoTimeout(10_000);
                        BufferedInputStream in = new BufferedInputStream(s.getInputStream());
                        for (int i = 0; i < 20; i++) {
                            s.getOutputStream().write(request(NcipServicesIT.lookupUser(reshare(), user, "")));
                            String got = readAnswer(in).getLookupUserResponse().getUserId().getUserIdentifierValue();
                            if (!user.equals(got)) {
                                return "asked " + user + ", got " + got;
                            }
                        }
                        return user;
                    }
                }));
            }
            for (int c = 0; c < clients; c++) {
                assertEquals(c % 2 == 0 ? "P100" : "P200", answers.get(c).get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] request(String xml) {
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST /ncip HTTP/1.1\r\nHost: x\r\nContent-Type: application/xml\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    private static NCIPMessage readAnswer(InputStream in) throws IOException {
        String status = line(in);
        assertTrue(status.startsWith("HTTP/1.1 200"), status);
        int length = -1;
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            if (h.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(h.substring(15).trim());
            }
        }
        return NcipFixture.parseValid(new String(in.readNBytes(length), StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
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
