package org.stackbridge.sip2.server;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;

/** Builds the server {@link SslContext} from the TLS settings: PEM, PKCS#12 or a generated self-signed certificate. */
public final class Sip2Tls {

    private Sip2Tls() {
    }

    public static SslContext serverContext(Sip2Settings.Tls tls, java.time.Clock clock) {
        try {
            if (tls.pkcs12File() != null && !tls.pkcs12File().isBlank()) {
                char[] pw = tls.pkcs12Password() == null ? new char[0] : tls.pkcs12Password().toCharArray();
                KeyStore ks = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(Path.of(tls.pkcs12File()))) {
                    ks.load(in, pw);
                }
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, pw);
                return SslContextBuilder.forServer(kmf).build();
            }
            if (tls.certFile() != null && tls.keyFile() != null) {
                return SslContextBuilder.forServer(new File(tls.certFile()), new File(tls.keyFile()), tls.keyPassword()).build();
            }
            if (tls.selfSigned()) {
                SelfSignedCertificates.Generated g = SelfSignedCertificates.generate("localhost", clock.instant(), 365);
                return SslContextBuilder.forServer(g.key(), g.certificate()).build();
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("SIP2 TLS configuration unusable: " + e.getMessage(), e);
        }
        throw new IllegalStateException("SIP2 TLS enabled without certFile+keyFile, pkcs12File or selfSigned");
    }
}
