package org.stackbridge.gateway.config;

import java.math.BigDecimal;
import java.util.List;
import org.stackbridge.adapter.jdbc.JdbcSettings;
import org.stackbridge.ncip.config.NcipSettings;
import org.stackbridge.sip2.server.Sip2Settings;
import org.stackbridge.staff.StaffApiSettings;
import org.stackbridge.staff.console.ConsoleSettings;
import org.stackbridge.z3950.config.Z3950Settings;

/**
 * The whole configuration file ({@code conf/stackbridge.yaml}), bound by Jackson with kebab-case keys.
 * Compact constructors supply defaults so an empty file is a valid embedded setup.
 */
public record GatewayConfig(String dataDir, Database database, Engine engine, Listeners listeners,
                            List<LibraryConfig> libraries, List<String> patronCategories, List<String> itemTypes,
                            List<AccountConfig> sip2Accounts, List<RuleConfig> policies, Events events, Security security,
                            Sip2Settings sip2, NcipSettings ncip, Z3950Settings z3950,
                            Catalogue catalogue, Federation federation, StaffApiSettings staffApi, Reports reports,
                            java.util.Map<String, String> membershipPeriods, ConsoleSettings staffConsole, Items items,
                            Imports imports, Circulation circulation, NoticesConfig notices) {

    public GatewayConfig {
        dataDir = dataDir == null || dataDir.isBlank() ? "data" : dataDir;
        database = database == null ? new Database(null, null, null, null, null) : database;
        engine = engine == null ? new Engine(null, null, null, null, null, null, null, null, null) : engine;
        listeners = listeners == null ? new Listeners(null, null, null, null, null, null, null) : listeners;
        libraries = libraries == null ? List.of() : List.copyOf(libraries);
        patronCategories = patronCategories == null ? List.of("ADULT", "CHILD", "STAFF", "ILL") : List.copyOf(patronCategories);
        itemTypes = itemTypes == null ? List.of("BOOK", "DVD", "REFERENCE", "ILL") : List.copyOf(itemTypes);
        sip2Accounts = sip2Accounts == null ? List.of() : List.copyOf(sip2Accounts);
        policies = policies == null ? List.of() : List.copyOf(policies);
        events = events == null ? new Events(null) : events;
        security = security == null ? new Security(null, null) : security;
        sip2 = sip2 == null ? Sip2Settings.defaults() : sip2;
        ncip = ncip == null ? NcipSettings.standard() : ncip;
        z3950 = z3950 == null ? Z3950Settings.defaults() : z3950;
        catalogue = catalogue == null ? new Catalogue(null) : catalogue;
        federation = federation == null ? new Federation(null, null, null) : federation;
        staffApi = staffApi == null ? StaffApiSettings.defaults() : staffApi;
        reports = reports == null ? new Reports(null) : reports;
        membershipPeriods = membershipPeriods == null ? java.util.Map.of() : java.util.Map.copyOf(membershipPeriods);
        staffConsole = staffConsole == null ? ConsoleSettings.defaults() : staffConsole;
        items = items == null ? new Items(null, null, null) : items;
        imports = imports == null ? new Imports(null, null, null, null, null) : imports;
        circulation = circulation == null ? new Circulation(null) : circulation;
        notices = notices == null ? NoticesConfig.defaults() : notices;
    }

    /**
     * Circulation history.
     *
     * @param anonymiseLoanHistoryAfterDays the housekeeping job removes the patron link of loans returned more than this
     *                                      many days ago (their statistics stay); 0 (default) keeps every link
     */
    public record Circulation(Integer anonymiseLoanHistoryAfterDays) {
        public Circulation {
            anonymiseLoanHistoryAfterDays = anonymiseLoanHistoryAfterDays == null ? 0 : anonymiseLoanHistoryAfterDays;
        }
    }

    /** @param maxRangeDays the longest period one report may cover, in days (default 731: two years) */
    public record Reports(Integer maxRangeDays) {
        public Reports {
            maxRangeDays = maxRangeDays == null ? 731 : maxRangeDays;
        }
    }

    /**
     * Import jobs ({@code POST /api/v1/imports} and the {@code import} commands).
     *
     * @param maxBodyBytes largest file a job takes (default 32 MiB)
     * @param maxQueued    jobs waiting behind the running one before a submission is refused (default 8)
     * @param keptJobs     finished jobs remembered for {@code GET /api/v1/imports} (default 100)
     * @param hashThreads  threads hashing imported PINs (default 0: one per core)
     * @param batchSize    rows written per transaction (default 200)
     */
    public record Imports(Integer maxBodyBytes, Integer maxQueued, Integer keptJobs, Integer hashThreads, Integer batchSize) {
        public Imports {
            maxBodyBytes = maxBodyBytes == null ? 32 << 20 : maxBodyBytes;
            maxQueued = maxQueued == null ? 8 : maxQueued;
            keptJobs = keptJobs == null ? 100 : keptJobs;
            hashThreads = hashThreads == null ? 0 : hashThreads;
            batchSize = batchSize == null ? 200 : batchSize;
        }

        /** Hash threads in effect: the setting, or one per core. */
        public int effectiveHashThreads() {
            return hashThreads > 0 ? hashThreads : Runtime.getRuntime().availableProcessors();
        }

        /** The first setting out of its range as {@code key: problem}, or null when all are valid. */
        public String problem() {
            if (maxBodyBytes < 1024 || maxBodyBytes > 1 << 30) {
                return "max-body-bytes: must be between 1024 and 1073741824";
            }
            if (maxQueued < 1 || maxQueued > 1000) {
                return "max-queued: must be between 1 and 1000";
            }
            if (keptJobs < 1 || keptJobs > 10_000) {
                return "kept-jobs: must be between 1 and 10000";
            }
            if (hashThreads < 0 || hashThreads > 256) {
                return "hash-threads: must be between 0 (one per core) and 256";
            }
            if (batchSize < 1 || batchSize > 10_000) {
                return "batch-size: must be between 1 and 10000";
            }
            return null;
        }
    }

    /** Empty url = the embedded H2 database in the data directory. */
    public record Database(String url, String user, String password, Integer poolSize, Integer maxBatch, CircuitBreaker circuitBreaker,
                           Integer writers) {
        public Database {
            poolSize = poolSize == null ? 8 : poolSize;
            maxBatch = maxBatch == null ? 256 : maxBatch;
            circuitBreaker = circuitBreaker == null ? new CircuitBreaker(null, null) : circuitBreaker;
            writers = writers == null ? JdbcSettings.DEFAULT_WRITERS : writers;
        }

        public Database(String url, String user, String password, Integer poolSize, Integer maxBatch) {
            this(url, user, password, poolSize, maxBatch, null, null);
        }

        public Database(String url, String user, String password, Integer poolSize, Integer maxBatch, CircuitBreaker circuitBreaker) {
            this(url, user, password, poolSize, maxBatch, circuitBreaker, null);
        }

        public boolean embedded() {
            return url == null || url.isBlank();
        }

        @Override
        public String toString() {
            return "Database[url=" + url + ", user=" + user + ", password=***]";
        }
    }

    /**
     * The storage circuit breaker: after {@code failureThreshold} consecutive failures to reach the database every request
     * is answered "service unavailable" at once; after {@code openSeconds} one probe checks whether it is back.
     */
    public record CircuitBreaker(Integer failureThreshold, Integer openSeconds) {
        public CircuitBreaker {
            failureThreshold = failureThreshold == null ? 3 : failureThreshold;
            openSeconds = openSeconds == null ? 5 : openSeconds;
        }
    }

    /**
     * @param maintenanceMinutes how often the hold expiry and request-key purge job runs; 0 = never
     * @param pinCacheMinutes    how long a successful patron PIN check is remembered; 0 = hash every PIN
     * @param pinMaxFailures     failed PIN checks in a row that lock a patron's PIN; 0 = never lock
     * @param pinLockMinutes     how long such a lock lasts
     * @param settingsRefreshSeconds how often an administration change made elsewhere (another node, the command line) is
     *                           looked for; 0 = only changes made through this gateway apply without a restart
     * @param cardReplacementFee charged when staff replace a patron's card (console or {@code POST /patrons/{b}/card}) and
     *                           do not waive it; 0 = none
     * @param pinCacheEntries    at most this many successful PIN checks remembered (least recently used dropped first)
     */
    public record Engine(String currency, BigDecimal feeLimit, Integer maxOverdue, Integer requestKeyDays, Integer maintenanceMinutes,
                         Integer pinCacheMinutes, Integer pinMaxFailures, Integer pinLockMinutes, Integer settingsRefreshSeconds,
                         BigDecimal cardReplacementFee, Integer pinCacheEntries) {
        /** Without a card replacement fee, with the default PIN cache size. */
        public Engine(String currency, BigDecimal feeLimit, Integer maxOverdue, Integer requestKeyDays, Integer maintenanceMinutes,
                      Integer pinCacheMinutes, Integer pinMaxFailures, Integer pinLockMinutes, Integer settingsRefreshSeconds) {
            this(currency, feeLimit, maxOverdue, requestKeyDays, maintenanceMinutes, pinCacheMinutes, pinMaxFailures, pinLockMinutes,
                    settingsRefreshSeconds, null, null);
        }

        public Engine {
            cardReplacementFee = cardReplacementFee == null ? BigDecimal.ZERO : cardReplacementFee;
            pinCacheEntries = pinCacheEntries == null ? 100_000 : pinCacheEntries;
            settingsRefreshSeconds = settingsRefreshSeconds == null ? 5 : settingsRefreshSeconds;
            pinCacheMinutes = pinCacheMinutes == null ? 10 : pinCacheMinutes;
            pinMaxFailures = pinMaxFailures == null ? 5 : pinMaxFailures;
            pinLockMinutes = pinLockMinutes == null ? 15 : pinLockMinutes;
            maintenanceMinutes = maintenanceMinutes == null ? 60 : maintenanceMinutes;
            currency = currency == null ? "USD" : currency;
            feeLimit = feeLimit == null ? new BigDecimal("10.00") : feeLimit;
            maxOverdue = maxOverdue == null ? 10 : maxOverdue;
            requestKeyDays = requestKeyDays == null ? 7 : requestKeyDays;
        }
    }

    /**
     * @param proxyProtocol     every listener expects a PROXY protocol header (v1 or v2) from {@code proxyProtocolFrom}
     * @param proxyProtocolFrom addresses or CIDR networks of the load balancers whose header is believed
     */
    /** A trusted proxy sends its header at once; one that has not within this time is not a proxy. */
    static final long PROXY_HEADER_TIMEOUT_MILLIS = 5_000;

    public record Listeners(String bind, Integer httpPort, Integer sip2Port, Integer z3950Port, String adminToken,
                            Boolean proxyProtocol, List<String> proxyProtocolFrom) {
        public Listeners {
            proxyProtocol = proxyProtocol != null && proxyProtocol;
            proxyProtocolFrom = proxyProtocolFrom == null ? List.of("127.0.0.1", "::1") : List.copyOf(proxyProtocolFrom);
            bind = bind == null || bind.isBlank() ? "127.0.0.1" : bind;
            httpPort = httpPort == null ? 8080 : httpPort;
            sip2Port = sip2Port == null ? 6001 : sip2Port;
            z3950Port = z3950Port == null ? 2100 : z3950Port;
        }

        @Override
        public String toString() {
            return "Listeners[bind=" + bind + ", http=" + httpPort + ", sip2=" + sip2Port + ", z3950=" + z3950Port
                    + (proxyProtocol ? ", proxy-protocol from " + proxyProtocolFrom : "") + "]";
        }

        /** The PROXY protocol policy every listener applies; the addresses were checked by the validator. */
        public org.stackbridge.net.ProxyProtocolPolicy proxyProtocolPolicy() {
            return org.stackbridge.net.ProxyProtocolPolicy.of(proxyProtocol, proxyProtocolFrom, PROXY_HEADER_TIMEOUT_MILLIS);
        }
    }

    public record LibraryConfig(String code, String name, String institution, String timezone, List<String> closedWeekdays,
                                List<String> closedDates, String backend) {
        public LibraryConfig {
            closedWeekdays = closedWeekdays == null ? List.of() : List.copyOf(closedWeekdays);
            closedDates = closedDates == null ? List.of() : List.copyOf(closedDates);
            backend = backend == null ? "embedded" : backend;
        }
    }

    /** A SIP2 terminal account; {@code passwordHash} is a pbkdf2-sha256 hash made by {@code stackbridge hash}. */
    public record AccountConfig(String login, String passwordHash, String institution, String profile) {
        @Override
        public String toString() {
            return "AccountConfig[login=" + login + ", institution=" + institution + ", profile=" + profile + "]";
        }
    }

    public record RuleConfig(String library, String category, String itemType, Integer loanPeriod, String loanUnit,
                             Integer renewals, Integer renewalPeriod, Integer maxLoans, BigDecimal finePerDay,
                             Integer graceDays, BigDecimal fineCap, Boolean holdsAllowed, Integer holdShelfDays,
                             String closedDays, List<Integer> overdueNoticeDays) {
    }

    /** {@code sinkUri}: optional Camel endpoint URI that also receives every event as JSON. */
    public record Events(String sinkUri) {
    }

    /** The catalogue index; {@code mappingFile} maps Bib-1 use attributes to MARC fields (built-in defaults when empty). */
    public record Catalogue(String mappingFile) {
    }

    /** PBKDF2 iterations for new PIN and password hashes. */
    public record Security(Integer hashIterations, Boolean logJson) {
        public Security {
            hashIterations = hashIterations == null ? 120_000 : hashIterations;
            logJson = logJson != null && logJson;
        }
    }

    /**
     * Remote catalogues for copy cataloguing ({@code stackbridge import z3950}) and federated search, keyed by a short
     * name. With at least one target, the Z39.50 listener (and SRU at /sru/NAME) also serves {@code databaseName}
     * (default Federated): a virtual database whose searches go to all targets, {@code maxRecordsPerTarget} (default
     * 20) records fetched from each.
     */
    public record Federation(java.util.Map<String, Target> targets, String databaseName, Integer maxRecordsPerTarget) {
        public Federation {
            targets = targets == null ? java.util.Map.of() : java.util.Map.copyOf(targets);
            databaseName = databaseName == null || databaseName.isBlank() ? "Federated" : databaseName;
            maxRecordsPerTarget = maxRecordsPerTarget == null || maxRecordsPerTarget <= 0 ? 20 : Math.min(maxRecordsPerTarget, 1000);
        }
    }

    /**
     * A remote target: {@code type} z3950 (host, port, database) or sru (url). The timeout bounds connect and each
     * read.
     */
    public record Target(String type, String host, Integer port, String database, String url, Integer timeoutSeconds) {
        public Target {
            type = type == null ? "z3950" : type.toLowerCase(java.util.Locale.ROOT);
            port = port == null ? 210 : port;
            database = database == null || database.isBlank() ? "Default" : database;
            timeoutSeconds = timeoutSeconds == null ? 10 : timeoutSeconds;
        }
    }

    /**
     * The item status policies: a lost item on loan bills its price (or {@code lostReplacementFee} when it has none)
     * plus {@code lostProcessingFee}; {@code lostItemReturn} (refund-replacement, refund-all or none) says what a later
     * check-in of the item gives back.
     */
    public record Items(BigDecimal lostReplacementFee, BigDecimal lostProcessingFee, String lostItemReturn) {
        public Items {
            lostReplacementFee = lostReplacementFee == null ? org.stackbridge.core.policy.ItemStatusSettings.DEFAULT_REPLACEMENT : lostReplacementFee;
            lostProcessingFee = lostProcessingFee == null ? org.stackbridge.core.policy.ItemStatusSettings.DEFAULT_PROCESSING : lostProcessingFee;
            lostItemReturn = lostItemReturn == null || lostItemReturn.isBlank() ? "refund-replacement" : lostItemReturn;
        }

        /** The engine's settings; an unknown {@code lost-item-return} is refused by the config validator before this is asked. */
        public org.stackbridge.core.policy.ItemStatusSettings settings() {
            return new org.stackbridge.core.policy.ItemStatusSettings(lostReplacementFee, lostProcessingFee,
                    org.stackbridge.core.policy.ItemStatusSettings.LostItemReturn.parse(lostItemReturn)
                            .orElseThrow(() -> new IllegalArgumentException("items.lost-item-return: " + lostItemReturn)));
        }
    }
}
