package org.stackbridge.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stackbridge.gateway.cli.StackbridgeCli;

/**
 * {@link ReportsContract} on PostgreSQL, and the CLI's {@code report} against the same database while the gateway
 * serves (on H2 the embedded database belongs to the running gateway alone).
 */
class ReportsPostgresIT extends ReportsContract {
    @Override
    TestGateways.Store store() {
        return TestGateways.Store.POSTGRES;
    }

    @Test
    void theCliPrintsTheSameReportWhileTheGatewayServes() throws Exception {
        Path out = data.resolve("circulation.csv");
        assertEquals(0, cli("report", "circulation", "--from", "2026-11-02", "--to", "2026-11-10", "--format", "csv",
                "--output", out.toString()));
        assertEquals(List.of("period,checkouts,renewals,checkins,borrowers", "2026-11-02,4,0,0,3", "2026-11-03,1,1,1,1",
                "2026-11-10,1,0,1,1"), Files.readAllLines(out));
        assertEquals(2, cli("report", "circulation", "--from", "2026-11-10", "--to", "2026-11-02"));
        assertEquals(2, cli("report", "nonsense", "--from", "2026-11-02", "--to", "2026-11-10"));
    }

    private int cli(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--config", data.resolve("stackbridge.yaml").toString(), "--data", data.toString(),
                "--set", "database.url=" + gateway.config().database().url(), "--set", "database.user=postgres",
                "--set", "database.password=postgres"));
        return StackbridgeCli.run(all.toArray(String[]::new));
    }
}
