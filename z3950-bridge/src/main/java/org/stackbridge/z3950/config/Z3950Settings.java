package org.stackbridge.z3950.config;

import java.util.List;
import java.util.Map;

/**
 * Configuration of the Z39.50/SRU listener; a plain record tree (Jackson binds it without annotations).
 * Zero, negative or null values take the defaults of {@link #defaults()}.
 *
 * @param host                 bind address (default 127.0.0.1)
 * @param port                 TCP port (default 2100; 0 = ephemeral)
 * @param databaseNames        database names served (first is the default; case-insensitive), default "Default"
 * @param maxPduBytes          largest request PDU accepted (framing cap), default 1 MiB
 * @param maxNestingDepth      BER nesting cap, default 64
 * @param maxMessageSize       upper bound of preferredMessageSize, default 8 MiB
 * @param maxRecordSize        upper bound of exceptionalRecordSize, default 8 MiB
 * @param maxResultSets        named result sets per association (112 beyond), default 100
 * @param maxRecordsPerPresent records per present, default 1000
 * @param maxScanTerms         terms per scan, default 200
 * @param maxHitsPerSession    bib ids kept in all result sets of one association, default 1,000,000 (8 MB); the
 *                             oldest sets are deleted beyond it (diagnostic 27 when used later); records of the
 *                             virtual database count as their size / 8
 * @param idleTimeoutSeconds   idle association timeout answered with close(lackOfActivity 7), default 900
 * @param workerThreads        threads for index work off the event loop, default 4
 * @param maxConnections       concurrent associations, default 256
 * @param implementationName   sent in the initResponse
 * @param authentication       optional Init authentication
 * @param zone                 time zone for availability dates in OPAC records, default UTC
 * @param institution          institution put in the request context of engine lookups
 * @param initTimeoutSeconds   a connection that has not completed Init (or sent an HTTP request) this long after
 *                             connecting is closed, default 10
 * @param maxConnectionsPerAddress concurrent connections from one client IP address, default 32
 */
public record Z3950Settings(String host, int port, List<String> databaseNames, int maxPduBytes, int maxNestingDepth,
                            int maxMessageSize, int maxRecordSize, int maxResultSets, int maxRecordsPerPresent, int maxScanTerms,
                            int maxHitsPerSession, int idleTimeoutSeconds, int workerThreads, int maxConnections, String implementationName,
                            Authentication authentication, String zone, String institution, int initTimeoutSeconds,
                            int maxConnectionsPerAddress) {

    /**
     * @param required true = every Init must carry a known user and password (idPass or open "user/password")
     * @param users    user name to password hash ({@code SecretHasher} PBKDF2 form)
     */
    public record Authentication(boolean required, Map<String, String> users) {
        public Authentication {
            users = users == null ? Map.of() : Map.copyOf(users);
        }

        @Override
        public String toString() {
            return "Authentication[required=" + required + ", users=" + users.keySet() + "]";
        }
    }

    public Z3950Settings {
        host = host == null || host.isBlank() ? "127.0.0.1" : host;
        port = port < 0 ? 2100 : port;
        databaseNames = databaseNames == null || databaseNames.isEmpty() ? List.of("Default") : List.copyOf(databaseNames);
        maxPduBytes = maxPduBytes <= 0 ? 1 << 20 : maxPduBytes;
        maxNestingDepth = maxNestingDepth <= 0 ? 64 : maxNestingDepth;
        maxMessageSize = maxMessageSize <= 0 ? 8 << 20 : maxMessageSize;
        maxRecordSize = maxRecordSize <= 0 ? 8 << 20 : maxRecordSize;
        maxResultSets = maxResultSets <= 0 ? 100 : maxResultSets;
        maxRecordsPerPresent = maxRecordsPerPresent <= 0 ? 1000 : maxRecordsPerPresent;
        maxScanTerms = maxScanTerms <= 0 ? 200 : maxScanTerms;
        maxHitsPerSession = maxHitsPerSession <= 0 ? 1_000_000 : maxHitsPerSession;
        idleTimeoutSeconds = idleTimeoutSeconds <= 0 ? 900 : idleTimeoutSeconds;
        workerThreads = workerThreads <= 0 ? 4 : workerThreads;
        maxConnections = maxConnections <= 0 ? 256 : maxConnections;
        implementationName = implementationName == null || implementationName.isBlank() ? "Stackbridge Z39.50/SRU" : implementationName;
        authentication = authentication == null ? new Authentication(false, Map.of()) : authentication;
        zone = zone == null || zone.isBlank() ? "UTC" : zone;
        institution = institution == null ? "" : institution;
        initTimeoutSeconds = initTimeoutSeconds <= 0 ? 10 : initTimeoutSeconds;
        maxConnectionsPerAddress = maxConnectionsPerAddress <= 0 ? 32 : maxConnectionsPerAddress;
    }

    /** 127.0.0.1:2100, database "Default", open access. */
    public static Z3950Settings defaults() {
        return new Z3950Settings(null, 2100, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null, null, null, 0, 0);
    }

    public Z3950Settings withPort(int p) {
        return new Z3950Settings(host, p, databaseNames, maxPduBytes, maxNestingDepth, maxMessageSize, maxRecordSize, maxResultSets,
                maxRecordsPerPresent, maxScanTerms, maxHitsPerSession, idleTimeoutSeconds, workerThreads, maxConnections, implementationName,
                authentication, zone, institution, initTimeoutSeconds, maxConnectionsPerAddress);
    }

    /** The same settings bound to another address and port (the gateway's listeners section decides both). */
    public Z3950Settings withAddress(String h, int p) {
        return new Z3950Settings(h, p, databaseNames, maxPduBytes, maxNestingDepth, maxMessageSize, maxRecordSize, maxResultSets,
                maxRecordsPerPresent, maxScanTerms, maxHitsPerSession, idleTimeoutSeconds, workerThreads, maxConnections, implementationName,
                authentication, zone, institution, initTimeoutSeconds, maxConnectionsPerAddress);
    }

    public Z3950Settings withIdleTimeoutSeconds(int s) {
        return new Z3950Settings(host, port, databaseNames, maxPduBytes, maxNestingDepth, maxMessageSize, maxRecordSize, maxResultSets,
                maxRecordsPerPresent, maxScanTerms, maxHitsPerSession, s, workerThreads, maxConnections, implementationName, authentication, zone, institution, initTimeoutSeconds, maxConnectionsPerAddress);
    }

    public Z3950Settings withAuthentication(Authentication a) {
        return new Z3950Settings(host, port, databaseNames, maxPduBytes, maxNestingDepth, maxMessageSize, maxRecordSize, maxResultSets,
                maxRecordsPerPresent, maxScanTerms, maxHitsPerSession, idleTimeoutSeconds, workerThreads, maxConnections, implementationName, a, zone, institution, initTimeoutSeconds, maxConnectionsPerAddress);
    }

    public Z3950Settings withMaxResultSets(int n) {
        return new Z3950Settings(host, port, databaseNames, maxPduBytes, maxNestingDepth, maxMessageSize, maxRecordSize, n,
                maxRecordsPerPresent, maxScanTerms, maxHitsPerSession, idleTimeoutSeconds, workerThreads, maxConnections, implementationName,
                authentication, zone, institution, initTimeoutSeconds, maxConnectionsPerAddress);
    }

    public Z3950Settings withMaxHitsPerSession(int n) {
        return new Z3950Settings(host, port, databaseNames, maxPduBytes, maxNestingDepth, maxMessageSize, maxRecordSize, maxResultSets,
                maxRecordsPerPresent, maxScanTerms, n, idleTimeoutSeconds, workerThreads, maxConnections, implementationName,
                authentication, zone, institution, initTimeoutSeconds, maxConnectionsPerAddress);
    }

    /** The same settings with other connection limits (Init deadline, per-address and total connections). */
    public Z3950Settings withConnectionLimits(int initTimeout, int perAddress, int total) {
        return new Z3950Settings(host, port, databaseNames, maxPduBytes, maxNestingDepth, maxMessageSize, maxRecordSize, maxResultSets,
                maxRecordsPerPresent, maxScanTerms, maxHitsPerSession, idleTimeoutSeconds, workerThreads, total, implementationName,
                authentication, zone, institution, initTimeout, perAddress);
    }

    /** The configured spelling of {@code name}, or null when not served. */
    public String database(String name) {
        for (String d : databaseNames) {
            if (d.equalsIgnoreCase(name)) {
                return d;
            }
        }
        return null;
    }
}
