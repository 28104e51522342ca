package org.stackbridge.gateway.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.gateway.Gateway;
import org.stackbridge.gateway.config.ConfigLoader;
import org.stackbridge.gateway.config.GatewayConfig;
import org.stackbridge.gateway.demo.DemoData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code demo}: a fresh generated library in a temporary data directory, served on the usual ports. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Serve a fresh demo library from a temporary data directory.")
final class DemoCommand implements Callable<Integer> {

    private static final String DEMO_DATA = "demo data";

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a setting, e.g. --set listeners.http-port=9090.")
    List<String> sets = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("stackbridge-demo");
        SecretHasher hasher = new SecretHasher(10_000);
        GatewayConfig base = DemoData.config(dir, hasher);
        ConfigLoader loader = new ConfigLoader();
        Path file = dir.resolve("demo.yaml");
        // listeners.* decide the SIP2 address, so the section must not carry its own
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) loader.objectMapper().valueToTree(base);
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("sip2")).remove(List.of("host", "port"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("z3950")).remove(List.of("host", "port"));
        loader.objectMapper().writeValue(file.toFile(), tree);
        ConfigLoader.Loaded loaded = loader.load(file, System.getenv(), sets);
        Gateway gateway = new Gateway(loaded, Clock.systemDefaultZone());
        // /health/ready answers 503 "startup: PENDING: demo data" until the demo library is loaded and indexed
        gateway.startupTasks().begin(DEMO_DATA);
        HangupSignal.install(gateway::configurationReload);
        gateway.withCommands(StackbridgeCli.hostedRunner(gateway)).start();
        String summary = DemoData.load(gateway.storage(), hasher, Clock.systemUTC().instant(), gateway.catalogue()::changed);
        gateway.catalogue().flush();
        gateway.startupTasks().done(DEMO_DATA);
        GatewayConfig cfg = loaded.config();
        System.out.println();
        System.out.println("Stackbridge demo is running (data in " + dir + ")");
        System.out.println("  loaded: " + summary);
        System.out.println("  SIP2:   " + cfg.listeners().bind() + ":" + gateway.sip2().port() + " (TLS " + gateway.sip2().tlsPort() + ", self-signed)");
        System.out.println("  Z39.50: " + cfg.listeners().bind() + ":" + gateway.z3950().port() + "/Default   SRU: http://"
                + cfg.listeners().bind() + ":" + gateway.httpPort() + "/sru");
        System.out.println("  HTTP:   http://" + cfg.listeners().bind() + ":" + gateway.httpPort() + "/health  /metrics  /api/patrons/P0001");
        System.out.println("  SIP2 login " + DemoData.SIP2_LOGIN + "/" + DemoData.SIP2_PASSWORD + " (institution MAIN), patrons P0001-P0020 PIN "
                + DemoData.PIN + ", items I0001-I0150");
        System.out.println("  NCIP:   POST http://" + cfg.listeners().bind() + ":" + gateway.httpPort() + "/ncip  (FromAgencyId "
                + DemoData.NCIP_PARTNER + ", FromAgencyAuthentication " + DemoData.NCIP_SECRET + ")");
        System.out.println("  Staff API: POST http://" + cfg.listeners().bind() + ":" + gateway.httpPort() + "/api/v1/auth/login  (login "
                + DemoData.STAFF_LOGIN + ", password " + DemoData.STAFF_PASSWORD + ", librarian at MAIN)");
        System.out.println("  Console:   http://" + cfg.listeners().bind() + ":" + gateway.httpPort() + "/console/  (sign in as "
                + DemoData.STAFF_LOGIN + " / " + DemoData.STAFF_PASSWORD + ")");
        if (cfg.notices().mailsToFolder()) {
            System.out.println("  Mail:      e-mail notices are written as .eml files to "
                    + org.stackbridge.gateway.notice.NoticeJob.mailFolder(loaded).toAbsolutePath() + " (stackbridge notices run)");
        }
        System.out.println("Press Ctrl-C to stop.");
        StackbridgeCli.awaitShutdown(gateway);
        return 0;
    }

}
