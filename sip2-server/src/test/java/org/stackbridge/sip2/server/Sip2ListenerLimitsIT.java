package org.stackbridge.sip2.server;

import static org.junit.jupiter.api.Assertions.*;
import static org.stackbridge.sip2.spec.FieldCode.*;
import static org.stackbridge.sip2.spec.FixedField.*;

import java.io.ByteArrayOutputStream;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.sip2.client.Sip2Client;
import org.stackbridge.sip2.message.Sip2Message;
import org.stackbridge.sip2.session.Sip2Profile;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** TLS listeners and the connection limits (login timeout, idle timeout, maximum connections). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Sip2ListenerLimitsIT {

    private static Sip2Settings with(Sip2Settings s, Sip2Settings.Tls tls, int loginTimeout, int idleTimeout, int maxConnections) {
        return new Sip2Settings(s.host(), 0, tls, s.maxFrameLength(), loginTimeout, idleTimeout, maxConnections,
                s.allowStatusBeforeLogin(), s.replayWindowSeconds(), s.replayEntriesPerLogin(), s.failedLoginThrottle(),
                s.maxConsecutiveErrors(), s.defaultInstitution(), s.workerThreads(), s.profiles());
    }

    @Test
    void selfSignedTlsServesASession() throws Exception {
        try (Sip2TestServer t = new Sip2TestServer(with(Sip2TestServer.settings(), Sip2Settings.Tls.selfSigned(0), 30, 300, 100))) {
            assertTrue(t.server.tlsPort() > 0);
            try (Sip2Client c = t.connect(Sip2Client.Options.plain().withTls(true))) {
                assertEquals("1", c.send(t.requests("INST1").login("kiosk1", "secret", "MAIN")).fixed(OK));
                Sip2Message r = c.send(t.requests("INST1").checkout("P1", "I1", "1234"));
                assertEquals("1", r.fixed(OK));
            }
            // plaintext on the TLS port: the connection is closed, never answered with text
            try (Sip2Client c = Sip2Client.connect("127.0.0.1", t.server.tlsPort(), Sip2Client.Options.plain())) {
                c.writeRaw("9300CNkiosk1|COsecret|\r".getBytes(StandardCharsets.US_ASCII));
                assertTrue(c.awaitClosed());
            }
            assertTrue(t.registry.find("stackbridge.sip2.errors").tag("kind", "tls").counter().count() >= 1);
        }
    }

    @Test
    void pemAndPkcs12CertificatesAreLoaded(@TempDir Path dir) throws Exception {
        SelfSignedCertificates.Generated g = SelfSignedCertificates.generate("localhost", Instant.parse("2026-01-15T10:00:00Z"), 30);
        Path crt = g.writePem(dir, "sip2");
        Sip2Settings.Tls pem = new Sip2Settings.Tls(true, 0, crt.toString(), dir.resolve("sip2.key").toString(), null, null, null, false);
        try (Sip2TestServer t = new Sip2TestServer(with(Sip2TestServer.settings(), pem, 30, 300, 100));
             Sip2Client c = t.connect(Sip2Client.Options.plain().withTls(true))) {
            assertEquals("1", c.send(t.requests("INST1").login("kiosk1", "secret", null)).fixed(OK));
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("sip2", g.key(), "changeit".toCharArray(), new java.security.cert.Certificate[] {g.certificate()});
        Path p12 = dir.resolve("sip2.p12");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ks.store(out, "changeit".toCharArray());
        Files.write(p12, out.toByteArray());
        Sip2Settings.Tls pkcs12 = new Sip2Settings.Tls(true, 0, null, null, null, p12.toString(), "changeit", false);
        try (Sip2TestServer t = new Sip2TestServer(with(Sip2TestServer.settings(), pkcs12, 30, 300, 100));
             Sip2Client c = t.connect(Sip2Client.Options.plain().withTls(true))) {
            assertEquals("1", c.send(t.requests("INST1").login("kiosk1", "secret", null)).fixed(OK));
        }
    }

    @Test
    void aConnectionThatNeverLogsInIsClosed() throws Exception {
        try (Sip2TestServer t = new Sip2TestServer(with(Sip2TestServer.settings(), null, 1, 300, 100));
             Sip2Client c = t.connect()) {
            assertEquals("98", c.send(t.requests("INST1").scStatus()).type().code());
            assertTrue(c.awaitClosed(), "closed by the login timeout");
            assertEquals(1.0, t.registry.find("stackbridge.sip2.errors").tag("kind", "login-timeout").counter().count());
        }
    }

    @Test
    void anIdleConnectionIsClosed() throws Exception {
        try (Sip2TestServer t = new Sip2TestServer(with(Sip2TestServer.settings(), null, 30, 1, 100));
             Sip2Client c = t.kiosk1()) {
            assertTrue(c.awaitClosed(), "closed by the idle timeout");
        }
    }

    @Test
    void connectionsBeyondTheLimitAreClosed() throws Exception {
        try (Sip2TestServer t = new Sip2TestServer(with(Sip2TestServer.settings(), null, 30, 300, 2));
             Sip2Client a = t.kiosk1();
             Sip2Client b = t.kiosk1();
             Sip2Client c = t.connect()) {
            assertTrue(c.awaitClosed());
            assertEquals("98", a.send(t.requests("INST1").scStatus()).type().code());
            b.close();
            a.close();
        }
    }

    @Test
    void settingsBindWithDefaults() {
        Sip2Settings d = Sip2Settings.defaults();
        assertEquals("127.0.0.1", d.host());
        assertEquals(6001, d.port());
        assertEquals(6443, d.tls().port());
        assertFalse(d.tls().enabled());
        assertEquals(65_536, d.maxFrameLength());
        Sip2Settings s = Sip2TestServer.settings();
        assertEquals(3, s.failedLoginThrottle().maxFailures());
        assertEquals(300, s.failedLoginThrottle().windowSeconds());
        assertEquals("IBM850", s.profile("ibm850").charset());
        assertEquals("UTC", s.profile("nonexistent").timezone(), "unknown profile names fall back to default");
        assertEquals(Map.of("HOLD_SHELF", "H1", "TRANSIT_FOR_HOLD", "T1", "TRANSIT_HOME", "T2", "RESHELVE", "S1"), s.profile("default").sortBins());
        assertThrows(IllegalArgumentException.class, () -> Sip2Profile.defaults().withCharset("EBCDIC"));
    }

}
