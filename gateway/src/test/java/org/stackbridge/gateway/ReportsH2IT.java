package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/** {@link ReportsContract} on the H2 store. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportsH2IT extends ReportsContract {
    @Override
    TestGateways.Store store() {
        return TestGateways.Store.H2;
    }

    /**
     * {@code bin/stackbridge report} in a JVM of its own, as a technician runs it beside the demo: the embedded database
     * file is the running gateway's, so the command must go to the gateway instead of opening the file (it failed with
     * "database in use" before).
     */
    @Test
    @Order(1) // first: a CLI that wrongly opened the file in this JVM would share, then close, the gateway's database
    @Timeout(120)
    void reportFromAnotherProcessWhileTheGatewayRunsOnTheFile() throws Exception {
        Path out = data.resolve("by-channel.csv");
        Path log = data.resolve("report-process.log");
        try (var l = Files.list(data)) { Files.writeString(Path.of("/tmp/repdbg.txt"), l.map(Object::toString).collect(java.util.stream.Collectors.joining("\n")) + "\n" + Files.readString(Path.of("/proc/locks")) + "\n" + ProcessHandle.current().pid() + "\n" + data.resolve("stackbridge.yaml") + ":\n" + Files.readString(data.resolve("stackbridge.yaml"))); }
        try (ServeProcess report = ServeProcess.start(log, cliArgs("report", "circulation", "--from", "2026-11-02", "--to",
                "2026-11-10", "--by", "channel", "--format", "csv", "--output", out.toString()).toArray(String[]::new))) {
            assertTrue(report.process().waitFor(90, TimeUnit.SECONDS), "report did not finish: " + report.log());
            assertEquals(0, report.process().exitValue(), report.log());
            Files.writeString(Path.of("/tmp/replog.txt"), report.log());
        }
        assertEquals(List.of("period,channel,checkouts,renewals,checkins,borrowers,checkout_share", "2026-11-02,desk,1,0,0,1,25.0",
                "2026-11-02,kiosk,3,0,0,2,75.0", "2026-11-03,kiosk,0,1,1,0,0.0", "2026-11-03,ncip,1,0,0,1,100.0",
                "2026-11-10,desk,1,0,1,1,100.0"), Files.readAllLines(out));
    }
}
