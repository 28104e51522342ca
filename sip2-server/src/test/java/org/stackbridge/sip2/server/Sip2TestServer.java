package org.stackbridge.sip2.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.stackbridge.adapter.memory.InMemoryCirculation;
import org.stackbridge.core.model.BibRecord;
import org.stackbridge.sip2.client.Sip2Client;
import org.stackbridge.sip2.client.Sip2Requests;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.spec.FixedField;

/**
 * A Sip2Server on port 0 in front of the in-memory engine with a fixed clock and seeded data:
 * institution INST1 (libraries MAIN, BR2) and INST2 (library OTHER); patrons P1 (PIN 1234), P2 (PIN 5678),
 * P3 (home BR2), Q1 (INST2, PIN 1111); items I1..I6 at MAIN (I1/I4 share a title), X1 at OTHER; accounts
 * kiosk1/secret (INST1, profile default), kiosk2/pw2 (INST2), ibm/pw (INST1, profile ibm850),
 * strict/pw (INST1, profile strict: CRLF, ED on, checkout PIN required), sorter/pw (INST1, profile sorter: hides AF and AO).
 */
final class Sip2TestServer implements AutoCloseable {

    static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");

    /** Settings as a config file would give them (bound by Jackson without annotations). */
    static final String SETTINGS_JSON = """
            {
              "host": "127.0.0.1",
              "port": 0,
              "maxFrameLength": 1024,
              "loginTimeoutSeconds": 30,
              "idleTimeoutSeconds": 300,
              "defaultInstitution": "INST1",
              "failedLoginThrottle": {"maxFailures": 3, "penaltySeconds": 60},
              "profiles": {
                "default": {
                  "timezone": "UTC",
                  "libraryName": "Main Library",
                  "sortBins": {"HOLD_SHELF": "H1", "TRANSIT_FOR_HOLD": "T1", "TRANSIT_HOME": "T2", "RESHELVE": "S1"},
                  "screenMessages": {"CHECKOUT_OK@002": "Prêt enregistré"},
                  "itemPropertiesField": "location",
                  "patronFields": {"BE": "email", "BF": "phone", "PA": "expires"}
                },
                "ibm850": {"timezone": "UTC", "charset": "IBM850"},
                "sorter": {"timezone": "UTC", "hiddenFields": ["AF", "AO"]},
                "strict": {"timezone": "UTC", "terminator": "CRLF", "errorDetection": "ON", "checkoutPinRequired": true,
                           "supportedMessages": ["23", "11", "09", "99", "63", "35", "17"]}
              }
            }
            """;

    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final InMemoryCirculation circ = new InMemoryCirculation(clock);
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final Sip2Server server;

    Sip2TestServer() {
        this(settings());
    }

    Sip2TestServer(Sip2Settings settings) {
        seed();
        server = new Sip2Server(settings, circ.port(), registry, clock).start();
    }

    static Sip2Settings settings() {
        try {
            return new ObjectMapper().readValue(SETTINGS_JSON, Sip2Settings.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void seed() {
        circ.library("MAIN", "INST1");
        circ.library("BR2", "INST1");
        circ.library("OTHER", "INST2");
        circ.patron("P1", "1234", "adult", "MAIN");
        circ.patron("P2", "5678", "adult", "MAIN");
        circ.patron("P3", "9999", "adult", "BR2");
        circ.patron("Q1", "1111", "adult", "OTHER");
        BibRecord b1 = circ.bib("B1", "Le Piège de Bogota", "Author One");
        BibRecord b2 = circ.bib("B2", "Second title", "Author Two");
        BibRecord b3 = circ.bib("B3", "Third title", "Author Three");
        circ.item("I1", b1, "book", "MAIN");
        circ.item("I2", b2, "book", "MAIN");
        circ.item("I3", b3, "book", "MAIN");
        circ.item("I4", b1, "book", "MAIN");
        circ.item("I5", b2, "book", "MAIN");
        circ.item("I6", b3, "book", "MAIN");
        circ.item("X1", circ.bib("BX", "Other institution title", "X"), "book", "OTHER");
        circ.account("kiosk1", "secret", "INST1", "default");
        circ.account("kiosk2", "pw2", "INST2", "default");
        circ.account("ibm", "pw", "INST1", "ibm850");
        circ.account("strict", "pw", "INST1", "strict");
        circ.account("sorter", "pw", "INST1", "sorter");
    }

    Sip2Requests requests(String institution) {
        return new Sip2Requests(clock, institution);
    }

    Sip2Client connect() throws IOException {
        return Sip2Client.connect("127.0.0.1", server.port());
    }

    Sip2Client connect(Sip2Client.Options options) throws IOException {
        return Sip2Client.connect("127.0.0.1", options.tls() ? server.tlsPort() : server.port(), options);
    }

    /** A connected, logged-in client for kiosk1 at MAIN. */
    Sip2Client kiosk1() throws IOException {
        Sip2Client c = connect();
        Sip2Message r = c.send(requests("INST1").login("kiosk1", "secret", "MAIN"));
        if (!"1".equals(r.fixed(FixedField.OK))) {
            throw new IllegalStateException("login failed");
        }
        return c;
    }

    @Override
    public void close() {
        server.close();
        circ.close();
    }
}
