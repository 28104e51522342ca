package org.stackbridge.ncip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.adapter.memory.InMemoryCirculation;
import org.stackbridge.ncip.server.NcipHttpServer;

/** The optional HTTPS listener: a self-signed certificate made with the JDK's keytool, trusted by the client. */
@Timeout(60)
class NcipHttpsIT {

    @Test
    void lookupUserOverHttps(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("ncip.p12");
        char[] pass = "changeit".toCharArray();
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        assumeTrue(Files.isExecutable(keytool), "keytool available");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "ncip", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool made a key");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, pass);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pass);
        SslContext ssl = SslContextBuilder.forServer(kmf).build();
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, tmf.getTrustManagers(), null);

        try (InMemoryCirculation circ = new InMemoryCirculation(java.time.Clock.fixed(NcipFixture.NOW, java.time.ZoneOffset.UTC));
             NcipHttpServer server = new NcipHttpServer(NcipFixture.settings(), circ.port(), new SimpleMeterRegistry(), "127.0.0.1", 0, ssl)
                     .start()) {
            circ.library("MAIN", "MAIN");
            circ.patron("P100", "1234", "adult", "MAIN");
            HttpClient http = HttpClient.newBuilder().sslContext(client).connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/ncip"))
                    .header("Content-Type", "application/xml").timeout(Duration.ofSeconds(20))
                    .POST(HttpRequest.BodyPublishers.ofString(NcipServicesIT.lookupUser(NcipFixture.reshare(), "P100", ""))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals("P100", NcipFixture.parseValid(r.body()).getLookupUserResponse().getUserId().getUserIdentifierValue());
        }
    }
}
