package org.stackbridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Frames name the parts of the kiosk profile; JDK frames name none, so the caller's part counts. */
class JfrCpuProfileTest {

    private static String part(String type, String method) {
        int p = JfrCpuProfile.part(type, method);
        return p < 0 ? null : JfrCpuProfile.PARTS.get(p);
    }

    @Test
    void namesEachPart() {
        assertEquals("PBKDF2 (PIN hash)", part("org.stackbridge.core.security.SecretHasher", "derive"));
        assertEquals("PIN cache (HMAC)", part("org.stackbridge.core.security.PinVerifier", "cacheKey"));
        assertEquals("engine (core: policies, desks)", part("org.stackbridge.core.security.PinVerifier", "verify"));
        assertEquals("SQL (JDBC store + H2/PostgreSQL driver, commit)", part("org.h2.mvstore.MVStore", "commit"));
        assertEquals("SQL (JDBC store + H2/PostgreSQL driver, commit)", part("org.postgresql.core.v3.QueryExecutorImpl", "execute"));
        assertEquals("SIP2 codec (framing, decode, encode)", part("org.stackbridge.sip2.codec.Sip2MessageDecoder", "decode"));
        assertEquals("Netty (event loop, socket I/O)", part("io.netty.channel.nio.NioEventLoop", "run"));
        assertEquals("Camel (route, threads)", part("org.apache.camel.processor.Pipeline", "process"));
        assertEquals("bcrypt (PIN hash)", part("org.springframework.security.crypto.bcrypt.BCrypt", "checkpw"));
    }

    @Test
    void jdkFramesNameNoPart() {
        assertNull(part("sun.security.provider.SHA2", "implCompress0"));
        assertNull(part("sun.nio.ch.FileDispatcherImpl", "force0"));
        assertNull(part("java.util.HashMap", "get"));
    }
}
