package org.stackbridge.gateway.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.stackbridge.gateway.Gateway;
import org.stackbridge.gateway.config.ConfigLoader;
import org.stackbridge.gateway.config.GatewayConfig;
import org.stackbridge.gateway.demo.DemoData;
import org.stackbridge.gateway.demo.DemoStart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code demo}: the generated library with two months of history, in a temporary (or given) data directory, served on the usual ports. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Serve a fresh demo library from a temporary data directory.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a setting, e.g. --set listeners.http-port=9090.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--data", paramLabel = "DIR",
            description = "Keep the demo library in DIR (created if missing; a second start on it adds nothing) instead of a new temporary directory.")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        Path dir = dataDir != null ? dataDir.toAbsolutePath() : Files.createTempDirectory("stackbridge-demo");
        DemoStart.Running running = DemoStart.start(dir, Clock.systemDefaultZone(), sets,
                g -> g.withCommands(StackbridgeCli.hostedRunner(g)));
        Gateway gateway = running.gateway();
        ConfigLoader.Loaded loaded = running.loaded();
        HangupSignal.install(gateway::configurationReload);
        String summary = running.summary();
        GatewayConfig cfg = loaded.config();
        System.out.println();
        System.out.println("Stackbridge demo is running (data in " + dir + ")");
        System.out.println("  loaded: " + summary + "; history: " + running.history());
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
        String data = " --data " + dir;
        System.out.println("  Try (in another terminal; the commands reach this running demo):");
        System.out.println("    bin/stackbridge notices run" + data + "      overdue, pre-due, hold, fee and card notices due today");
        System.out.println("    bin/stackbridge notices list" + data + "     what was sent to whom (the console: Notices)");
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        System.out.println("    bin/stackbridge report circulation --from " + today.minusDays(62) + " --to " + today + " --by channel" + data);
        System.out.println("      the kiosk (SIP2), desk and NCIP share of two months' loans (the console: Reports, with charts)");
        System.out.println("    the print batch of patrons who asked for paper: GET /api/v1/notices/print-batch.pdf (console: Notices)");
        System.out.println("Press Ctrl-C to stop.");
        StackbridgeCli.awaitShutdown(gateway);
        return 0;
    }

}
