package org.stackbridge.gateway;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.stackbridge.core.testing.TestClock;

/**
 * What the tests of state kept in the database for every node (console sessions, API tokens) share: gateway nodes on one
 * database, H2 in a node's data directory (restarts on the same data) or one PostgreSQL database several nodes share,
 * on a fixed clock, with staff accounts of one password.
 */
abstract class SharedDatabaseNodes {

    static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
    static final String PASSWORD = "correct horse";

    abstract TestGateways.Store store();

    @TempDir
    Path data;

    final TestClock clock = new TestClock(T0);

    /** The {@code engine} line of the nodes' configuration. */
    String engineYaml() {
        return "engine: {maintenance-minutes: 0}";
    }

    /** The YAML of a gateway on this test's database: H2 in {@code dir}, or one PostgreSQL database shared by every node. */
    String[] yaml(String postgresUrl) {
        List<String> lines = new ArrayList<>(List.of("libraries:", "  - {code: MAIN, name: Main Library}", "security: {hash-iterations: 1000}",
                engineYaml()));
        if (postgresUrl != null) {
            lines.add("database: {url: \"" + postgresUrl + "\", user: postgres, password: postgres}");
        }
        return lines.toArray(String[]::new);
    }

    Gateway start(Path dir, String postgresUrl) throws Exception {
        Files.createDirectories(dir);
        return TestGateways.start(TestGateways.Store.H2, dir, clock, yaml(postgresUrl));
    }

    /** A new PostgreSQL database for this test's nodes, or null on H2. */
    String postgresUrlOrNull() {
        return store() == TestGateways.Store.POSTGRES ? TestGateways.freshPostgresUrl() : null;
    }
}
