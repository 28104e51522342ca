package org.stackbridge.z3950;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;
import org.stackbridge.z3950.client.Z3950Client;
import org.stackbridge.z3950.config.Z3950Settings;
import org.stackbridge.z3950.pdu.Z3950Pdu.SearchRequest;
import org.stackbridge.z3950.pdu.Z3950Pdu.SearchResponse;
import org.stackbridge.z3950.query.PqfParser;

/**
 * Connections that never send an Init, and many connections from one address, cannot lock other clients out:
 * an Init deadline (1 s here) and a per-address limit (3 here), refusals logged with the address.
 */
@Timeout(60)
class Z3950ConnectionLimitsIT {

    private static Z3950ServerFixture fixture;
    private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();

    @BeforeAll
    static void start() {
        LOG.start();
        ((Logger) LoggerFactory.getLogger("org.stackbridge.z3950.server.ConnectionRefusals")).addAppender(LOG);
        fixture = new Z3950ServerFixture(Z3950Settings.defaults().withPort(0).withConnectionLimits(1, 3, 256));
    }

    @AfterAll
    static void stop() {
        fixture.close();
        ((Logger) LoggerFactory.getLogger("org.stackbridge.z3950.server.ConnectionRefusals")).detachAppender(LOG);
    }

    private static Socket raw() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", fixture.server.port()), 5000);
        s.setSoTimeout(15_000);
        return s;
    }

    private static Z3950Client client() throws IOException {
        Z3950Client c = new Z3950Client("127.0.0.1", fixture.server.port(), 10_000);
        assertTrue(c.init().result());
        return c;
    }

    /**
     * A client, retried while the server still counts a connection the previous test closed (the server lowers its
     * per-address count when it sees the close, which can come after the next test's connect). A limit lower than 3
     * still fails: every retry is refused until the deadline.
     */
    private static Z3950Client clientOnceFree() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try {
                return client();
            } catch (IOException refused) {
                if (System.nanoTime() > deadline) {
                    throw refused;
                }
                Thread.sleep(50); // poll interval while the server notices the earlier close
            }
        }
    }

    private static SearchRequest search(String pqf) {
        PqfParser.Pqf q = PqfParser.parse(pqf);
        return new SearchRequest(null, 0, 1, 0, true, "default", List.of("Default"), null, null, null, 1, q.attributeSet(), q.rpn());
    }

    private static void awaitLog(String... parts) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            synchronized (LOG.list) {
                if (LOG.list.stream().anyMatch(e -> List.of(parts).stream().allMatch(e.getFormattedMessage()::contains))) {
                    return;
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no log line with " + List.of(parts) + " in " + LOG.list);
    }

    @Test
    void aConnectionWithoutInitIsClosedAtTheInitDeadlineWhileAnInitialisedOneStays() throws Exception {
        try (Z3950Client initialised = client(); Socket silent = raw()) {
            assertEquals(-1, silent.getInputStream().read(), "the silent connection is closed by the server");
            SearchResponse r = (SearchResponse) initialised.exchange(search("@attr 1=1003 austen"));
            assertEquals(357, r.resultCount());
        }
        awaitLog("127.0.0.1", "init-timeout");
    }

    @Test
    void connectionsBeyondThePerAddressLimitAreRefusedAndLoggedUntilOneCloses() throws Exception {
        List<Z3950Client> held = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                held.add(clientOnceFree());
            }
            try (Socket fourth = raw()) {
                assertEquals(-1, fourth.getInputStream().read(), "the fourth connection from 127.0.0.1 is refused");
            }
            awaitLog("127.0.0.1", "max-connections-per-address");
            held.remove(0).close();
            // the server counts the closed connection down asynchronously: retry until a new association is accepted
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (true) {
                try {
                    held.add(client());
                    break;
                } catch (IOException e) {
                    assertTrue(System.nanoTime() < deadline, "no connection accepted after one closed: " + e);
                }
            }
        } finally {
            for (Z3950Client c : held) {
                c.close();
            }
        }
    }
}
