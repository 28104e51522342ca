package org.stackbridge.sip2.server;

import java.util.Map;
import org.stackbridge.sip2.session.Sip2Profile;

/**
 * SIP2 listener configuration: plain records so Jackson binds them from YAML without annotations; every null
 * field takes its default in the compact constructor. Durations are whole seconds (0 disables a timeout).
 *
 * @param host                   bind address (loopback by default)
 * @param port                   plain TCP port; 0 picks a free one
 * @param maxFrameLength         longest accepted message in bytes; a longer one closes the connection
 * @param loginTimeoutSeconds    a connection without a successful 93 is closed after this long
 * @param idleTimeoutSeconds     a connection that sends nothing for this long is closed (terminals poll 99 every few minutes)
 * @param maxConnections         further connections are closed on accept
 * @param allowStatusBeforeLogin answer 99 before 93 (many kiosks send it first)
 * @param replayWindowSeconds    how long a response stays available for a retransmitted request, across reconnects
 * @param replayEntriesPerLogin  responses kept per login for replay
 * @param maxConsecutiveErrors   close after this many 96 answers in a row (stops resend loops)
 * @param defaultInstitution     AO used in answers before login
 * @param profiles               named terminal profiles; accounts name theirs, "default" applies otherwise
 */
public record Sip2Settings(String host, Integer port, Tls tls, Integer maxFrameLength, Integer loginTimeoutSeconds,
                           Integer idleTimeoutSeconds, Integer maxConnections, Boolean allowStatusBeforeLogin,
                           Integer replayWindowSeconds, Integer replayEntriesPerLogin, FailedLoginThrottle failedLoginThrottle,
                           Integer maxConsecutiveErrors, String defaultInstitution, Integer workerThreads,
                           Map<String, Sip2Profile> profiles) {

    public Sip2Settings {
        host = host == null || host.isBlank() ? "127.0.0.1" : host;
        port = port == null ? 6001 : port;
        tls = tls == null ? Tls.disabled() : tls;
        maxFrameLength = maxFrameLength == null ? 65_536 : maxFrameLength;
        loginTimeoutSeconds = loginTimeoutSeconds == null ? 60 : loginTimeoutSeconds;
        idleTimeoutSeconds = idleTimeoutSeconds == null ? 1_800 : idleTimeoutSeconds;
        maxConnections = maxConnections == null ? 20_000 : maxConnections;
        allowStatusBeforeLogin = allowStatusBeforeLogin == null ? Boolean.TRUE : allowStatusBeforeLogin;
        replayWindowSeconds = replayWindowSeconds == null ? 600 : replayWindowSeconds;
        replayEntriesPerLogin = replayEntriesPerLogin == null ? 16 : replayEntriesPerLogin;
        failedLoginThrottle = failedLoginThrottle == null ? FailedLoginThrottle.defaults() : failedLoginThrottle;
        maxConsecutiveErrors = maxConsecutiveErrors == null ? 5 : maxConsecutiveErrors;
        defaultInstitution = defaultInstitution == null ? "" : defaultInstitution;
        workerThreads = workerThreads == null ? 0 : workerThreads;
        profiles = profiles == null ? Map.of() : Map.copyOf(profiles);
        if (maxFrameLength < 64) {
            throw new IllegalArgumentException("maxFrameLength must be at least 64");
        }
    }

    public static Sip2Settings defaults() {
        return new Sip2Settings(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The named profile, else "default", else built-in defaults. */
    public Sip2Profile profile(String name) {
        Sip2Profile p = name == null ? null : profiles.get(name);
        if (p == null) {
            p = profiles.get("default");
        }
        return p == null ? Sip2Profile.defaults() : p;
    }

    public Sip2Settings withPort(int newPort) {
        return new Sip2Settings(host, newPort, tls, maxFrameLength, loginTimeoutSeconds, idleTimeoutSeconds, maxConnections,
                allowStatusBeforeLogin, replayWindowSeconds, replayEntriesPerLogin, failedLoginThrottle, maxConsecutiveErrors,
                defaultInstitution, workerThreads, profiles);
    }

    /** The same settings bound to another address and port (the gateway's listeners section decides both). */
    public Sip2Settings withAddress(String newHost, int newPort) {
        return new Sip2Settings(newHost, newPort, tls, maxFrameLength, loginTimeoutSeconds, idleTimeoutSeconds, maxConnections,
                allowStatusBeforeLogin, replayWindowSeconds, replayEntriesPerLogin, failedLoginThrottle, maxConsecutiveErrors,
                defaultInstitution, workerThreads, profiles);
    }

    public Sip2Settings withTls(Tls newTls) {
        return new Sip2Settings(host, port, newTls, maxFrameLength, loginTimeoutSeconds, idleTimeoutSeconds, maxConnections,
                allowStatusBeforeLogin, replayWindowSeconds, replayEntriesPerLogin, failedLoginThrottle, maxConsecutiveErrors,
                defaultInstitution, workerThreads, profiles);
    }

    public Sip2Settings withProfiles(Map<String, Sip2Profile> newProfiles) {
        return new Sip2Settings(host, port, tls, maxFrameLength, loginTimeoutSeconds, idleTimeoutSeconds, maxConnections,
                allowStatusBeforeLogin, replayWindowSeconds, replayEntriesPerLogin, failedLoginThrottle, maxConsecutiveErrors,
                defaultInstitution, workerThreads, newProfiles);
    }

    /**
     * TLS listener: PEM ({@code certFile} + {@code keyFile}, optional {@code keyPassword}) or PKCS#12
     * ({@code pkcs12File} + {@code pkcs12Password}), or {@code selfSigned} for demos.
     */
    public record Tls(Boolean enabled, Integer port, String certFile, String keyFile, String keyPassword,
                      String pkcs12File, String pkcs12Password, Boolean selfSigned) {
        public Tls {
            enabled = enabled != null && enabled;
            port = port == null ? 6443 : port;
            selfSigned = selfSigned != null && selfSigned;
        }

        public static Tls disabled() {
            return new Tls(false, null, null, null, null, null, null, null);
        }

        public static Tls selfSigned(int port) {
            return new Tls(true, port, null, null, null, null, null, true);
        }
    }

    /**
     * After {@code maxFailures} failed logins for one login from one address within {@code windowSeconds}, further
     * logins as that login from that address are answered 94 ok=0 without checking for {@code penaltySeconds}; after
     * {@code maxFailuresPerLogin} for one login from any addresses, that login is locked everywhere. Other logins are
     * never locked; failures during a lock do not renew it. {@code trackedAddresses} bounds the remembered keys.
     */
    public record FailedLoginThrottle(Integer maxFailures, Integer windowSeconds, Integer penaltySeconds, Integer trackedAddresses,
                                      Integer maxFailuresPerLogin) {
        public FailedLoginThrottle {
            maxFailures = maxFailures == null ? 5 : maxFailures;
            maxFailuresPerLogin = maxFailuresPerLogin == null ? 20 : maxFailuresPerLogin;
            windowSeconds = windowSeconds == null ? 300 : windowSeconds;
            penaltySeconds = penaltySeconds == null ? 30 : penaltySeconds;
            trackedAddresses = trackedAddresses == null ? 10_000 : trackedAddresses;
        }

        public static FailedLoginThrottle defaults() {
            return new FailedLoginThrottle(null, null, null, null, null);
        }
    }
}
