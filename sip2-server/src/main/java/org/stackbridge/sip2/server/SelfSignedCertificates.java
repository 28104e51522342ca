package org.stackbridge.sip2.server;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * Generates a self-signed RSA certificate with the JDK alone (a minimal DER writer), for {@code demo} and tests:
 * Netty's SelfSignedCertificate needs Bouncy Castle or JDK internals that Java 17 no longer exports.
 */
public final class SelfSignedCertificates {

    /** sha256WithRSAEncryption */
    private static final int[] SHA256_RSA = {1, 2, 840, 113549, 1, 1, 11};
    private static final int[] COMMON_NAME = {2, 5, 4, 3};
    private static final int[] SUBJECT_ALT_NAME = {2, 5, 29, 17};

    private SelfSignedCertificates() {
    }

    public record Generated(PrivateKey key, X509Certificate certificate) {
        public String certificatePem() {
            try {
                return pem("CERTIFICATE", certificate.getEncoded());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        public String keyPem() {
            return pem("PRIVATE KEY", key.getEncoded());
        }

        /** Writes {@code name.crt} and {@code name.key} (PKCS#8) into {@code dir}; returns the certificate path. */
        public Path writePem(Path dir, String name) throws IOException {
            Files.createDirectories(dir);
            Path crt = dir.resolve(name + ".crt");
            Files.writeString(crt, certificatePem(), StandardCharsets.US_ASCII);
            Files.writeString(dir.resolve(name + ".key"), keyPem(), StandardCharsets.US_ASCII);
            return crt;
        }
    }

    /** A certificate for {@code commonName} (also a DNS subject alternative name), valid from now for {@code days}. */
    public static Generated generate(String commonName, Instant now, int days) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048, new SecureRandom());
            KeyPair kp = g.generateKeyPair();
            byte[] alg = seq(oid(SHA256_RSA), new byte[] {0x05, 0x00});
            byte[] name = seq(set(seq(oid(COMMON_NAME), tlv(0x0C, commonName.getBytes(StandardCharsets.UTF_8)))));
            Instant from = now.minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
            byte[] validity = seq(time(from), time(from.plus(days + 1L, ChronoUnit.DAYS)));
            byte[] san = seq(oid(SUBJECT_ALT_NAME), tlv(0x04, seq(tlv(0x82, commonName.getBytes(StandardCharsets.US_ASCII)))));
            byte[] extensions = tlv(0xA3, seq(san));
            byte[] serial = tlv(0x02, new BigInteger(63, new SecureRandom()).add(BigInteger.ONE).toByteArray());
            byte[] tbs = seq(tlv(0xA0, tlv(0x02, new byte[] {2})), serial, alg, name, validity, name,
                    kp.getPublic().getEncoded(), extensions);
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(kp.getPrivate());
            s.update(tbs);
            byte[] sig = s.sign();
            byte[] bitString = new byte[sig.length + 1];
            System.arraycopy(sig, 0, bitString, 1, sig.length);
            byte[] cert = seq(tbs, alg, tlv(0x03, bitString));
            X509Certificate x = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(cert));
            x.verify(kp.getPublic());
            return new Generated(kp.getPrivate(), x);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a self-signed certificate", e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] time(Instant t) {
        // UTCTime covers 1950-2049; GeneralizedTime after that
        if (t.atZone(ZoneOffset.UTC).getYear() < 2050) {
            return tlv(0x17, DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC).format(t).getBytes(StandardCharsets.US_ASCII));
        }
        return tlv(0x18, DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC).format(t).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] oid(int[] arcs) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(arcs[0] * 40 + arcs[1]);
        for (int i = 2; i < arcs.length; i++) {
            int v = arcs[i];
            int shift = 28;
            while (shift > 0 && (v >> shift) == 0) {
                shift -= 7;
            }
            for (; shift > 0; shift -= 7) {
                o.write(0x80 | ((v >> shift) & 0x7F));
            }
            o.write(v & 0x7F);
        }
        return tlv(0x06, o.toByteArray());
    }

    private static byte[] seq(byte[]... parts) {
        return tlv(0x30, concat(parts));
    }

    private static byte[] set(byte[]... parts) {
        return tlv(0x31, concat(parts));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(tag);
        int len = value.length;
        if (len < 0x80) {
            o.write(len);
        } else if (len < 0x100) {
            o.write(0x81);
            o.write(len);
        } else if (len < 0x10000) {
            o.write(0x82);
            o.write(len >> 8);
            o.write(len & 0xFF);
        } else {
            o.write(0x83);
            o.write(len >> 16);
            o.write((len >> 8) & 0xFF);
            o.write(len & 0xFF);
        }
        o.writeBytes(value);
        return o.toByteArray();
    }
}
