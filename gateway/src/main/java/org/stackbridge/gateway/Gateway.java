package org.stackbridge.gateway;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.stackbridge.core.port.TransactionRunner;
import org.stackbridge.core.security.PinSettings;
import org.stackbridge.core.security.PinHashing;
import org.stackbridge.core.security.PinVerifier;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.core.security.StoredHashes;
import org.stackbridge.gateway.control.ControlEndpoint;
import org.stackbridge.gateway.control.ControlFile;
import org.stackbridge.gateway.importer.ImportJobRunner;
import org.stackbridge.gateway.security.SpringBcryptCheck;
import org.stackbridge.core.service.CirculationEngine;
import org.stackbridge.core.service.EngineSettings;
import org.stackbridge.core.service.LocalCirculationPort;
import org.stackbridge.core.service.StorageCircuitBreaker;
import org.stackbridge.adapter.jdbc.JdbcStorage;
import org.stackbridge.gateway.admin.AdminApi;
import org.stackbridge.gateway.admin.AdminHttpServer;
import org.stackbridge.gateway.bridge.CamelCirculationPort;
import org.stackbridge.gateway.bridge.CamelEventSink;
import org.stackbridge.gateway.config.ConfigLoader;
import org.stackbridge.gateway.config.GatewayConfig;
import org.stackbridge.gateway.route.BackendRegistry;
import org.stackbridge.gateway.route.CirculationRoutes;
import org.stackbridge.gateway.route.EventRoutes;
import org.stackbridge.gateway.route.GatewayErrorHandling;
import org.stackbridge.sip2.server.Sip2Server;
import org.stackbridge.ncip.config.NcipSettings;
import org.stackbridge.ncip.server.NcipHttpHandler;
import org.stackbridge.core.ill.IllEngine;
import org.stackbridge.core.model.EventType;
import org.stackbridge.core.report.ReportCatalogue;
import org.stackbridge.staff.StaffServices;
import org.stackbridge.staff.server.StaffHttpEndpoint;
import org.stackbridge.gateway.admin.BuildInfo;
import org.stackbridge.staff.server.StaffOpenApi;
import org.stackbridge.staff.console.server.ConsoleHttpEndpoint;
import org.stackbridge.z3950.server.Z3950Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: opens storage, seeds what the config declares, builds the engine, starts Camel
 * (camel-main) and then the listeners; closes them in reverse order.
 */
public final class Gateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    /** The configuration in force: the one started with, then each reload's. */
    private volatile ConfigLoader.Loaded loaded;
    private volatile ConfigReloader reloader;
    private final Clock clock;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private TransactionRunner storage;
    private StorageCircuitBreaker circuitBreaker;
    private LocalCirculationPort local;
    private CamelCirculationPort port;
    private org.stackbridge.core.catalogue.FederatedSearch federated;
    private Main camel;
    private PrometheusMeterRegistry meters;
    private AdminHttpServer http;
    private final Policies policies = new Policies();
    private final org.stackbridge.gateway.admin.StartupTasks startupTasks = new org.stackbridge.gateway.admin.StartupTasks();
    private Sip2Server sip2;
    /** SIP2 terminal profiles: the configuration's, overridden by those stored through the staff API. */
    private TerminalProfileRegistry sip2Profiles;
    private NcipHttpHandler ncip;
    private Z3950Server z3950;
    private CatalogueSync catalogue;
    private Maintenance maintenance;
    private org.stackbridge.gateway.notice.NoticeJob notices;
    private java.util.function.UnaryOperator<org.stackbridge.gateway.notice.NoticeMailer> noticeMailerHook = m -> m;
    private final String node = org.stackbridge.gateway.job.JobLease.newNodeName();
    private StaffHttpEndpoint staffApi;
    private volatile SettingsWatcher settingsWatcher;
    private ConsoleHttpEndpoint console;
    private ImportJobRunner imports;
    private ControlFile controlFile;
    private ControlEndpoint.CommandRunner commands = (args, stdin, user) -> new ControlEndpoint.CommandRunner.Result(1, "",
            "error: this gateway was started without the command line; run the command with the gateway stopped\n");

    private final java.util.function.Function<GatewayConfig, TransactionRunner> storageOpener;
    /** Drops the libraries the storage keeps in memory; run when the settings revision moved. */
    private Runnable libraryCacheRefresh = () -> { };

    public Gateway(ConfigLoader.Loaded loaded, Clock clock) {
        this(loaded, clock, cfg -> Storage.open(cfg, Path.of(cfg.dataDir())));
    }

    /** With another storage than the configured database; the bench uses it to measure without durability. */
    public Gateway(ConfigLoader.Loaded loaded, Clock clock, java.util.function.Function<GatewayConfig, TransactionRunner> storageOpener) {
        this.loaded = loaded;
        this.clock = clock;
        this.storageOpener = storageOpener;
    }

    public GatewayConfig config() {
        return loaded.config();
    }

    /** The engine's settings from the configuration's {@code engine} section. */
    public static EngineSettings engineSettings(GatewayConfig cfg) {
        return new EngineSettings(Currency.getInstance(cfg.engine().currency()), cfg.engine().feeLimit(),
                cfg.engine().maxOverdue(), Duration.ofDays(cfg.engine().requestKeyDays()),
                PinSettings.ofMinutes(cfg.engine().pinCacheMinutes(), cfg.engine().pinCacheEntries(), cfg.engine().pinMaxFailures(),
                        cfg.engine().pinLockMinutes()),
                org.stackbridge.gateway.config.ConfigMapping.membership(cfg))
                .withCardReplacementFee(cfg.engine().cardReplacementFee());
    }

    /**
     * A second circulation engine on this gateway's storage, rules and settings, running on {@code clock}: the demo
     * replays a library's past with it (each command logged at the time the clock says), while this gateway's own
     * engine, jobs and listeners stay on the real clock. Its events are not published (the Camel event sink); the
     * records it commits are what every report and job reads.
     */
    public LocalCirculationPort engineOn(Clock engineClock) {
        GatewayConfig cfg = loaded.config();
        EngineSettings settings = engineSettings(cfg);
        CirculationEngine engine = new CirculationEngine(engineClock, settings, policies::table,
                new PinVerifier(engineClock, settings.pins(), StoredHashes.check(SpringBcryptCheck.INSTANCE)));
        IllEngine.registerWith(engine);
        org.stackbridge.core.cataloguing.CataloguingEngine.registerWith(engine, cfg.items().settings());
        return new LocalCirculationPort(engine, storage, events -> { });
    }

    /** The configuration as loaded (with its file and the lines each setting came from). */
    public ConfigLoader.Loaded loaded() {
        return loaded;
    }

    /**
     * Opens storage, starts Camel and the listeners. If any step fails (e.g. a port is taken, see {@link PortInUse}),
     * whatever was started is closed again before the exception propagates, so the process can exit at once.
     */
    public Gateway start() throws Exception {
        try {
            open();
            return this;
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    private void open() throws Exception {
        GatewayConfig cfg = loaded.config();
        checkPortsAreFree(cfg);
        meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        meters.config().commonTags("application", "stackbridge");
        new JvmMemoryMetrics().bindTo(meters);
        new JvmGcMetrics().bindTo(meters);
        new JvmThreadMetrics().bindTo(meters);
        new ClassLoaderMetrics().bindTo(meters);
        new ProcessorMetrics().bindTo(meters);
        new UptimeMetrics().bindTo(meters);

        GatewayConfig.CircuitBreaker breaker = cfg.database().circuitBreaker();
        // every listener, the staff API and /health reach the storage through this one breaker
        TransactionRunner opened = storageOpener.apply(cfg);
        if (opened instanceof JdbcStorage jdbc) {
            libraryCacheRefresh = jdbc::settingsChanged;
            FunctionCounter.builder("stackbridge.db.statements", jdbc, j -> j.statementCounts().writer()).tag("connection", "writer")
                    .description("SQL statements sent to the database (queries, updates, batches, savepoints, commits)").register(meters);
            FunctionCounter.builder("stackbridge.db.statements", jdbc, j -> j.statementCounts().readers()).tag("connection", "reader")
                    .description("SQL statements sent to the database (queries, updates, batches, savepoints, commits)").register(meters);
        }
        circuitBreaker = new StorageCircuitBreaker(opened, JdbcStorage::isOutage,
                new StorageCircuitBreaker.Settings(breaker.failureThreshold(), Duration.ofSeconds(breaker.openSeconds())));
        storage = circuitBreaker;
        closeables.add(storage);
        Storage.seed(storage, cfg);
        policies.reload(cfg, loaded.file(), storage);
        catalogue = CatalogueSync.open(cfg, loaded.directory(), storage);
        closeables.add(catalogue);

        EngineSettings settings = engineSettings(cfg);
        // PINs imported as bcrypt hashes (Koha) are checked by a bcrypt library; our own PBKDF2 hashes by core
        PinVerifier pins = new PinVerifier(clock, settings.pins(), StoredHashes.check(SpringBcryptCheck.INSTANCE));
        FunctionCounter.builder("stackbridge.pin.slow.checks", pins, PinVerifier::slowChecks)
                .description("patron PINs checked by the slow hash (not answered from the PIN cache)").register(meters);
        FunctionCounter.builder("stackbridge.pin.locked.refusals", pins, PinVerifier::lockedRefusals)
                .description("patron PIN checks refused without hashing while the PIN was locked").register(meters);
        CirculationEngine engine = new CirculationEngine(clock, settings, policies::table, pins);
        IllEngine.registerWith(engine);
        org.stackbridge.core.cataloguing.CataloguingEngine.registerWith(engine, cfg.items().settings());
        CamelEventSink sink = new CamelEventSink();
        // patron PINs are hashed on their own threads (one per core, bounded queue), never on a storage thread
        PinHashing hashing = PinHashing.perCore();
        closeables.add(hashing);
        FunctionCounter.builder("stackbridge.pin.hashing.rejected", hashing, PinHashing::rejected)
                .description("PIN checks refused as busy because the PIN hashing queue was full").register(meters);
        local = new LocalCirculationPort(engine, storage, events -> {
            sink.published(events);
            if (settingsWatcher != null) {
                settingsWatcher.published(events);
            }
            // the engine creates records for ILL receipts: index them once committed
            if (events.stream().anyMatch(e -> e.type() == EventType.ILL_TRANSITION || e.type() == EventType.BIB_CREATED
                    || e.type() == EventType.BIB_UPDATED)) {
                catalogue.catchUp();
            }
        }, hashing);

        camel = new Main();
        // No Camel hangup hook: the command line's shutdown hook calls close(), which stops the listeners before Camel
        // (so in-flight commands finish) and Camel before the database.
        camel.setShutdownStrategy(new org.apache.camel.main.SimpleMainShutdownStrategy());
        camel.configure().withName("stackbridge").withJmxEnabled(false);
        BackendRegistry backends = new BackendRegistry(local, Map.of());
        camel.configure().addRoutesBuilder(new GatewayErrorHandling());
        camel.configure().addRoutesBuilder(new CirculationRoutes(backends, meters));
        camel.configure().addRoutesBuilder(new EventRoutes(meters, cfg.events().sinkUri()));
        camel.configure().addRoutesBuilder(new org.stackbridge.gateway.route.FederatedSearchRoutes(cfg.federation().targets()));
        camel.start();
        CamelContext context = camel.getCamelContext();
        ProducerTemplate template = context.createProducerTemplate();
        sink.attach(template);
        port = new CamelCirculationPort(template, local::available);
        federated = new org.stackbridge.gateway.bridge.CamelFederatedSearch(template);

        imports = new ImportJobRunner(cfg.imports(), Path.of(cfg.dataDir()).resolve("imports"), storage,
                new SecretHasher(cfg.security().hashIterations()), java.util.Set.copyOf(cfg.patronCategories()),
                java.util.Set.copyOf(cfg.itemTypes()), catalogue::changed, catalogue::flush, clock);
        closeables.add(imports);

        NcipSettings ncipSettings = ncipSettings(cfg);
        http = new AdminHttpServer(cfg.listeners().bind(), cfg.listeners().httpPort(),
                Math.max(Math.max(Math.max(ncipSettings.maxBodyBytes(), cfg.staffApi().maxBodyBytes()), 64 * 1024),
                        cfg.imports().maxBodyBytes()), null,
                ncipSettings.readTimeoutSeconds());
        http.proxyProtocol(cfg.listeners().proxyProtocolPolicy());
        // only import uploads may be as large as imports.max-body-bytes; everything else keeps its own limit
        http.limitBody("/", Math.max(Math.max(ncipSettings.maxBodyBytes(), cfg.staffApi().maxBodyBytes()), 64 * 1024));
        http.limitBody(StaffHttpEndpoint.PATH, cfg.staffApi().maxBodyBytes());
        http.limitBody(StaffHttpEndpoint.IMPORTS, Math.max(cfg.staffApi().maxBodyBytes(), cfg.imports().maxBodyBytes()));
        http.limitBody(ControlEndpoint.PATH, Math.max(64 * 1024, cfg.imports().maxBodyBytes()));
        new AdminApi(port, storage, meters, cfg.listeners().adminToken()).mountOn(http);
        new org.stackbridge.gateway.admin.HealthChecks(storage, this::unboundListeners, catalogue::isOpen, startupTasks).mountOn(http);
        ncip = new NcipHttpHandler(ncipSettings, port, meters);
        closeables.add(ncip);
        http.mount(ncipSettings.path(), ncip::handle, ncip::tooLargeResponse, ncip::badRequestResponse);
        ncipSettings.agencies().values().stream().map(a -> a.path()).filter(p -> p != null && !p.isBlank()).distinct()
                .forEach(p -> http.mount(p, ncip::handle, ncip::tooLargeResponse, ncip::badRequestResponse));
        org.stackbridge.gateway.federation.RemoteCopyCatalogue copyCatalogue =
                new org.stackbridge.gateway.federation.RemoteCopyCatalogue(cfg.federation().targets(), clock);
        closeables.add(copyCatalogue);
        notices = org.stackbridge.gateway.notice.NoticeJob.create(loaded, storage, port, clock, policies::table, node, noticeMailerHook);
        closeables.add(notices);
        if (!notices.mails()) {
            LOG.warn("notices: no SMTP host configured (notices.smtp.host), so e-mail notices go to the print batch");
        } else if (cfg.notices().mailsToFolder()) {
            LOG.warn("notices: no SMTP host configured; e-mail notices are written to the folder {}",
                    org.stackbridge.gateway.notice.NoticeJob.mailFolder(loaded).toAbsolutePath());
        }
        org.stackbridge.gateway.importer.Marc4jCataloguing marcCataloguing = new org.stackbridge.gateway.importer.Marc4jCataloguing(catalogue::reindex);
        sip2Profiles = new TerminalProfileRegistry(cfg.sip2().profiles(), cfg.sip2().profile("default")).reload(storage);
        reloader = new ConfigReloader(() -> loaded, next -> loaded = next, storage, clock, policies, sip2Profiles, () -> sip2, ncip,
                path -> http.mountIfAbsent(path, ncip::handle, ncip::tooLargeResponse, ncip::badRequestResponse), notices,
                () -> libraryCacheRefresh.run());
        StaffServices staffServices = StaffServices.defaults(storage, clock)
                .withAdmin(Administration.of(cfg, () -> sip2, sip2Profiles))
                .withReports(new ReportCatalogue(storage, clock, cfg.reports().maxRangeDays()))
                .withPinHasher(new org.stackbridge.core.security.SecretHasher(cfg.security().hashIterations()))
                .withIllPartners(org.stackbridge.staff.resource.IllPartners.of(ncipSettings.agencies().keySet()))
                .withCataloguing(marcCataloguing, copyCatalogue)
                .withImportJobs(imports)
                .withNotices(notices)
                .withConfigurationReload(reloader)
                .withAgencyTraces(ncip.trace());
        staffApi = new StaffHttpEndpoint(cfg.staffApi(), port, storage, clock, staffServices,
                Duration.ofSeconds(cfg.engine().settingsRefreshSeconds()));
        closeables.add(staffApi);
        settingsWatcher = new SettingsWatcher(storage, () -> {
            policies.refresh(storage);
            sip2Profiles.reload(storage);
            libraryCacheRefresh.run();
        }, staffApi.sessions())
                .start(Duration.ofSeconds(cfg.engine().settingsRefreshSeconds()));
        closeables.add(settingsWatcher);
        http.mount(StaffHttpEndpoint.PATH, staffApi::handle, staffApi::tooLargeResponse, staffApi::badRequestResponse);
        http.mount(StaffOpenApi.PATH, (request, remote) -> staffApi.openApi(request, BuildInfo.current().version()));
        console = new ConsoleHttpEndpoint(cfg.staffConsole(), port, storage, staffApi.throttle(), clock, staffServices,
                staffApi.sessions(), new org.stackbridge.staff.console.ConsoleCataloguing(catalogue.index(), marcCataloguing, copyCatalogue,
                        Currency.getInstance(cfg.engine().currency())));
        closeables.add(console);
        http.mount(ConsoleHttpEndpoint.PATH, console::handle, console::tooLargeResponse, console::badRequestResponse);
        maintenance = new Maintenance(port, local, meters)
                .anonymiseLoanHistoryAfterDays(cfg.circulation().anonymiseLoanHistoryAfterDays())
                .purgingStaffTokens(staffApi.sessions()::purgeExpired)
                .withLease(new org.stackbridge.gateway.job.JobLease(storage, clock, "housekeeping", node,
                        Duration.ofMinutes(cfg.engine().maintenanceMinutes()).plusMinutes(5)), notices::scheduled)
                .start(Duration.ofMinutes(cfg.engine().maintenanceMinutes()));
        closeables.add(maintenance);
        startListeners(cfg);
        ControlFile control = ControlFile.fresh(cfg.listeners().bind(), 0);
        ControlEndpoint controlEndpoint = new ControlEndpoint(control.token(), commands, imports);
        closeables.add(controlEndpoint);
        http.mount(ControlEndpoint.PATH, controlEndpoint::handle);
        bind("HTTP", cfg.listeners().httpPort(), "listeners.http-port", () -> {
            http.start();
            return http;
        });
        writePortsFile(Path.of(cfg.dataDir()));
        controlFile = new ControlFile(control.host(), http.port(), control.token(), control.pid());
        controlFile.write(Path.of(cfg.dataDir()));
        LOG.info("Stackbridge started: HTTP {}:{}", cfg.listeners().bind(), http.port());
    }

    /**
     * Fails fast, before the database and Camel start, when a configured port is taken: binds and releases each
     * fixed port once. The listeners' own binds later still report a port taken in between as {@link PortInUse}.
     */
    private void checkPortsAreFree(GatewayConfig cfg) throws Exception {
        List<ListenerPort> ports = new ArrayList<>(List.of(new ListenerPort("HTTP", cfg.listeners().httpPort(), "listeners.http-port"),
                new ListenerPort("SIP2", cfg.listeners().sip2Port(), "listeners.sip2-port"),
                new ListenerPort("Z39.50", cfg.listeners().z3950Port(), "listeners.z3950-port")));
        if (cfg.sip2().tls() != null && cfg.sip2().tls().enabled()) {
            ports.add(new ListenerPort("SIP2 TLS", cfg.sip2().tls().port(), "sip2.tls.port"));
        }
        for (ListenerPort p : ports) {
            if (p.port() == 0) {
                continue;
            }
            bind(p.what(), p.port(), p.setting(), () -> {
                try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
                    probe.bind(new java.net.InetSocketAddress(cfg.listeners().bind(), p.port()));
                }
                return null;
            });
        }
    }

    private record ListenerPort(String what, int port, String setting) {
    }

    /** Starts a listener; an operating system refusal to bind becomes a {@link PortInUse} naming the setting. */
    private <T> T bind(String what, int port, String setting, java.util.concurrent.Callable<T> start) throws Exception {
        try {
            return start.call();
        } catch (Exception e) {
            if (PortInUse.isBindFailure(e)) {
                throw new PortInUse(what, loaded.config().listeners().bind(), port, setting, e);
            }
            throw e;
        }
    }

    /** The protocol listeners that are not bound now (for {@code /health/ready}); empty when all are. */
    private List<String> unboundListeners() {
        List<String> down = new ArrayList<>();
        if (sip2 == null || !sip2.isBound()) {
            down.add("SIP2");
        }
        if (z3950 == null || !z3950.isBound()) {
            down.add("Z39.50");
        }
        return down;
    }

    /**
     * Work that must finish before {@code /health/ready} says ready although the listeners are bound; begin a task
     * before {@link #start()} so no check in between finds the gateway ready.
     */
    public org.stackbridge.gateway.admin.StartupTasks startupTasks() {
        return startupTasks;
    }

    /** The bound ports, for scripts and tests that start the gateway with port 0. */
    public Map<String, Integer> boundPorts() {
        Map<String, Integer> ports = new java.util.LinkedHashMap<>();
        ports.put("http", http.port());
        ports.put("sip2", sip2.port());
        if (sip2.tlsPort() > 0) {
            ports.put("sip2-tls", sip2.tlsPort());
        }
        ports.put("z3950", z3950.port());
        return ports;
    }

    private void writePortsFile(Path dataDir) throws java.io.IOException {
        StringBuilder sb = new StringBuilder();
        boundPorts().forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        java.nio.file.Files.createDirectories(dataDir);
        Path tmp = dataDir.resolve("stackbridge.ports.tmp");
        java.nio.file.Files.writeString(tmp, sb);
        java.nio.file.Files.move(tmp, dataDir.resolve("stackbridge.ports"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** NCIP amounts are in the engine's currency unless the ncip section names one. */
    private NcipSettings ncipSettings(GatewayConfig cfg) {
        NcipSettings n = cfg.ncip();
        if (loaded.lines().containsKey("ncip.currency")) {
            return n;
        }
        return new NcipSettings(n.path(), n.maxBodyBytes(), n.openMode(), n.agencies(), n.libraries(), n.defaults(),
                cfg.engine().currency(), n.workerThreads(), n.readTimeoutSeconds());
    }

    /** Protocol listeners, started after Camel so their first request finds the routes running. */
    private void startListeners(GatewayConfig cfg) throws Exception {
        boolean tls = cfg.sip2().tls() != null && cfg.sip2().tls().enabled();
        sip2 = bind("SIP2", cfg.listeners().sip2Port(), tls ? "listeners.sip2-port (or, for port " + cfg.sip2().tls().port()
                + ", sip2.tls.port)" : "listeners.sip2-port",
                () -> new Sip2Server(cfg.sip2().withAddress(cfg.listeners().bind(), cfg.listeners().sip2Port()), port, meters, clock,
                        sip2Profiles).proxyProtocol(cfg.listeners().proxyProtocolPolicy()).start());
        closeables.add(sip2);
        // the federated virtual database, when remote targets are configured (searches go through the Camel route)
        org.stackbridge.z3950.config.VirtualDatabase virtual = cfg.federation().targets().isEmpty() ? null
                : new org.stackbridge.z3950.config.VirtualDatabase(cfg.federation().databaseName(), federated,
                cfg.federation().maxRecordsPerTarget());
        z3950 = new Z3950Server(cfg.z3950().withAddress(cfg.listeners().bind(), cfg.listeners().z3950Port()), catalogue.index(), port, meters,
                virtual);
        z3950.proxyProtocol(cfg.listeners().proxyProtocolPolicy());
        closeables.add(z3950);
        bind("Z39.50", cfg.listeners().z3950Port(), "listeners.z3950-port", () -> {
            z3950.start();
            return z3950;
        });
        http.mount("/sru", z3950.sruHandler()::handle);
    }

    /** The federated search over federation.targets (the {@code federated-search} route). */
    public org.stackbridge.core.catalogue.FederatedSearch federatedSearch() {
        return federated;
    }

    public CamelCirculationPort port() {
        return port;
    }

    public LocalCirculationPort localPort() {
        return local;
    }

    public TransactionRunner storage() {
        return storage;
    }

    /** The circuit breaker in front of the storage (its state, for health output and tests). */
    public StorageCircuitBreaker circuitBreaker() {
        return circuitBreaker;
    }

    public Maintenance maintenance() {
        return maintenance;
    }

    /** The notices job (issue #13). */
    public org.stackbridge.gateway.notice.NoticeJob notices() {
        return notices;
    }

    /** This gateway's name among the nodes sharing its database (job leases). */
    public String node() {
        return node;
    }

    /** Wraps the SMTP mailer of the notices job (tests make deliveries fail with it); before {@link #start()}. */
    public Gateway withNoticeMailer(java.util.function.UnaryOperator<org.stackbridge.gateway.notice.NoticeMailer> hook) {
        this.noticeMailerHook = hook;
        return this;
    }

    /**
     * How the control endpoint runs a command line forwarded by {@code bin/stackbridge} (set by the command line
     * that starts the gateway, before {@link #start()}).
     */
    public Gateway withCommands(ControlEndpoint.CommandRunner runner) {
        this.commands = runner;
        return this;
    }

    /** The import jobs of {@code /api/v1/imports} and the command line. */
    public ImportJobRunner imports() {
        return imports;
    }

    public StaffHttpEndpoint staffApi() {
        return staffApi;
    }

    /** The staff web console at /console/. */
    public ConsoleHttpEndpoint console() {
        return console;
    }

    /**
     * Reloads the configuration from the file(s) and overrides this gateway was started with ({@code kill -HUP},
     * {@code POST /api/v1/admin/reload}, {@code bin/stackbridge reload}); see {@link ConfigReloader}.
     */
    public org.stackbridge.core.port.ConfigurationReload configurationReload() {
        return reloader;
    }

    public Policies policies() {
        return policies;
    }

    public PrometheusMeterRegistry meters() {
        return meters;
    }

    public CamelContext camelContext() {
        return camel.getCamelContext();
    }

    /** The NCIP endpoint once started (null before). */
    public NcipHttpHandler ncip() {
        return ncip;
    }

    public Sip2Server sip2() {
        return sip2;
    }

    public CatalogueSync catalogue() {
        return catalogue;
    }

    public Z3950Server z3950() {
        return z3950;
    }

    public int httpPort() {
        return http.port();
    }

    @Override
    public void close() {
        if (controlFile != null) {
            controlFile.remove(Path.of(loaded.config().dataDir()));
        }
        if (http != null) {
            http.close();
        }
        for (int i = closeables.size() - 1; i >= 0; i--) {
            AutoCloseable c = closeables.get(i);
            if (c == storage) {
                continue;
            }
            closeQuietly(c);
        }
        if (camel != null) {
            camel.stop();
        }
        if (storage != null) {
            storage.close();
        }
        if (meters != null) {
            meters.close();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("error while closing {}", c, e);
        }
    }

}
