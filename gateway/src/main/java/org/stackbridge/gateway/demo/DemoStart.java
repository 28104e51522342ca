package org.stackbridge.gateway.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.stackbridge.core.security.SecretHasher;
import org.stackbridge.gateway.Gateway;
import org.stackbridge.gateway.config.ConfigLoader;
import org.stackbridge.gateway.config.GatewayConfig;

/**
 * Starts the demo library on a data directory: writes its configuration ({@code demo.yaml}), starts the gateway on
 * {@code clock}, loads the generated library ({@link DemoData}) and replays its past two months ({@link DemoHistory}).
 * A second start on the same directory finds everything there and adds nothing. {@code bin/stackbridge demo} runs it;
 * so do the tests.
 */
public final class DemoStart {

    private static final String DEMO_DATA = "demo data";

    private DemoStart() {
    }

    /** The started gateway and what was loaded. */
    public record Running(Gateway gateway, ConfigLoader.Loaded loaded, String summary, String history) {
    }

    /**
     * @param sets        {@code KEY=VALUE} overrides, as {@code --set}
     * @param beforeStart runs on the gateway before it starts (the command line hosts its commands there)
     */
    public static Running start(Path dir, Clock clock, List<String> sets, Consumer<Gateway> beforeStart) throws Exception {
        Files.createDirectories(dir);
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
        Gateway gateway = new Gateway(loaded, clock);
        // /health/ready answers 503 "startup: PENDING: demo data" until the demo library is loaded and indexed
        gateway.startupTasks().begin(DEMO_DATA);
        beforeStart.accept(gateway);
        gateway.start();
        try {
            String summary = DemoData.load(gateway.storage(), hasher, clock.instant(), gateway.catalogue()::changed);
            String history = DemoHistory.replay(gateway, clock.instant());
            gateway.catalogue().flush();
            gateway.startupTasks().done(DEMO_DATA);
            return new Running(gateway, loaded, summary, history);
        } catch (Exception | Error e) {
            gateway.close();
            throw e;
        }
    }
}
